package timeline

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"io"
	"time"
)

// The page's style and script, kept in files of their own so that they
// read as CSS and JavaScript; the page embeds them, so it needs no
// network.
var (
	//go:embed page/page.css
	pageCSS string
	//go:embed page/ticks.js
	ticksJS string
	//go:embed page/view.js
	viewJS string
	//go:embed page/interact.js
	interactJS string
)

// WriteHTML writes a standalone HTML page with the chart and its
// plain-text summary below it. The page works without any network: drag
// across the chart to zoom in on a time, Shift+drag or the arrows to pan,
// Reset to see all again; a search box keeps the lanes whose name or
// sessions contain the text and marks those sessions; a click on a
// session shows its details. The chart fits the window's width. Without
// JavaScript it is the picture WriteSVG draws.
func (c *Chart) WriteHTML(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	l := c.layout()
	l.page = true
	pw := p{bw}
	pw.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	pw.text(l.title())
	pw.WriteString("</title>\n<style>" + pageCSS + "</style>\n</head>\n<body>\n")
	if len(l.steps) > 0 {
		pw.WriteString(`<div id="controls"><input id="q" type="search" placeholder="Search lanes and sessions" aria-label="Search lanes and sessions">` +
			`<span id="found"></span><button id="zin" title="Zoom in (+)">+</button><button id="zout" title="Zoom out (-)">−</button>` +
			`<button id="left" title="Earlier (←)">◀</button><button id="right" title="Later (→)">▶</button>` +
			`<button id="reset" title="Show all (0)">Reset</button><span id="status"></span>` +
			`<span class="hint">Drag across the chart to zoom, Shift+drag to pan; click a session for its details</span></div>` + "\n")
	}
	pw.WriteString(`<div id="chart">` + "\n")
	l.writeSVG(bw)
	pw.WriteString(`<div id="details" hidden></div></div>` + "\n")
	pw.WriteString("<h2>Summary</h2>\n<pre id=\"summary\">")
	_ = l.summary.WriteText(escaper{pw}, l.loc) // errors stay in bw
	pw.WriteString("</pre>\n")
	if len(l.steps) > 0 {
		pw.WriteString(`<script type="application/json" id="data">`)
		_ = json.NewEncoder(bw).Encode(l.pageData()) // errors stay in bw
		pw.WriteString("</script>\n<script>\n(function () {\n\"use strict\";\nvar D = JSON.parse(document.getElementById(\"data\").textContent);\n" +
			ticksJS + viewJS + interactJS + "})();\n</script>\n")
	}
	pw.WriteString("</body>\n</html>\n")
	return bw.Flush()
}

// pageData is what the page's script needs to redraw the chart: times
// are seconds from the axis' start (From, in Unix seconds).
type pageData struct {
	From       int64    `json:"from"`
	Span       int      `json:"span"`
	Now        int      `json:"now"`
	W          float64  `json:"w"`
	PlotX      float64  `json:"plotX"`
	Right      float64  `json:"right"`
	PanelY     float64  `json:"panelY"`
	TopAxisY   float64  `json:"topAxisY"`
	LanesY     float64  `json:"lanesY"`
	LaneBottom float64  `json:"lanesBottom"`
	Steps      [][2]int `json:"steps"`
	Peak       [3]int   `json:"peak"`
	TZ         [][3]any `json:"tz"` // second it begins, offset east of UTC in seconds, abbreviation
}

func (l *layout) pageData() *pageData {
	d := &pageData{
		From: l.from.Unix(), Span: l.secs(l.to), Now: l.secs(l.now),
		W: l.width, PlotX: l.plotX, Right: rightMargin, PanelY: l.panelY, TopAxisY: l.topAxisY,
		LanesY: l.lanesY, LaneBottom: l.lanesY + l.lanesH,
		Steps: make([][2]int, len(l.steps)),
	}
	for i, s := range l.steps {
		d.Steps[i] = [2]int{l.secs(s.At), s.Count}
	}
	pk := l.summary.Total.Peak
	d.Peak = [3]int{l.secs(pk.From), l.secs(pk.To), pk.Count}
	d.TZ = zoneTable(l.from, l.to, l.loc)
	return d
}

// zoneTable lists the offsets loc has from from to to: the second (from
// from) each begins, the offset and its abbreviation.
func zoneTable(from, to time.Time, loc *time.Location) [][3]any {
	var z [][3]any
	for t := from; ; {
		name, off := t.In(loc).Zone()
		z = append(z, [3]any{int(t.Sub(from) / time.Second), off, name})
		_, end := t.In(loc).ZoneBounds()
		if end.IsZero() || !end.Before(to) || len(z) > 1000 {
			return z
		}
		t = end
	}
}

// escaper escapes what is written through it for HTML text.
type escaper struct{ p }

func (e escaper) Write(b []byte) (int, error) {
	e.text(string(b))
	return len(b), nil
}
