package awscli

import (
	"bufio"
	"strings"
)

// Colours of the table output with --color on, as colorama writes them.
const (
	colorRow    = "\x1b[1m\x1b[34m"
	colorIndent = "\x1b[2m\x1b[33m"
	colorReset  = "\x1b[0m"
)

// maxWidth is the widest section's width, each section made vertical
// first when vertical is set.
func (t *table) maxWidth(vertical bool) int {
	w := 0
	for _, s := range t.sections {
		if vertical {
			s = s.vertical()
		}
		w = max(w, s.totalWidth(4, true, s.indent))
	}
	return w
}

// vertical is convert_to_vertical_table for one section: a one-row
// section becomes rows of header and value; others stay.
func (s *section) vertical() *section {
	if len(s.rows) != 1 || len(s.headers) == 0 {
		return s
	}
	n := &section{title: s.title, indent: s.indent, cols: -1}
	for j, h := range s.headers {
		if j < len(s.rows[0]) {
			n.addRow([]string{h, s.rows[0][j]})
		}
	}
	return n
}

// render writes the table. A table wider than the terminal is made
// vertical one section at a time as it is written, so that a listing's
// table is not held twice.
func (t *table) render(b *bufio.Writer) {
	mw := t.maxWidth(false)
	vertical := mw > t.width
	if vertical {
		mw = t.maxWidth(true)
	}
	b.WriteString(strings.Repeat("-", mw) + "\n")
	if t.color {
		b.WriteString(colorReset)
	}
	for _, s := range t.sections {
		if vertical {
			s = s.vertical()
		}
		t.renderSection(b, s, mw)
	}
}

// line writes one line of a section indented by indent bars on each side.
// With color it is four writes, and colorama (autoreset) follows each
// write with a reset.
func (t *table) line(b *bufio.Writer, indent int, text string) {
	if !t.color {
		bars := strings.Repeat("|", indent)
		b.WriteString(bars + text + bars + "\n")
		return
	}
	bars := strings.Repeat(colorIndent+"|"+colorReset, indent)
	b.WriteString(bars + colorReset + text + colorReset + bars + colorReset + "\n" + colorReset)
}

func (t *table) renderSection(b *bufio.Writer, s *section, mw int) {
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
