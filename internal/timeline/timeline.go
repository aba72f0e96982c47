// Package timeline draws listed sessions as a timeline (SVG, or an HTML page
// around it) and sums them up as plain text for terminals.
//
// The input is neutral: a [Lane] per parent (a stage, a studio, an owner)
// holding [Span] values, each an ID with a start, an end and whether it is
// still active. [StageLanes] and [StreamingLanes] build lanes from the
// library's session types. A span covers the half-open interval
// [Start, End): a session that ends when another starts does not overlap
// it. An active span runs to the chart's Now. A span whose End is not after
// its Start counts for one nanosecond, so it still overlaps the sessions
// running at its Start; a span with a zero Start cannot be placed in time
// and is counted but not drawn.
package timeline

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// A Span is one session on a timeline.
type Span struct {
	ID     string
	Start  time.Time
	End    time.Time // ignored when Active
	Active bool      // still running: the span ends at the chart's Now
	// State, if set, is the session's state (a streaming session's
	// "READY", "STOPPED", …); the picture colours bars by it.
	State string
}

// A Lane is a row of the timeline: the sessions of one parent.
type Lane struct {
	Name  string // the parent's full name, e.g. a stage ARN; shown as a tooltip
	Label string // the short name drawn beside the lane; Name when empty
	Spans []Span
}

func (l *Lane) label() string {
	if l.Label != "" {
		return l.Label
	}
	return l.Name
}

// A Peak is the highest number of sessions running at once, and the first
// interval [From, To) during which that many ran. The zero Peak means no
// session ran.
type Peak struct {
	Count    int
	From, To time.Time
}

// A Step is one piece of a concurrency step function: Count sessions run
// from At until the next step's At.
type Step struct {
	At    time.Time
	Count int
}

// Concurrency returns how many of spans run at each moment, as steps in
// time order: the first step is the first start, the last one brings the
// count back to 0. Active spans run to now. Spans with a zero Start are
// left out.
func Concurrency(spans []Span, now time.Time) []Step {
	return (&clock{now: now}).concurrency(spans)
}

func (c *clock) concurrency(spans []Span) []Step {
	type event struct {
		at    time.Time
		delta int
	}
	ev := make([]event, 0, 2*len(spans))
	for i := range spans {
		start, end, p := c.place(&spans[i])
		if p == placed {
			ev = append(ev, event{start, +1}, event{end, -1})
		}
	}
	slices.SortFunc(ev, func(a, b event) int { return a.at.Compare(b.at) })
	var steps []Step
	n := 0
	for i := 0; i < len(ev); {
		at := ev[i].at
		// All events at one instant form one step, so an end and a start
		// at the same moment never show a dip or a spike.
		for ; i < len(ev) && ev[i].at.Equal(at); i++ {
			n += ev[i].delta
		}
		if len(steps) > 0 && steps[len(steps)-1].Count == n {
			continue
		}
		steps = append(steps, Step{At: at, Count: n})
	}
	return steps
}

// PeakOf returns the peak of a step function from [Concurrency].
func PeakOf(steps []Step) Peak {
	var p Peak
	for i, s := range steps {
		if s.Count > p.Count {
			p = Peak{Count: s.Count, From: s.At}
			if i+1 < len(steps) {
				p.To = steps[i+1].At
			}
		}
	}
	return p
}

// Stats sums up the sessions of one lane, or of all lanes.
type Stats struct {
	Name        string        // the lane's label
	Sessions    int           // every span in the window (all without one), drawn or not
	Active      int           // spans still running
	Undated     int           // spans with a zero Start, not drawn
	Total       time.Duration // the sum of the durations within the window, active ones to now
	Longest     time.Duration
	LongestID   string
	First, Last time.Time // the earliest start and the latest end (now for active spans)
	Peak        Peak
}

// Summary is what [Summarize] finds: one Stats per lane, in the order of
// the lanes, and the totals over all lanes (whose Peak counts the sessions
// of every lane together).
type Summary struct {
	Now time.Time
	// From and To are the window the sessions were cut to ([Chart.From]);
	// zero when unbounded.
	From, To time.Time
	Lanes    []Stats
	Total    Stats
	// Heading names what a lane is ("STAGE", "OWNER") in the first
	// column of [Summary.WriteText]; "PARENT" when empty.
	Heading string
}

// Summarize computes the statistics of lanes, with active spans running to
// now.
func Summarize(lanes []Lane, now time.Time) Summary {
	return (&clock{now: now}).summarize(lanes)
}

func (c *clock) summarize(lanes []Lane) Summary {
	s := Summary{Now: c.now, From: c.from, To: c.to, Lanes: make([]Stats, len(lanes)), Total: Stats{Name: "TOTAL"}}
	var all []Span
	if len(lanes) > 1 {
		all = make([]Span, 0, spanCount(lanes))
	}
	for i := range lanes {
		s.Lanes[i] = c.stats(lanes[i].label(), lanes[i].Spans)
		s.Total.add(&s.Lanes[i])
		if len(lanes) > 1 {
			all = append(all, lanes[i].Spans...)
		}
	}
	switch len(lanes) {
	case 1:
		s.Total.Peak = s.Lanes[0].Peak
	default:
		s.Total.Peak = PeakOf(c.concurrency(all))
	}
	return s
}

func spanCount(lanes []Lane) int {
	n := 0
	for i := range lanes {
		n += len(lanes[i].Spans)
	}
	return n
}

func (c *clock) stats(name string, spans []Span) Stats {
	st := Stats{Name: name}
	for i := range spans {
		sp := &spans[i]
		start, end, p := c.place(sp)
		if p == outside {
			continue
		}
		st.Sessions++
		if sp.Active {
			st.Active++
		}
		if p == undated {
			st.Undated++
			continue
		}
		d := c.duration(sp, start, end)
		st.Total = addDurations(st.Total, d)
		if d > st.Longest || st.LongestID == "" {
			st.Longest, st.LongestID = d, sp.ID
		}
		if st.First.IsZero() || start.Before(st.First) {
			st.First = start
		}
		if end.After(st.Last) {
			st.Last = end
		}
	}
	st.Peak = PeakOf(c.concurrency(spans))
	return st
}

// add adds the counts of o to st; the peak is left to the caller.
func (st *Stats) add(o *Stats) {
	st.Sessions += o.Sessions
	st.Active += o.Active
	st.Undated += o.Undated
	st.Total = addDurations(st.Total, o.Total)
	if o.LongestID != "" && (o.Longest > st.Longest || st.LongestID == "") {
		st.Longest, st.LongestID = o.Longest, o.LongestID
	}
	if !o.First.IsZero() && (st.First.IsZero() || o.First.Before(st.First)) {
		st.First = o.First
	}
	if o.Last.After(st.Last) {
		st.Last = o.Last
	}
}

// sortSpans orders spans by start, then end, then ID, so drawing does not
// depend on the order the service returned them in.
func sortSpans(spans []Span) {
	slices.SortFunc(spans, func(a, b Span) int {
		return cmp.Or(a.Start.Compare(b.Start), a.End.Compare(b.End), cmp.Compare(a.ID, b.ID))
	})
}

// MaxTotal is the largest [Stats.Total], about 292 years, where sums
// stop instead of overflowing: a few hundred sessions left active for
// years get there.
const MaxTotal = time.Duration(math.MaxInt64)

// addDurations returns a+b (both ≥ 0), or MaxTotal when that overflows.
func addDurations(a, b time.Duration) time.Duration {
	if a > MaxTotal-b {
		return MaxTotal
	}
	return a + b
}
