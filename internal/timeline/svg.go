package timeline

import (
	"bufio"
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// Colours and styles, shared by every element through classes so that
// thousands of bars stay small.
const svgStyle = `text{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;font-size:12px;fill:#222}` +
	`.t{font-size:16px;font-weight:bold}.sub{fill:#555}.small{font-size:10px;fill:#555}` +
	`.tick{font-size:11px;fill:#444}.maj{font-weight:bold}` +
	`.grid{stroke:#ddd;stroke-width:1}.gridm{stroke:#bbb;stroke-width:1}` +
	`.band{fill:#f4f6f8}.e{fill:#4e79a7;fill-opacity:.85}.a{fill:#f28e2b;fill-opacity:.9}` +
	`.conc{fill:#b6c8dc;stroke:#4e79a7;stroke-width:1}` +
	`.peak{stroke:#d62728;stroke-width:1.5;stroke-dasharray:5 3}.peakz{fill:#d62728;fill-opacity:.12}` +
	`.peakt{fill:#d62728;font-weight:bold}.now{stroke:#f28e2b;stroke-width:1;stroke-dasharray:2 2}`

// WriteSVG writes the chart as a standalone SVG document.
func (c *Chart) WriteSVG(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	c.layout().writeSVG(bw)
	return bw.Flush() // a bufio.Writer keeps its first error
}

// p is a little SVG printer over a bufio.Writer.
type p struct{ *bufio.Writer }

// text writes s escaped for XML text and attribute values.
func (w p) text(s string) {
	_ = xml.EscapeText(w, []byte(s)) // the error stays in the bufio.Writer
}

// num writes v rounded to a tenth of a pixel.
func (w p) num(v float64) {
	var b [24]byte
	w.Write(strconv.AppendFloat(b[:0], math.Round(v*10)/10, 'f', -1, 64))
}

func (w p) int(v int) {
	var b [20]byte
	w.Write(strconv.AppendInt(b[:0], int64(v), 10))
}

// attrs writes name="value" pairs of numbers.
func (w p) attrs(kv ...any) {
	for i := 0; i+1 < len(kv); i += 2 {
		w.WriteByte(' ')
		w.WriteString(kv[i].(string))
		w.WriteString(`="`)
		switch v := kv[i+1].(type) {
		case float64:
			w.num(v)
		case int:
			w.int(v)
		case string:
			w.text(v)
		}
		w.WriteByte('"')
	}
}

// textEl writes <text class=… x=… y=… …>s</text>.
func (w p) textEl(class string, x, y float64, s string, kv ...any) {
	w.WriteString(`<text`)
	if class != "" {
		w.attrs("class", class)
	}
	w.attrs("x", x, "y", y)
	w.attrs(kv...)
	w.WriteByte('>')
	w.text(s)
	w.WriteString("</text>\n")
}

func (w p) line(class string, x1, y1, x2, y2 float64) {
	w.WriteString(`<line`)
	w.attrs("class", class, "x1", x1, "y1", y1, "x2", x2, "y2", y2)
	w.WriteString("/>\n")
}

func (l *layout) writeSVG(bw *bufio.Writer) {
	w := p{bw}
	w.WriteString(`<svg xmlns="http://www.w3.org/2000/svg"`)
	w.attrs("width", l.width, "height", l.height, "viewBox", "0 0 "+ftoa(l.width)+" "+ftoa(l.height))
	w.WriteString(">\n<title>")
	w.text(l.title())
	w.WriteString("</title>\n<style>" + svgStyle + "</style>\n")
	w.WriteString(`<rect width="100%" height="100%" fill="#fff"/>` + "\n")
	w.textEl("t", 12, 24, l.title())
	w.textEl("sub", 12, 46, l.subtitle())
	if len(l.steps) == 0 {
		if l.c.Note != "" {
			w.textEl("small", 12, l.height-8, l.c.Note)
		}
		w.WriteString("</svg>\n")
		return
	}
	l.writeLegend(w)
	// Back to front: lane backgrounds, peak interval, grid, the panel,
	// bars, lines.
	for i := range l.lanes {
		l.writeBand(w, i)
	}
	for i := range l.lanes {
		l.writeLabel(w, i)
	}
	l.writePeakZone(w)
	l.writeAxis(w)
	l.writePanel(w)
	for i := range l.lanes {
		l.writeBars(w, i)
	}
	l.writeMarkers(w)
	w.textEl("small", 12, l.height-22, l.notes())
	if l.c.Note != "" {
		w.textEl("small", 12, l.height-8, l.c.Note)
	}
	w.WriteString("</svg>\n")
}

func (l *layout) title() string {
	if l.c.Title != "" {
		return l.c.Title
	}
	return "Sessions"
}

// subtitle says how many sessions, over what time, and the peak.
func (l *layout) subtitle() string {
	t := &l.summary.Total
	if t.Sessions == 0 {
		return "no sessions"
	}
	s := plural(t.Sessions, "session") + " in " + plural(len(l.c.Lanes), "lane")
	if t.Active > 0 {
		s += ", " + strconv.Itoa(t.Active) + " active"
	}
	if t.First.IsZero() {
		return s
	}
	s += " · " + l.fmtTime(t.First) + " to " + l.fmtTime(t.Last)
	if t.Active > 0 {
		s += " (now)"
	}
	return s + " · peak " + strconv.Itoa(t.Peak.Count) + " at once, " + l.fmtTime(t.Peak.From)
}

// notes explains what the picture leaves out or squeezes.
func (l *layout) notes() string {
	var s string
	if u := l.summary.Total.Undated; u > 0 {
		s = plural(u, "session") + " without a start time not drawn. "
	}
	if l.stacks > 0 {
		s += plural(l.stacks, "lane") + " with more overlapping sessions than rows: bars overlap there (darker). "
	}
	return s + "Hover over a bar for the session's ID and times."
}

func (l *layout) writeLegend(w p) {
	x := l.width - rightMargin - 190
	w.WriteString(`<rect class="e"`)
	w.attrs("x", x, "y", 15.0, "width", 14, "height", 10)
	w.WriteString("/>\n")
	w.textEl("small", x+18, 24, "ended")
	w.WriteString(`<rect class="a"`)
	w.attrs("x", x+60, "y", 15.0, "width", 14, "height", 10)
	w.WriteString("/>\n")
	w.textEl("small", x+78, 24, "active")
	w.line("peak", x+122, 20, x+138, 20)
	w.textEl("small", x+142, 24, "peak")
}

// writeAxis draws the grid through panel and lanes, and the tick labels
// above the lanes and, for tall pictures, below them.
func (l *layout) writeAxis(w p) {
	top, bottom := l.panelY, l.lanesY+l.lanesH
	w.WriteString("<g>\n")
	for _, tk := range l.ticks {
		x := l.x(tk.At)
		class, tclass := "grid", "tick"
		if tk.Major {
			class, tclass = "gridm", "tick maj"
		}
		w.line(class, x, top, x, bottom)
		w.textEl(tclass, x, l.topAxisY-6, tk.Label, "text-anchor", "middle")
		w.textEl(tclass, x, l.bottomAxisY, tk.Label, "text-anchor", "middle")
	}
	w.WriteString("</g>\n")
}

// writePanel draws how many sessions run at once over time, as a step
// area with a column per pixel that shows the most sessions at once within
// it, so a short peak is not lost between pixels.
func (l *layout) writePanel(w p) {
	peak := l.summary.Total.Peak.Count
	base := l.panelY + panelHeight - 4
	top := l.panelY + 14
	w.textEl("small", 12, top+8, "sessions at once")
	w.textEl("small", l.plotX-6, top+4, strconv.Itoa(peak), "text-anchor", "end")
	w.textEl("small", l.plotX-6, base, "0", "text-anchor", "end")
	w.line("grid", l.plotX, base, l.plotX+l.plotW, base)
	cols := make([]int, int(math.Ceil(l.plotW))+1)
	for i, s := range l.steps {
		end := l.to
		if i+1 < len(l.steps) {
			end = l.steps[i+1].At
		}
		a := int(l.x(s.At) - l.plotX)
		b := max(a, int(math.Ceil(l.x(end)-l.plotX))-1)
		for c := max(a, 0); c <= b && c < len(cols); c++ {
			cols[c] = max(cols[c], s.Count)
		}
	}
	y := func(n int) float64 { return base - (base-top)*float64(n)/float64(max(1, peak)) }
	w.WriteString(`<path class="conc" d="M`)
	w.num(l.plotX)
	w.WriteByte(',')
	w.num(base)
	prev := 0
	for c, n := range cols {
		if n == prev {
			continue
		}
		w.WriteByte('H')
		w.num(l.plotX + float64(c))
		w.WriteByte('V')
		w.num(y(n))
		prev = n
	}
	w.WriteByte('H')
	w.num(l.plotX + float64(len(cols)-1))
	w.WriteString("V")
	w.num(base)
	w.WriteString("Z\"><title>")
	w.text("sessions running at once; peak " + strconv.Itoa(peak) + " from " + l.fmtTime(l.summary.Total.Peak.From) + " to " + l.fmtTime(l.summary.Total.Peak.To))
	w.WriteString("</title></path>\n")
}

// writeBand draws the background of a lane, with its label and a tooltip
// that sums it up.
func (l *layout) writeBand(w p, i int) {
	ll := &l.lanes[i]
	w.WriteString("<rect")
	if i%2 == 0 {
		w.attrs("class", "band")
	} else {
		w.attrs("fill", "#fff")
	}
	w.attrs("x", 0.0, "y", ll.y, "width", l.width, "height", ll.h)
	w.WriteString("><title>")
	st := &ll.stats
	w.text(ll.lane.Name + "\n" + plural(st.Sessions, "session") + ", " + strconv.Itoa(st.Active) + " active, total " +
		FormatDuration(st.Total) + ", longest " + FormatDuration(st.Longest) + "\npeak " + strconv.Itoa(st.Peak.Count) + " at once, " +
		l.fmtTime(st.Peak.From))
	w.WriteString("</title></rect>\n")
}

// writeLabel names a lane, and counts its sessions when there is room.
func (l *layout) writeLabel(w p, i int) {
	ll := &l.lanes[i]
	st := &ll.stats
	if !ll.labeled {
		return
	}
	label := ellipsis(ll.lane.label(), 28)
	if ll.h < 26 {
		w.textEl("", 10, ll.y+ll.h/2+4, label)
		return
	}
	mid := ll.y + ll.h/2
	w.textEl("", 10, mid-2, label)
	w.textEl("small", 10, mid+11, plural(st.Sessions, "session")+" · peak "+strconv.Itoa(st.Peak.Count))
}

// writeBars draws a bar per session of a lane.
func (l *layout) writeBars(w p, i int) {
	ll := &l.lanes[i]
	pad := (ll.h - float64(max(1, ll.rows))*l.rowH) / 2
	gap := 1.0
	if l.rowH < 5 {
		gap = 0
	}
	w.WriteString("<g>\n")
	for i := range ll.bars {
		b := &ll.bars[i]
		class := "e"
		if b.active {
			class = "a"
		}
		w.WriteString("<rect")
		w.attrs("class", class, "x", b.x, "y", ll.y+pad+float64(b.row)*l.rowH, "width", b.w, "height", l.rowH-gap)
		w.WriteString("><title>")
		w.text(l.barTitle(b))
		w.WriteString("</title></rect>\n")
	}
	w.WriteString("</g>\n")
}

func (l *layout) barTitle(b *bar) string {
	s := b.span
	t := s.ID + "\n" + l.fmtTime(s.Start) + " to "
	if b.active {
		return t + "now (active), " + FormatDuration(b.end.Sub(s.Start))
	}
	return t + l.fmtTime(s.End) + ", " + FormatDuration(max(0, s.End.Sub(s.Start)))
}

// writePeakZone shades the interval the peak lasted, behind the bars,
// unless it is too narrow to see or so wide that it marks nothing.
func (l *layout) writePeakZone(w p) {
	pk := l.summary.Total.Peak
	x, xe := l.x(pk.From), l.x(pk.To)
	if xe-x < 2 || xe-x > l.plotW/2 {
		return
	}
	top := l.panelY + 10
	w.WriteString(`<rect class="peakz"`)
	w.attrs("x", x, "y", top, "width", xe-x, "height", l.lanesY+l.lanesH-top)
	w.WriteString("/>\n")
}

// writeMarkers draws the peak (a dashed line with its count) and, when
// sessions are active, where now is.
func (l *layout) writeMarkers(w p) {
	top, bottom := l.panelY+10, l.lanesY+l.lanesH
	switch {
	case l.cut:
		w.textEl("small", l.plotX+l.plotW, l.lanesY-4, "active sessions run on to now, "+l.fmtTime(l.now)+" →", "text-anchor", "end")
	case l.summary.Total.Active > 0:
		x := l.x(l.now)
		w.line("now", x, l.lanesY, x, bottom)
	}
	pk := l.summary.Total.Peak
	x := l.x(pk.From)
	w.line("peak", x, top, x, bottom)
	label := "peak: " + strconv.Itoa(pk.Count) + " at once, " + l.fmtTime(pk.From)
	anchor, tx := "start", x+5
	if x > l.plotX+l.plotW*0.6 {
		anchor, tx = "end", x-5
	}
	w.textEl("peakt", tx, top+2, label, "text-anchor", anchor)
}

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

func ftoa(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }
