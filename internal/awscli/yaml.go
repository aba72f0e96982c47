package awscli

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// AppendYAML appends v as the AWS CLI's yaml output prints it: ruamel.yaml's
// safe dumper in block style, keys sorted, sequences in a mapping not
// indented, strings quoted only where a YAML 1.2 reader would take them
// for something else, long lines folded at 80 columns. A scalar (or
// nothing) at the top is written as compact JSON, as the AWS CLI does.
//
// This is an emitter of our own rather than a YAML library's: the output
// must match ruamel's layout and quoting byte for byte, which no Go YAML
// emitter reproduces (indentation of sequences, quote style, folding).
func AppendYAML(b []byte, v any) []byte {
	if isScalar(v) {
		b = AppendJSON(b, v, -1)
		if f, ok := v.(float64); ok {
			b = append(b[:len(b)-len(pyFloat(f))], pyFloat(f)...)
		}
		return append(b, '\n')
	}
	e := &yamlEmitter{b: b}
	e.node(v, 0, false)
	if e.column > 0 {
		e.b = append(e.b, '\n')
	}
	return e.b
}

type yamlEmitter struct {
	b      []byte
	column int
}

const yamlWidth = 80

func (e *yamlEmitter) write(s string) {
	e.b = append(e.b, s...)
	e.column += utf8.RuneCountInString(s)
}

func (e *yamlEmitter) newline(indent int) {
	e.b = append(e.b, '\n')
	e.b = append(e.b, strings.Repeat(" ", indent)...)
	e.column = indent
}

// node writes v, whose first line continues the current line, as the
// content of a collection at indent; inline tells whether v begins right
// after a "- " (so a mapping's first key stays on that line).
func (e *yamlEmitter) node(v any, indent int, inline bool) {
	switch v := v.(type) {
	case Map:
		if len(v) == 0 {
			e.write("{}")
			return
		}
		for i, f := range sortedMembers(v) {
			if i > 0 || !inline {
				if e.column > 0 || i > 0 {
					e.newline(indent)
				}
			}
			e.scalar(f.Key, indent, true)
			e.write(":")
			e.value(f.Value, indent)
		}
	case []any:
		if len(v) == 0 {
			e.write("[]")
			return
		}
		for i, item := range v {
			if i > 0 || !inline {
				if e.column > 0 || i > 0 {
					e.newline(indent)
				}
			}
			e.write("- ")
			e.item(item, indent+2)
		}
	default:
		e.scalar(v, indent, false)
	}
}

// value writes the value of a mapping key whose keys are at indent.
func (e *yamlEmitter) value(v any, indent int) {
	switch v := v.(type) {
	case Map:
		if len(v) == 0 {
			e.write(" {}")
			return
		}
		e.newline(indent + 2)
		e.node(v, indent+2, true)
	case []any:
		if len(v) == 0 {
			e.write(" []")
			return
		}
		e.newline(indent)
		e.node(v, indent, true)
	default:
		e.write(" ")
		e.scalar(v, indent+2, false)
	}
}

// item writes a sequence item after its "- "; indent is the column of the
// item's content.
func (e *yamlEmitter) item(v any, indent int) {
	switch v := v.(type) {
	case Map, []any:
		e.node(v, indent, true)
	default:
		e.scalar(v, indent, false)
	}
}

// scalar writes a scalar; indent is where folded lines continue.
func (e *yamlEmitter) scalar(v any, indent int, key bool) {
	switch v := v.(type) {
	case nil:
		e.write("null")
	case bool:
		e.write(strconv.FormatBool(v))
	case int:
		e.write(strconv.Itoa(v))
	case float64:
		e.write(yamlFloat(v))
	case string:
		a := analyzeScalar(v)
		switch {
		case v != "" && !a.multiline && a.plain && !resolvesAsNonString(v):
			e.plain(v, indent, !key)
		case a.singleQuoted && !(key && a.multiline):
			e.singleQuoted(v, indent, !key)
		default:
			e.doubleQuoted(v)
		}
	default:
		panic(fmt.Sprintf("awscli: AppendYAML of %T", v))
	}
}

func yamlFloat(f float64) string {
	s := pyFloat(f)
	switch s {
	case "Infinity":
		return ".inf"
	case "-Infinity":
		return "-.inf"
	case "NaN":
		return ".nan"
	}
	return s
}

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

type scalarAnalysis struct {
	multiline    bool
	plain        bool // allowed as a plain scalar in block context
	singleQuoted bool
}

// analyzeScalar is ruamel's Emitter.analyze_scalar for YAML 1.2 with
// unicode allowed, reduced to what block output needs.
func analyzeScalar(s string) scalarAnalysis {
	if s == "" {
		return scalarAnalysis{plain: true, singleQuoted: true}
	}
	var blockInd, lineBreaks, special bool
	var leadingSpace, leadingBreak, trailingSpace, trailingBreak, breakSpace, spaceBreak bool
	if strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		blockInd = true
	}
	rs := []rune(s)
	ws := func(i int) bool {
		return i >= len(rs) || rs[i] == 0 || rs[i] == ' ' || rs[i] == '\t' || rs[i] == '\r' || isBreak(rs[i])
	}
	precededByWS := true
	followedByWS := len(rs) == 1 || ws(1)
	prevSpace, prevBreak := false, false
	for i, ch := range rs {
		if i == 0 {
			if strings.ContainsRune("#,[]{}&*!|>'\"%@`", ch) {
				blockInd = true
			}
			if (ch == '?' || ch == ':') && followedByWS {
				blockInd = true
			}
			if ch == '-' && followedByWS {
				blockInd = true
			}
		} else {
			if ch == ':' && followedByWS {
				blockInd = true
			}
			if ch == '#' && precededByWS {
				blockInd = true
			}
		}
		if isBreak(ch) {
			lineBreaks = true
		}
		if !(ch == '\n' || ch >= 0x20 && ch <= 0x7E) {
			// ruamel counts characters beyond the BMP as special: it escapes them.
			uni := (ch == 0x85 || ch >= 0xA0 && ch <= 0xD7FF || ch >= 0xE000 && ch <= 0xFFFD) && ch != 0xFEFF
			if !uni {
				special = true
			}
		}
		switch {
		case ch == ' ':
			if i == 0 {
				leadingSpace = true
			}
			if i == len(rs)-1 {
				trailingSpace = true
			}
			if prevBreak {
				breakSpace = true
			}
			prevSpace, prevBreak = true, false
		case isBreak(ch):
			if i == 0 {
				leadingBreak = true
			}
			if i == len(rs)-1 {
				trailingBreak = true
			}
			if prevSpace {
				spaceBreak = true
			}
			prevSpace, prevBreak = false, true
		default:
			prevSpace, prevBreak = false, false
		}
		precededByWS = ch == 0 || ch == ' ' || ch == '\t' || ch == '\r' || isBreak(ch)
		followedByWS = ws(i + 2)
	}
	a := scalarAnalysis{multiline: lineBreaks, plain: true, singleQuoted: true}
	if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
		a.plain = false
	}
	if breakSpace {
		a.plain, a.singleQuoted = false, false
	}
	if spaceBreak || special {
		a.plain, a.singleQuoted = false, false
	}
	if lineBreaks || blockInd {
		a.plain = false
	}
	return a
}

// The implicit resolvers of ruamel.yaml for YAML 1.2: a plain scalar that
// one of them matches would not read back as a string.
var yamlResolvers = []struct {
	first string
	re    *regexp.Regexp
}{
	{"tTfF", regexp.MustCompile(`^(?:true|True|TRUE|false|False|FALSE)$`)},
	{"-+0123456789.", regexp.MustCompile(`^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`)},
	{"-+0123456789", regexp.MustCompile(`^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$`)},
	{"<", regexp.MustCompile(`^(?:<<)$`)},
	{"~nN", regexp.MustCompile(`^(?:~|null|Null|NULL)$`)},
	{"0123456789", regexp.MustCompile(`^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$`)},
	{"=", regexp.MustCompile(`^(?:=)$`)},
}

func resolvesAsNonString(s string) bool {
	for _, r := range yamlResolvers {
		if strings.ContainsRune(r.first, []rune(s)[0]) && r.re.MatchString(s) {
			return true
		}
	}
	return false
}
