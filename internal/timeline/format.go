package timeline

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// fmtTime formats t for labels and tooltips, in the chart's zone.
func (l *layout) fmtTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(l.loc).Format("2006-01-02 15:04:05 MST")
}

// FormatDuration formats d for people, to the second: "45s", "12m30s",
// "2h05m07s", "3d04h05m"; "292y+" for [MaxTotal].
func FormatDuration(d time.Duration) string {
	if d >= MaxTotal-time.Second {
		return "292y+" // a sum that stopped at MaxTotal
	}
	d = d.Round(time.Second)
	s := int64(d / time.Second)
	var b []byte
	switch {
	case s < 60:
		b = strconv.AppendInt(b, s, 10)
		b = append(b, 's')
	case s < 3600:
		b = strconv.AppendInt(b, s/60, 10)
		b = append(b, 'm')
		b = pad2(b, s%60, 's')
	case s < 86400:
		b = strconv.AppendInt(b, s/3600, 10)
		b = append(b, 'h')
		b = pad2(b, s/60%60, 'm')
		b = pad2(b, s%60, 's')
	default:
		b = strconv.AppendInt(b, s/86400, 10)
		b = append(b, 'd')
		b = pad2(b, s/3600%24, 'h')
		b = pad2(b, s/60%60, 'm')
	}
	return string(b)
}

func pad2(b []byte, v int64, unit byte) []byte {
	if v < 10 {
		b = append(b, '0')
	}
	return append(strconv.AppendInt(b, v, 10), unit)
}

func plural(n int, what string) string {
	s := strconv.Itoa(n) + " " + what
	if n != 1 {
		s += "s"
	}
	return s
}

// ellipsis cuts s to at most n runes, marking the cut.
func ellipsis(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
