package awscli

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// plain is ruamel's write_plain: a single space is folded into a line
// break once the line is past the width.
func (e *yamlEmitter) plain(s string, indent int, split bool) {
	rs := []rune(s)
	spaces := false
	start := 0
	for end := 0; end <= len(rs); end++ {
		var ch rune = -1
		if end < len(rs) {
			ch = rs[end]
		}
		if spaces {
			if ch != ' ' {
				if start+1 == end && e.column > yamlWidth && split {
					e.newline(indent)
				} else {
					e.write(string(rs[start:end]))
				}
				start = end
			}
		} else if ch == -1 || ch == ' ' {
			e.write(string(rs[start:end]))
			start = end
		}
		spaces = ch == ' '
	}
}

func isBreak(r rune) bool { return r == '\n' || r == 0x85 || r == 0x2028 || r == 0x2029 }

// singleQuoted is ruamel's write_single_quoted.
func (e *yamlEmitter) singleQuoted(s string, indent int, split bool) {
	e.write("'")
	rs := []rune(s)
	spaces, breaks := false, false
	start := 0
	for end := 0; end <= len(rs); end++ {
		var ch rune = -1
		if end < len(rs) {
			ch = rs[end]
		}
		switch {
		case spaces:
			if ch != ' ' {
				if start+1 == end && e.column > yamlWidth && split && start != 0 && end != len(rs) {
					e.newline(indent)
				} else {
					e.write(string(rs[start:end]))
				}
				start = end
			}
		case breaks:
			if ch == -1 || !isBreak(ch) {
				if rs[start] == '\n' {
					e.b = append(e.b, '\n')
				}
				for _, br := range rs[start:end] {
					if br == '\n' {
						e.b = append(e.b, '\n')
					} else {
						e.b = utf8.AppendRune(e.b, br)
					}
				}
				e.b = append(e.b, strings.Repeat(" ", indent)...)
				e.column = indent
				start = end
			}
		default:
			if ch == -1 || ch == ' ' || isBreak(ch) || ch == '\'' {
				if start < end {
					e.write(string(rs[start:end]))
					start = end
				}
			}
		}
		if ch == '\'' {
			e.write("''")
			start = end + 1
		}
		if ch != -1 {
			spaces, breaks = ch == ' ', isBreak(ch)
		}
	}
	e.write("'")
}

var yamlEscapes = map[rune]string{
	0: "0", 0x07: "a", 0x08: "b", 0x09: "t", 0x0A: "n", 0x0B: "v", 0x0C: "f",
	0x0D: "r", 0x1B: "e", '"': "\"", '\\': "\\", 0x85: "N", 0xA0: "_",
	0x2028: "L", 0x2029: "P",
}

// doubleQuoted writes s in double quotes with YAML escapes (no folding).
func (e *yamlEmitter) doubleQuoted(s string) {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if esc, ok := yamlEscapes[r]; ok {
			b.WriteString("\\" + esc)
			continue
		}
		switch {
		case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF:
			b.WriteRune(r)
		case r <= 0xFF:
			fmt.Fprintf(&b, "\\x%02X", r)
		case r <= 0xFFFF:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			fmt.Fprintf(&b, "\\U%08X", r)
		}
	}
	b.WriteByte('"')
	e.write(b.String())
}
