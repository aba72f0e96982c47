package timeline

import (
	"strconv"
	"time"

	"github.com/sessionkit/sessions"
)

// writeLane draws a lane as a group: its background, with a tooltip that
// sums it up, its label and its bars. The page finds lanes by their
// class to filter and restack them.
func (l *layout) writeLane(w p, i int) {
	ll := &l.lanes[i]
	w.WriteString(`<g class="lane">` + "\n<rect")
	class := "band"
	if i%2 == 1 {
		class = "bandw"
	}
	w.attrs("class", class, "x", 0.0, "y", ll.y, "width", l.width, "height", ll.h)
	w.WriteString("><title>")
	st := &ll.stats
	w.text(ll.lane.Name + "\n" + plural(st.Sessions, "session") + ", " + strconv.Itoa(st.Active) + " active, total " +
		FormatDuration(st.Total) + ", longest " + FormatDuration(st.Longest) + "\npeak " + strconv.Itoa(st.Peak.Count) + " at once, " +
		l.fmtTime(st.Peak.From))
	w.WriteString("</title></rect>\n")
	l.writeLabel(w, i)
	l.writeBars(w, i)
	w.WriteString("</g>\n")
}

// writeLabel names a lane, and counts its sessions when there is room.
func (l *layout) writeLabel(w p, i int) {
	ll := &l.lanes[i]
	st := &ll.stats
	if !ll.labeled {
		return
	}
	label := ellipsis(ll.lane.label(), 28)
	if ll.h < twoLines-2 {
		// One line: the name, and its sessions at the plot's edge.
		w.textEl("", 10, ll.y+ll.h/2+4, ellipsis(ll.lane.label(), 23))
		if ll.h >= labelHeight {
			w.textEl("small", l.plotX-6, ll.y+ll.h/2+4, strconv.Itoa(st.Sessions), "text-anchor", "end")
		}
		return
	}
	mid := ll.y + ll.h/2
	w.textEl("", 10, mid-2, label)
	w.textEl("small", 10, mid+11, plural(st.Sessions, "session")+" · "+FormatDuration(st.Total)+" · peak "+strconv.Itoa(st.Peak.Count))
}

// writeBars draws the sessions of a lane: on the page, a bar per session,
// which its script moves as it zooms; in the SVG, which does not zoom,
// sessions of a row that touch within a pixel share one bar, whose
// tooltip counts them, so that a year of sessions stays small.
func (l *layout) writeBars(w p, i int) {
	ll := &l.lanes[i]
	pad := (ll.h - float64(max(1, ll.rows))*l.rowH) / 2
	gap := 1.0
	if l.rowH < 5 {
		gap = 0
	}
	write := func(r *barRun) {
		if r.n == 0 {
			return
		}
		w.WriteString("<rect")
		w.attrs("class", r.first.class(), "x", r.first.x, "y", ll.y+pad+float64(r.first.row)*l.rowH, "width", r.x2-r.first.x, "height", l.rowH-gap)
		if l.page {
			// Seconds from the axis' start, for the page's zoom.
			w.attrs("data-s", l.secs(r.first.start), "data-e", l.secs(r.first.end))
		}
		w.WriteString("><title>")
		if r.n == 1 {
			w.text(l.barTitle(r.first))
		} else {
			w.text(strconv.Itoa(r.n) + " sessions, " + r.first.span.ID + " … " + r.last.span.ID + "\n" +
				l.fmtTime(r.first.start) + " to " + l.fmtTime(r.end))
		}
		w.WriteString("</title></rect>\n")
	}
	runs := make([]barRun, max(1, ll.rows))
	for i := range ll.bars {
		b := &ll.bars[i]
		r := &runs[b.row]
		if !l.page && r.n > 0 && r.first.class() == b.class() && b.x <= r.x2+0.5 {
			r.n, r.last, r.x2 = r.n+1, b, max(r.x2, b.x+b.w)
			if b.end.After(r.end) {
				r.end = b.end
			}
			continue
		}
		write(r)
		*r = barRun{first: b, last: b, n: 1, x2: b.x + b.w, end: b.end}
	}
	for i := range runs {
		write(&runs[i])
	}
}

// A barRun is the sessions one bar draws: consecutive ones of a row.
type barRun struct {
	first, last *bar
	n           int
	x2          float64   // where the bar ends
	end         time.Time // the latest end
}

// barTitle is a bar's tooltip: the session's ID, state and times, and
// whether the window cuts it.
func (l *layout) barTitle(b *bar) string {
	s := b.span
	t := s.ID
	if s.State != "" {
		t += " (" + s.State + ")"
	}
	t += "\n" + l.fmtTime(s.Start) + " to "
	if b.active {
		t += "now (active), " + FormatDuration(b.end.Sub(s.Start))
	} else {
		t += l.fmtTime(s.End) + ", " + FormatDuration(max(0, s.End.Sub(s.Start)))
	}
	if b.cut {
		t += "\n" + FormatDuration(l.clk.duration(s, b.start, b.end)) + " within the window"
	}
	return t
}

// barClasses are the colours of bars, in the legend's order.
var barClasses = []struct{ class, name string }{
	{"e", "ended"}, {"a", "active"}, {"tr", "in transition"}, {"f", "failed"},
}

// class returns the colour of a bar: active or ended, and for streaming
// sessions, by state, in transition or failed.
func (b *bar) class() string {
	st := sessions.State(b.span.State)
	switch {
	case st.Failed():
		return "f"
	case b.active && st.Transitional():
		return "tr"
	case b.active:
		return "a"
	}
	return "e"
}

// classesUsed tells which colours the bars use.
func (l *layout) classesUsed() map[string]bool {
	used := map[string]bool{}
	for i := range l.lanes {
		for j := range l.lanes[i].bars {
			used[l.lanes[i].bars[j].class()] = true
		}
	}
	return used
}
