package timeline

import (
	"bufio"
	"io"
	"strconv"
)

// Colours and styles, shared by every element through classes so that
// thousands of bars stay small.
const svgStyle = `text{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;font-size:12px;fill:#222}` +
	`.t{font-size:16px;font-weight:bold}.sub{fill:#555}.small{font-size:10px;fill:#555}` +
	`.tick{font-size:11px;fill:#444}.maj{font-weight:bold}` +
	`.grid{stroke:#ddd;stroke-width:1}.gridm{stroke:#bbb;stroke-width:1}` +
	`.band{fill:#345;fill-opacity:.06}.bandw{fill:#fff;fill-opacity:0}.e{fill:#4e79a7;fill-opacity:.85}.a{fill:#f28e2b;fill-opacity:.9}` +
	`.tr{fill:#edc948}.f{fill:#d62728;fill-opacity:.85}` +
	`.conc{fill:#b6c8dc;stroke:#4e79a7;stroke-width:1}` +
	`.peak{stroke:#d62728;stroke-width:1.5;stroke-dasharray:5 3}.peakz{fill:#d62728;fill-opacity:.12}` +
	`.peakt{fill:#d62728;font-weight:bold}.now{stroke:#f28e2b;stroke-width:1;stroke-dasharray:2 2}`

// WriteSVG writes the chart as a standalone SVG document.
func (c *Chart) WriteSVG(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	c.layout().writeSVG(bw)
	return bw.Flush() // a bufio.Writer keeps its first error
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
	// Back to front: peak interval, grid, the panel, lanes (backgrounds
	// that let the grid show through, labels, bars), lines.
	l.writePeakZone(w)
	l.writeAxis(w)
	l.writePanel(w)
	for i := range l.lanes {
		l.writeLane(w, i)
	}
	l.writeMarkers(w)
	w.textEl("small", 12, l.height-22, l.notes(), "id", "notes")
	if l.c.Note != "" {
		w.textEl("small", 12, l.height-8, l.c.Note, "id", "note")
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
	if l.clk.windowed() {
		s += " · window " + l.fmtTime(l.from) + " to " + l.fmtTime(l.to)
	} else {
		s += " · " + l.fmtTime(t.First) + " to " + l.fmtTime(t.Last)
		if t.Active > 0 {
			s += " (now)"
		}
	}
	return s + " · peak " + strconv.Itoa(t.Peak.Count) + " at once, " + l.fmtTime(t.Peak.From)
}

// notes explains what the picture leaves out or squeezes.
func (l *layout) notes() string {
	var s string
	if u := l.summary.Total.Undated; u > 0 {
		s = plural(u, "session") + " without a start time not drawn. "
	}
	if l.early > 0 {
		s += plural(l.early, "session") + " began before the axis starts, long before the others: drawn from its left edge. "
	}
	if l.stacks > 0 {
		s += plural(l.stacks, "lane") + " with more overlapping sessions than rows: bars overlap there (darker). "
	}
	if l.page {
		return s + "Hover over a bar, or click it, for the session's ID and times."
	}
	return s + "Hover over a bar for the session's ID and times."
}

// writeLegend names the colours the bars use, right-aligned at the top.
func (l *layout) writeLegend(w p) {
	used := l.classesUsed()
	x := l.width - rightMargin - 56
	w.WriteString(`<g id="legend">` + "\n")
	defer w.WriteString("</g>\n")
	w.line("peak", x+4, 20, x+20, 20)
	w.textEl("small", x+24, 24, "peak")
	for i := len(barClasses) - 1; i >= 0; i-- {
		bc := barClasses[i]
		if !used[bc.class] {
			continue
		}
		x -= float64(len(bc.name))*6 + 26
		w.WriteString(`<rect class="` + bc.class + `"`)
		w.attrs("x", x, "y", 15.0, "width", 14, "height", 10)
		w.WriteString("/>\n")
		w.textEl("small", x+18, 24, bc.name)
	}
}
