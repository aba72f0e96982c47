package awscli

import (
	"fmt"
	"math"
	"sort"
)

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
