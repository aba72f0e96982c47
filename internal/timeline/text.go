package timeline

import (
	"bufio"
	"cmp"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// WriteText writes the summary as a plain-text table for terminals: a row
// per lane (its name, sessions, active ones, total and longest duration,
// peak of sessions at once and when it began) and a TOTAL row, whose peak
// counts the sessions of every lane together. Times are in loc (nil: UTC);
// active sessions are counted to the summary's Now, which a line above the
// table names when any session is active, as another names the window
// when there is one. The output depends only on s and
// loc.
func (s *Summary) WriteText(w io.Writer, loc *time.Location) error {
	if loc == nil {
		loc = time.UTC
	}
	head := []string{cmp.Or(s.Heading, "PARENT"), "SESSIONS", "ACTIVE", "TOTAL", "LONGEST", "PEAK", "PEAK AT"}
	rows := make([][]string, 0, len(s.Lanes)+1)
	for i := range s.Lanes {
		rows = append(rows, s.Lanes[i].row(loc))
	}
	if len(s.Lanes) != 1 {
		rows = append(rows, s.Total.row(loc))
	}
	widths := make([]int, len(head))
	for _, r := range append([][]string{head}, rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	bw := bufio.NewWriter(w)
	if !s.From.IsZero() || !s.To.IsZero() {
		bw.WriteString("sessions cut to the window " + fmtBound(s.From, loc, "the first session") + " to " + fmtBound(s.To, loc, "now") + "\n")
	}
	if s.Total.Active > 0 {
		bw.WriteString("active sessions counted to " + s.Now.In(loc).Format("2006-01-02 15:04:05 MST") + "\n")
	}
	for _, r := range append([][]string{head}, rows...) {
		var b strings.Builder
		for i, c := range r {
			gap := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			switch {
			case i == 0:
				b.WriteString(c + gap)
			case i == len(r)-1:
				b.WriteString("  " + c)
			default: // numbers and durations, right-aligned
				b.WriteString("  " + gap + c)
			}
		}
		bw.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
	if s.Total.Undated > 0 {
		bw.WriteString(plural(s.Total.Undated, "session") + " without a start time: counted, not timed\n")
	}
	return bw.Flush()
}

// fmtBound formats a bound of the window; open says what an open one is.
func fmtBound(t time.Time, loc *time.Location, open string) string {
	if t.IsZero() {
		return open
	}
	return t.In(loc).Format("2006-01-02 15:04:05 MST")
}

func (st *Stats) row(loc *time.Location) []string {
	at := "-"
	if st.Peak.Count > 0 {
		at = st.Peak.From.In(loc).Format("2006-01-02 15:04:05 MST")
	}
	return []string{
		printable(st.Name),
		strconv.Itoa(st.Sessions), strconv.Itoa(st.Active),
		FormatDuration(st.Total), FormatDuration(st.Longest),
		strconv.Itoa(st.Peak.Count), at,
	}
}

// printable replaces control characters (escape sequences, newlines) with
// "?", so a name cannot move the cursor or break the table.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
}
