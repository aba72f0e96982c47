package awscli

import (
	"bufio"
	"io"
	"slices"
)

// WriteTable writes v as the AWS CLI's table output (its TableFormatter
// and MultiTable): title is the operation's name, width the terminal's
// width (80 when standard output is not a terminal); a table wider than
// that is turned into key/value rows. With color, row values and the
// indentation bars are coloured as the AWS CLI colours them. An empty
// value prints nothing.
func WriteTable(w io.Writer, title string, v any, width int, color bool) error {
	t := &table{width: width, color: color}
	if !t.build(title, v, 0) {
		return nil
	}
	for _, s := range t.sections {
		if s.err != nil {
			return s.err
		}
	}
	// The table is written as it is rendered: a listing's table can be
	// larger than everything else the command holds.
	b := bufio.NewWriterSize(w, 64<<10)
	t.render(b)
	return b.Flush()
}

type table struct {
	sections []*section
	cur      *section
	width    int
	color    bool
}

func (t *table) newSection(title string, indent int) {
	t.cur = &section{title: title, indent: indent, cols: -1}
	t.sections = append(t.sections, t.cur)
}

func (t *table) build(title string, v any, indent int) bool {
	if !truthy(v) {
		return false
	}
	if title != "" {
		t.newSection(title, indent)
	}
	switch v := v.(type) {
	case []any:
		if _, ok := v[0].(Map); ok {
			t.subTableFromList(v, indent, title)
		} else {
			for _, e := range v {
				switch e := e.(type) {
				case Map:
					// Python iterates over a dict's keys, which are all
					// scalars: the row is the keys.
					keys := make([]string, len(e))
					for i, f := range e {
						keys[i] = f.Key
					}
					t.cur.addRow(keys)
				case []any:
					if allScalars(e) {
						t.cur.addRow(strs(e))
					} else {
						t.build("", e, 0)
					}
				default:
					t.cur.addRow([]string{str(e)})
				}
			}
		}
	case Map:
		t.subTableFromMap(v, indent)
	}
	return true
}

func allScalars(l []any) bool {
	for _, e := range l {
		if !isScalar(e) {
			return false
		}
	}
	return true
}

func strs(l []any) []string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = str(e)
	}
	return s
}

func groupKeys(m Map) (headers, more []string) {
	for _, f := range m {
		if isScalar(f.Value) {
			headers = append(headers, f.Key)
		} else {
			more = append(more, f.Key)
		}
	}
	slices.Sort(headers)
	slices.Sort(more)
	return headers, more
}

func (t *table) subTableFromMap(m Map, indent int) {
	headers, more := groupKeys(m)
	switch {
	case len(headers) == 1:
		v, _ := m.Get(headers[0])
		t.cur.addRow([]string{headers[0], str(v)})
	case len(headers) > 1:
		t.cur.addHeader(headers)
		row := make([]string, len(headers))
		for i, h := range headers {
			v, _ := m.Get(h)
			row[i] = str(v)
		}
		t.cur.addRow(row)
	}
	for _, k := range more {
		v, _ := m.Get(k)
		t.build(k, v, indent+1)
	}
}

func (t *table) subTableFromList(l []any, indent int, title string) {
	hs, ms := map[string]bool{}, map[string]bool{}
	for _, e := range l {
		m, _ := e.(Map)
		h, mo := groupKeys(m)
		for _, k := range h {
			hs[k] = true
		}
		for _, k := range mo {
			ms[k] = true
		}
	}
	headers, more := sortedKeys(hs), sortedKeys(ms)
	t.cur.addHeader(headers)
	for i, e := range l {
		m, _ := e.(Map)
		if i > 0 && len(more) > 0 {
			t.newSection(title, indent)
			t.cur.addHeader(headers)
		}
		row := make([]string, len(headers))
		for j, h := range headers {
			v, ok := m.Get(h)
			if !ok {
				v = ""
			}
			row[j] = str(v)
		}
		t.cur.addRow(row)
		for _, k := range more {
			if v, ok := m.Get(k); ok {
				t.build(k, v, indent+1)
			}
		}
	}
}

func sortedKeys(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
