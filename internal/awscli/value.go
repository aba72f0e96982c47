// Package awscli reproduces, byte for byte, what the AWS CLI v2 prints for a
// response: its json, text, table, yaml and yaml-stream output, its
// --query (JMESPath) evaluation, and its pagination tokens.
//
// Values are the JSON-like trees the AWS CLI formats: nil, bool, int,
// float64, string, [Map] and []any. A Map keeps its members in order, as
// the AWS CLI's Python dictionaries do, since json output follows that
// order.
package awscli

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Map is a JSON object whose members keep their order.
type Map []Member

// A Member is one key and value of a Map.
type Member struct {
	Key   string
	Value any
}

// Get returns the value of key and whether m has it.
func (m Map) Get(key string) (any, bool) {
	for _, f := range m {
		if f.Key == key {
			return f.Value, true
		}
	}
	return nil, false
}

// isScalar reports whether v is neither a Map nor a list.
func isScalar(v any) bool {
	switch v.(type) {
	case Map, []any:
		return false
	}
	return true
}

// truthy reports whether Python would take v as true: the table output
// skips what is empty, zero or false.
func truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case int:
		return v != 0
	case float64:
		return v != 0
	case string:
		return v != ""
	case Map:
		return len(v) > 0
	case []any:
		return len(v) > 0
	}
	return true
}

// str returns v as Python's str() prints it: True/False, None, floats in
// their shortest repr, objects and lists as their repr ({'k': 'v'}, [1, None]).
func str(v any) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case bool:
		if v {
			return "True"
		}
		return "False"
	case int:
		return strconv.Itoa(v)
	case float64:
		return pyFloat(v)
	case string:
		return v
	}
	return string(appendRepr(nil, v))
}

// appendRepr appends Python's repr() of v.
func appendRepr(b []byte, v any) []byte {
	switch v := v.(type) {
	case string:
		return appendReprString(b, v)
	case Map:
		b = append(b, '{')
		for i, f := range v {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendReprString(b, f.Key)
			b = append(b, ": "...)
			b = appendRepr(b, f.Value)
		}
		return append(b, '}')
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendRepr(b, e)
		}
		return append(b, ']')
	}
	return append(b, str(v)...)
}

// appendReprString appends Python's repr() of s: single quotes unless s
// holds a single quote and no double one, backslash escapes for the quote,
// the backslash and what is not printable.
func appendReprString(b []byte, s string) []byte {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	b = append(b, q)
	for _, r := range s {
		switch {
		case r == rune(q) || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\t':
			b = append(b, `\t`...)
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case unicode.IsPrint(r):
			b = utf8.AppendRune(b, r)
		case r < 0x100:
			b = fmt.Appendf(b, `\x%02x`, r)
		case r < 0x10000:
			b = fmt.Appendf(b, `\u%04x`, r)
		default:
			b = fmt.Appendf(b, `\U%08x`, r)
		}
	}
	return append(b, q)
}

// pyFloat formats f as Python's repr(float) does: the shortest digits that
// read back the same, in fixed notation with at least one decimal for
// exponents from -4 to 15, otherwise as d.ddde±XX.
func pyFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case math.IsNaN(f):
		return "NaN"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // -d.ddde±XX
	mant, exps, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(exps)
	neg := strings.HasPrefix(mant, "-")
	digits := strings.Replace(strings.TrimPrefix(mant, "-"), ".", "", 1)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	switch {
	case exp < -4 || exp >= 16:
		b.WriteByte(digits[0])
		if len(digits) > 1 {
			b.WriteByte('.')
			b.WriteString(digits[1:])
		}
		b.WriteByte('e')
		if exp < 0 {
			b.WriteByte('-')
			exp = -exp
		} else {
			b.WriteByte('+')
		}
		if exp < 10 {
			b.WriteByte('0')
		}
		b.WriteString(strconv.Itoa(exp))
	case exp < 0:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -exp-1))
		b.WriteString(digits)
	default:
		if len(digits) <= exp+1 {
			b.WriteString(digits)
			b.WriteString(strings.Repeat("0", exp+1-len(digits)))
			b.WriteString(".0")
		} else {
			b.WriteString(digits[:exp+1])
			b.WriteByte('.')
			b.WriteString(digits[exp+1:])
		}
	}
	return b.String()
}

// PyStr returns v as Python's str() prints it: True, None, 1.5, an object
// or a list as its repr ({'k': 'v'}, [1, None]).
func PyStr(v any) string { return str(v) }
