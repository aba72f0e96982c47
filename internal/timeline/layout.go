package timeline

import (
	"math"
	"time"
)

// A Chart is a timeline to draw: one lane per parent, a bar per session.
type Chart struct {
	Title string // drawn at the top; "Sessions" when empty
	Lanes []Lane
	// Now is where active spans end. When zero, the latest start or end
	// of any span is used.
	Now time.Time
	// From and To, when set, are the window to draw and sum up: the axis
	// runs from From to To, and sessions that overlap the window are cut
	// to it (a session begun before From counts from From); others are
	// left out. A zero From or To leaves that side to the sessions.
	From, To time.Time
	// Location is the time zone of the axis labels and tooltips; nil
	// means UTC.
	Location *time.Location
	// Width is the width of the picture in pixels; 0 means 1200. Widths
	// under 600 are drawn as 600.
	Width int
	// Note, if set, is drawn at the bottom, e.g. to say how the listing
	// was cut.
	Note string
	// Heading names what a lane is in the summary of WriteHTML (see
	// [Summary.Heading]).
	Heading string
}

// Sizes of the picture, in pixels.
const (
	defaultWidth = 1200
	minWidth     = 600
	labelWidth   = 220 // the lane labels, left of the plot
	rightMargin  = 30
	headerHeight = 58   // title and subtitle
	panelHeight  = 64   // the concurrency panel
	axisHeight   = 22   // one row of tick labels
	laneBudget   = 720  // what the lanes aim to fill before their rows shrink to 1 px
	rowBudget    = 1500 // rows the lanes may use together before sessions stack
	maxRowHeight = 12
	minRowHeight = 1
	minLaneH     = 2  // when lanes are too many to label each
	labelHeight  = 14 // the smallest lane that gets its own label
	twoLines     = 28 // a lane with its name and, below, its totals
	tickSpacing  = 80 // pixels per tick, at least; the page's script uses the same
)

// A bar is one session as drawn.
type bar struct {
	span       *Span
	x, w       float64
	row        int
	start, end time.Time // what is drawn: the span cut to the window
	active     bool
	cut        bool // the window cuts the span
}

type laneLayout struct {
	lane    *Lane
	stats   Stats
	bars    []bar
	rows    int
	stacked bool // more sessions overlapped than the lane has rows
	y, h    float64
	labeled bool
}

type layout struct {
	c             *Chart
	clk           clock
	loc           *time.Location
	now           time.Time
	width         float64
	plotX, plotW  float64
	from, to      time.Time
	summary       Summary
	steps         []Step
	lanes         []laneLayout
	rowH          float64
	panelY        float64
	topAxisY      float64
	lanesY        float64
	lanesH        float64
	bottomAxisY   float64
	height        float64
	ticks         []Tick
	drawn, stacks int
	cut           bool // the axis ends before now
	early         int  // sessions that began before the axis, when no window says where it starts
	page          bool // drawn for the HTML page, with what its script needs
}

func (c *Chart) layout() *layout {
	l := &layout{c: c, loc: c.Location, now: c.Now, width: float64(c.Width)}
	if l.loc == nil {
		l.loc = time.UTC
	}
	switch {
	case c.Width == 0:
		l.width = defaultWidth
	case c.Width < minWidth:
		l.width = minWidth
	}
	l.plotX = labelWidth
	l.plotW = l.width - labelWidth - rightMargin
	l.clk = c.clock()
	l.now = l.clk.now
	l.summary = c.Summarize()
	if l.summary.Total.First.IsZero() {
		l.height = headerHeight + 16
		return l
	}
	l.axis()
	l.ticks = Ticks(l.from, l.to, max(3, int(l.plotW/tickSpacing)), l.loc)
	var all []Span
	for i := range c.Lanes {
		all = append(all, c.Lanes[i].Spans...)
	}
	l.steps = l.clk.concurrency(all)
	l.place()
	return l
}

// place packs the bars of every lane on rows and stacks the lanes.
func (l *layout) place() {
	c := l.c
	rowCap := max(2, rowBudget/max(1, len(c.Lanes)))
	l.lanes = make([]laneLayout, len(c.Lanes))
	totalRows := 0
	for i := range c.Lanes {
		ll := &l.lanes[i]
		ll.lane, ll.stats = &c.Lanes[i], l.summary.Lanes[i]
		l.pack(ll, rowCap)
		totalRows += max(1, ll.rows)
	}
	l.rowH = math.Floor(laneBudget / float64(max(1, totalRows)))
	l.rowH = max(minRowHeight, min(maxRowHeight, l.rowH))
	lanePad := 0.0 // above and below the rows of a lane
	switch {
	case l.rowH >= 6:
		lanePad = 3
	case l.rowH >= 2:
		lanePad = 1
	}
	// Lanes get their own label while that keeps the picture under about
	// two screens; beyond, they shrink and every few get a label.
	laneH := float64(labelHeight)
	switch {
	case float64(len(c.Lanes))*twoLines <= laneBudget:
		laneH = twoLines // room for each lane's totals under its name
	case float64(len(c.Lanes))*labelHeight > 2*laneBudget:
		laneH = minLaneH
	}
	l.panelY = headerHeight
	l.topAxisY = l.panelY + panelHeight + axisHeight
	l.lanesY = l.topAxisY + 6
	y := l.lanesY
	lastLabel := math.Inf(-1)
	for i := range l.lanes {
		ll := &l.lanes[i]
		ll.y = y
		ll.h = max(laneH, float64(max(1, ll.rows))*l.rowH+2*lanePad)
		if mid := y + ll.h/2; mid-lastLabel >= labelHeight {
			ll.labeled, lastLabel = true, mid
		}
		y += ll.h
	}
	l.lanesH = y - l.lanesY
	l.bottomAxisY = y + 16
	l.height = l.bottomAxisY + 44
}

// secs returns t as whole seconds from the axis' start.
func (l *layout) secs(t time.Time) int {
	return int(t.Sub(l.from).Round(time.Second) / time.Second)
}

// x returns the horizontal position of t.
func (l *layout) x(t time.Time) float64 {
	return l.plotX + l.plotW*float64(t.Sub(l.from))/float64(l.to.Sub(l.from))
}

// pack places the bars of a lane on rows: each bar on the first row whose
// last session ended by the time it starts, so a lane has as many rows as
// sessions ran at once in it, however far the picture is zoomed (bars
// closer than a pixel touch, which shows how busy the lane was); when
// rowCap rows are taken, on the row that frees up first, overlapping.
func (l *layout) pack(ll *laneLayout, rowCap int) {
	spans := make([]Span, len(ll.lane.Spans))
	copy(spans, ll.lane.Spans)
	sortSpans(spans)
	var ends []time.Time
	ll.bars = make([]bar, 0, len(spans))
	full := clock{now: l.now}
	for i := range spans {
		start, end, p := l.clk.place(&spans[i])
		if p != placed {
			continue
		}
		b := bar{span: &spans[i], x: max(l.plotX, l.x(start)), start: start, end: end, active: spans[i].Active}
		if _, whole, _ := full.place(&spans[i]); start.After(spans[i].Start) || end.Before(whole) {
			b.cut = true
		}
		b.w = max(1, min(l.x(end), l.plotX+l.plotW)-b.x)
		b.row = -1
		for r, e := range ends {
			if !e.After(start) {
				b.row = r
				break
			}
		}
		switch {
		case b.row >= 0:
		case len(ends) < rowCap:
			b.row = len(ends)
			ends = append(ends, time.Time{})
		default:
			b.row = 0
			for r, e := range ends {
				if e.Before(ends[b.row]) {
					b.row = r
				}
			}
			ll.stacked = true
		}
		if end.After(ends[b.row]) {
			ends[b.row] = end
		}
		ll.bars = append(ll.bars, b)
	}
	ll.rows = len(ends)
	l.drawn += len(ll.bars)
	if ll.stacked {
		l.stacks++
	}
}
