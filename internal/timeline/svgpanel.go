package timeline

import (
	"math"
	"strconv"
)

// writePanel draws how many sessions run at once over time, as a step
// area with a column per pixel that shows the most sessions at once within
// it, so a short peak is not lost between pixels.
func (l *layout) writePanel(w p) {
	peak := l.summary.Total.Peak.Count
	base := l.panelY + panelHeight - 4
	top := l.panelY + 14
	w.textEl("small", 12, top+8, "sessions at once")
	w.textEl("small", l.plotX-6, top+4, strconv.Itoa(peak), "text-anchor", "end", "id", "pmax")
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
	w.WriteString(`<path id="conc" class="conc" d="M`)
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
