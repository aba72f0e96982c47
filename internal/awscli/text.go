package awscli

import (
	"slices"
	"strings"
)

// AppendText appends v as the AWS CLI's text output prints it (its
// text.format_text): the scalars of an object on one tab-separated line,
// headed by the upper-cased name of the member that holds the object; the
// columns of a list of objects are the sorted scalar keys of all of them,
// empty where an object lacks one; nested objects and lists follow on
// lines of their own.
func AppendText(b []byte, v any) []byte {
	return appendText(b, v, "", nil, false)
}

func appendText(b []byte, v any, ident string, keys []string, withKeys bool) []byte {
	switch v := v.(type) {
	case Map:
		return appendTextMap(b, v, ident, keys, withKeys)
	case []any:
		return appendTextList(b, v, ident)
	}
	b = append(b, str(v)...)
	return append(b, '\n')
}

func appendTextList(b []byte, l []any, ident string) []byte {
	if len(l) == 0 {
		return b
	}
	hasMap, hasList := false, false
	for _, e := range l {
		switch e.(type) {
		case Map:
			hasMap = true
		case []any:
			hasList = true
		}
	}
	switch {
	case hasMap:
		keys := allScalarKeys(l)
		for _, e := range l {
			b = appendText(b, e, ident, keys, true)
		}
	case hasList:
		var scalars, others []any
		for _, e := range l {
			if isScalar(e) {
				scalars = append(scalars, e)
			} else {
				others = append(others, e)
			}
		}
		if len(scalars) > 0 {
			b = appendScalarList(b, scalars, ident)
		}
		for _, e := range others {
			b = appendText(b, e, ident, nil, false)
		}
	default:
		b = appendScalarList(b, l, ident)
	}
	return b
}

func appendScalarList(b []byte, l []any, ident string) []byte {
	if ident != "" {
		for _, e := range l {
			b = append(b, strings.ToUpper(ident)...)
			b = append(b, '\t')
			b = append(b, str(e)...)
			b = append(b, '\n')
		}
		return b
	}
	for i, e := range l {
		if i > 0 {
			b = append(b, '\t')
		}
		b = append(b, str(e)...)
	}
	return append(b, '\n')
}

func allScalarKeys(l []any) []string {
	seen := map[string]bool{}
	for _, e := range l {
		if m, ok := e.(Map); ok {
			for _, f := range m {
				if isScalar(f.Value) {
					seen[f.Key] = true
				}
			}
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func appendTextMap(b []byte, m Map, ident string, keys []string, withKeys bool) []byte {
	var scalars []string
	var nested []Member
	if !withKeys {
		sorted := sortedMembers(m)
		for _, f := range sorted {
			if isScalar(f.Value) {
				scalars = append(scalars, str(f.Value))
			} else {
				nested = append(nested, f)
			}
		}
	} else {
		for _, k := range keys {
			v, ok := m.Get(k)
			if !ok {
				v = ""
			}
			scalars = append(scalars, str(v))
		}
		for _, f := range sortedMembers(m) {
			if !slices.Contains(keys, f.Key) {
				nested = append(nested, f)
			}
		}
	}
	if len(scalars) > 0 {
		if ident != "" {
			b = append(b, strings.ToUpper(ident)...)
			b = append(b, '\t')
		}
		b = append(b, strings.Join(scalars, "\t")...)
		b = append(b, '\n')
	}
	for _, f := range nested {
		b = appendText(b, f.Value, f.Key, nil, false)
	}
	return b
}

// sortedMembers returns m's members in the order of their keys, as
// Python's sorted(d.items()) gives them.
func sortedMembers(m Map) []Member {
	s := slices.Clone(m)
	slices.SortStableFunc(s, func(a, b Member) int { return strings.Compare(a.Key, b.Key) })
	return s
}
