package awscli

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
)

// Colours of the table output with --color on, as colorama writes them.
const (
	colorRow    = "\x1b[1m\x1b[34m"
	colorIndent = "\x1b[2m\x1b[33m"
	colorReset  = "\x1b[0m"
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
	var b strings.Builder
	t.render(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

type section struct {
	title   string
	headers []string
	rows    [][]string
	indent  int
	widths  []int // the widest cell of each column, headers included
	// cols is the number of columns the first header or row set, -1
	// before; err is the first row of another length, which the AWS
	// CLI refuses (Section.add_row).
	cols int
	err  error
}

func (s *section) update(row []string) {
	if s.widths == nil {
		for _, c := range row {
			s.widths = append(s.widths, textLen(c))
		}
		return
	}
	for i, c := range row {
		if i < len(s.widths) {
			s.widths[i] = max(s.widths[i], textLen(c))
		}
	}
}

func (s *section) addHeader(h []string) {
	s.update(h)
	if s.cols < 0 {
		s.cols = len(h)
	}
	s.headers = h
}

// rowLengthError is a row whose length is not its section's; its text is
// the AWS CLI's.
type rowLengthError struct{ want, got int }

func (e rowLengthError) Error() string {
	return fmt.Sprintf("Row should have %d elements, instead it has %d", e.want, e.got)
}

func (s *section) addRow(r []string) {
	if s.cols < 0 {
		s.cols = len(r)
	}
	if len(r) != s.cols {
		if s.err == nil {
			s.err = rowLengthError{s.cols, len(r)}
		}
		return
	}
	s.rows = append(s.rows, r)
	s.update(r)
}

// columnWidths is Section.calculate_column_widths: the widths plus
// padding, scaled to maxWidth with Python's rounding when maxWidth > 0.
func (s *section) columnWidths(padding, maxWidth int) []int {
	un := make([]int, len(s.widths))
	sum := 0
	for i, w := range s.widths {
		un[i] = w + padding
		sum += un[i]
	}
	if maxWidth <= 0 || len(un) == 0 {
		return un
	}
	scale := float64(maxWidth) / float64(sum)
	scaled := make([]int, len(un))
	total := 0
	for i, w := range un {
		scaled[i] = int(math.RoundToEven(scale * float64(w)))
		total += scaled[i]
	}
	off := total - maxWidth
	for off != 0 {
		if off > 0 {
			for i := range scaled {
				scaled[i]--
				if off--; off == 0 {
					break
				}
			}
		} else {
			for i := len(scaled) - 1; i >= 0; i-- {
				scaled[i]++
				if off++; off == 0 {
					break
				}
			}
		}
	}
	return scaled
}

func (s *section) totalWidth(padding int, border bool, outer int) int {
	total := 0
	for _, w := range s.columnWidths(0, 0) {
		total += w + padding
	}
	if border {
		total += 2
	}
	total += 2 * outer
	return max(textLen(s.title)+2+2*outer, total)
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

func (t *table) maxWidth() int {
	w := 0
	for _, s := range t.sections {
		w = max(w, s.totalWidth(4, true, s.indent))
	}
	return w
}

func (t *table) render(b *strings.Builder) {
	mw := t.maxWidth()
	if mw > t.width {
		// convert_to_vertical_table: a one-row section becomes rows of
		// header and value.
		for i, s := range t.sections {
			if len(s.rows) == 1 && len(s.headers) > 0 {
				n := &section{title: s.title, indent: s.indent, cols: -1}
				for j, h := range s.headers {
					if j < len(s.rows[0]) {
						n.addRow([]string{h, s.rows[0][j]})
					}
				}
				t.sections[i] = n
			}
		}
		mw = t.maxWidth()
	}
	b.WriteString(strings.Repeat("-", mw) + "\n")
	if t.color {
		b.WriteString(colorReset)
	}
	for _, s := range t.sections {
		t.renderSection(b, s, mw)
	}
}

// line writes one line of a section indented by indent bars on each side.
// With color it is four writes, and colorama (autoreset) follows each
// write with a reset.
func (t *table) line(b *strings.Builder, indent int, text string) {
	if !t.color {
		bars := strings.Repeat("|", indent)
		b.WriteString(bars + text + bars + "\n")
		return
	}
	bars := strings.Repeat(colorIndent+"|"+colorReset, indent)
	b.WriteString(bars + colorReset + text + colorReset + bars + colorReset + "\n" + colorReset)
}

func (t *table) renderSection(b *strings.Builder, s *section, mw int) {
	mw -= 2 * s.indent
	if s.title != "" {
		t.line(b, s.indent, centerText(s.title, mw, "|", "|", textLen(s.title)))
		if len(s.headers) == 0 && len(s.rows) == 0 {
			t.line(b, s.indent, "+"+strings.Repeat("-", mw-2)+"+")
		}
	}
	if len(s.headers) > 0 {
		widths := s.columnWidths(4, mw)
		var cur strings.Builder
		for i, h := range s.headers {
			left := ""
			if i == 0 {
				left = "|"
			}
			if i < len(widths) {
				cur.WriteString(centerText(h, widths[i], left, "|", textLen(h)))
			}
		}
		t.line(b, s.indent, lineBreak(widths))
		t.line(b, s.indent, cur.String())
	}
	if len(s.rows) == 0 {
		return
	}
	widths := s.columnWidths(4, mw)
	if len(widths) == 0 {
		return
	}
	t.line(b, s.indent, lineBreak(widths))
	for _, row := range s.rows {
		var cur strings.Builder
		for i, w := range widths {
			if i >= len(row) {
				break
			}
			left := ""
			if i == 0 {
				left = "|"
			}
			el := row[i]
			styled := el
			if t.color {
				styled = colorRow + el + colorReset
			}
			cur.WriteString(alignLeft(styled, w, left, "|", textLen(el)))
		}
		t.line(b, s.indent, cur.String())
	}
	t.line(b, s.indent, lineBreak(widths))
}

func lineBreak(widths []int) string {
	var b strings.Builder
	for i, w := range widths {
		if i == 0 {
			b.WriteString("+" + strings.Repeat("-", max(w-2, 0)) + "+")
		} else {
			b.WriteString(strings.Repeat("-", max(w-1, 0)) + "+")
		}
	}
	return b.String()
}

func centerText(text string, length int, left, right string, textLength int) string {
	start := length/2 - textLength/2 - 1
	so := left + strings.Repeat(" ", max(start, 0)) + text
	soFar := textLen(left) + start + textLength
	rs := length - textLen(right) - soFar
	return so + strings.Repeat(" ", max(rs, 0)) + right
}

func alignLeft(text string, length int, left, right string, textLength int) string {
	padding := 2
	if length-(textLength+2+textLen(left)+textLen(right)) < 0 {
		padding = 0
	}
	soFar := len(left) + padding + textLength
	return left + strings.Repeat(" ", padding) + text + strings.Repeat(" ", max(length-soFar-len(right), 0)) + right
}

// textLen is get_text_length: characters, those whose East Asian width
// is Wide, Fullwidth or Ambiguous counting two.
func textLen(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

// wide reports whether r counts two columns in the AWS CLI's table: its
// East Asian width, in Python's unicodedata, is W, F or A.
func wide(r rune) bool {
	i := sort.Search(len(doubleWidth), func(i int) bool { return doubleWidth[i][1] >= r })
	return i < len(doubleWidth) && doubleWidth[i][0] <= r
}
