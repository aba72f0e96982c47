package awscli

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends v as Python's json.dumps(v, indent=4,
// ensure_ascii=False) writes it, which is how the AWS CLI prints json, with
// the value starting at nesting depth depth. A negative depth gives the
// compact form with no spaces, for one object per line.
func AppendJSON(b []byte, v any, depth int) []byte {
	nl := func(b []byte, d int) []byte {
		if depth < 0 {
			return b
		}
		b = append(b, '\n')
		for range d {
			b = append(b, "    "...)
		}
		return b
	}
	sep, child := ":", depth
	if depth >= 0 {
		sep, child = ": ", depth+1
	}
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case float64:
		return append(b, pyFloat(v)...)
	case string:
		return AppendJSONString(b, v)
	case Map:
		if len(v) == 0 {
			return append(b, "{}"...)
		}
		b = append(b, '{')
		for i, f := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = nl(b, child)
			b = AppendJSONString(b, f.Key)
			b = append(b, sep...)
			b = AppendJSON(b, f.Value, child)
		}
		b = nl(b, depth)
		return append(b, '}')
	case []any:
		if len(v) == 0 {
			return append(b, "[]"...)
		}
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = nl(b, child)
			b = AppendJSON(b, e, child)
		}
		b = nl(b, depth)
		return append(b, ']')
	}
	panic(fmt.Sprintf("awscli: AppendJSON of %T", v))
}

// AppendJSONString quotes s as Python's json module does with
// ensure_ascii=False: non-ASCII text stays as it is.
func AppendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r == '\b':
			b = append(b, `\b`...)
		case r == '\f':
			b = append(b, `\f`...)
		case r < 0x20:
			b = fmt.Appendf(b, `\u%04x`, r)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}
