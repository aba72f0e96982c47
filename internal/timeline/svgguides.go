package timeline

import "strconv"

// writeAxis draws the grid through panel and lanes, and the tick labels
// above the lanes and, for tall pictures, below them.
func (l *layout) writeAxis(w p) {
	top, bottom := l.panelY, l.lanesY+l.lanesH
	w.WriteString(`<g id="ticks">` + "\n")
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

// writePeakZone shades the interval the peak lasted, behind the bars,
// unless it is too narrow to see or so wide that it marks nothing.
func (l *layout) writePeakZone(w p) {
	pk := l.summary.Total.Peak
	x, xe := l.x(pk.From), l.x(pk.To)
	if xe-x < 2 || xe-x > l.plotW/2 {
		return
	}
	top := l.panelY + 10
	w.WriteString(`<rect id="peakz" class="peakz"`)
	w.attrs("x", x, "y", top, "width", xe-x, "height", l.lanesY+l.lanesH-top)
	w.WriteString("/>\n")
}

// writeMarkers draws the peak (a dashed line with its count) and, when
// sessions are active, where now is.
func (l *layout) writeMarkers(w p) {
	top, bottom := l.panelY+10, l.lanesY+l.lanesH
	switch {
	case l.cut:
		w.textEl("small", l.plotX+l.plotW, l.lanesY-4, "active sessions run on to now, "+l.fmtTime(l.now)+" →", "text-anchor", "end", "id", "cutnote")
	case l.summary.Total.Active > 0 && !l.now.After(l.to):
		x := l.x(l.now)
		w.line("now", x, l.lanesY, x, bottom, "id", "now")
	}
	pk := l.summary.Total.Peak
	x := l.x(pk.From)
	if pk.From.Before(l.from) || pk.From.After(l.to) {
		return // the peak is off the axis (a session long before the others)
	}
	w.line("peak", x, top, x, bottom, "id", "peakl")
	label := "peak: " + strconv.Itoa(pk.Count) + " at once, " + l.fmtTime(pk.From)
	anchor, tx := "start", x+5
	if x > l.plotX+l.plotW*0.6 {
		anchor, tx = "end", x-5
	}
	w.textEl("peakt", tx, top+2, label, "text-anchor", anchor, "id", "peakt")
}
