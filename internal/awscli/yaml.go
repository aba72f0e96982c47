package awscli

import (
	"fmt"
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
