package timeline

import (
	"slices"
	"time"
)

// A clock places spans in time: active spans run to now, and when a
// window is set every span is cut to it, so a session that began before
// the window counts and draws from the window's start.
type clock struct {
	now      time.Time
	from, to time.Time // the window [from, to); zero: unbounded
}

// where a span falls.
type placement int

const (
	placed  placement = iota
	undated           // a zero Start: counted, not drawn
	outside           // wholly outside the window: left out
)

// place returns the part of s inside the window, as a half-open interval.
// A span whose end is not after its start lasts one nanosecond, so that
// it overlaps what runs at its start.
func (c *clock) place(s *Span) (start, end time.Time, p placement) {
	if s.Start.IsZero() {
		return time.Time{}, time.Time{}, undated
	}
	start, end = s.Start, s.End
	if s.Active {
		end = c.now
	}
	if !end.After(start) {
		end = start.Add(time.Nanosecond)
	}
	if !c.to.IsZero() {
		if !start.Before(c.to) {
			return start, end, outside
		}
		if end.After(c.to) {
			end = c.to
		}
	}
	if !c.from.IsZero() {
		if !end.After(c.from) {
			return start, end, outside
		}
		if start.Before(c.from) {
			start = c.from
		}
	}
	return start, end, placed
}

// duration is how long s runs inside the window: the nanosecond given to
// empty spans is for overlap only and counts as nothing.
func (c *clock) duration(s *Span, start, end time.Time) time.Duration {
	if !s.Active && !s.End.After(s.Start) || s.Active && !c.now.After(s.Start) {
		return 0
	}
	return end.Sub(start)
}

// windowed tells whether a window is set.
func (c *clock) windowed() bool { return !c.from.IsZero() || !c.to.IsZero() }

// Summarize sums up the sessions of the chart's lanes, cut to its window,
// with active ones running to its Now (the latest time of any span when
// Now is zero).
func (c *Chart) Summarize() Summary {
	clk := c.clock()
	s := clk.summarize(c.Lanes)
	s.Heading = c.Heading
	return s
}

func (c *Chart) clock() clock {
	now := c.Now
	if now.IsZero() {
		now = latest(c.Lanes)
	}
	return clock{now: now, from: c.From, to: c.To}
}

// axis chooses the times the axis runs between: the window where it is
// set, else the sessions' first start and last end, padded a little.
// Sessions left active long ago would stretch the axis to now, and one
// session begun long before the others would squeeze them to its right:
// the axis then ends after the last start or end, with active bars
// running off its edge, or starts at the first start after the gap.
func (l *layout) axis() {
	c, t := l.c, &l.summary.Total
	l.from, l.to = c.From, c.To
	if l.to.IsZero() {
		l.to = t.Last
		if last := latest(c.Lanes); t.Active > 0 && last.After(t.First) && t.Last.Sub(last) > last.Sub(t.First) {
			l.to, l.cut = last, true
		}
	}
	if l.from.IsZero() {
		l.from, l.early = l.axisStart()
	}
	pad := l.to.Sub(l.from) / 50
	if pad < time.Second {
		pad = time.Minute
	}
	if c.From.IsZero() {
		l.from = l.from.Add(-pad)
	}
	if c.To.IsZero() {
		l.to = l.to.Add(pad)
	}
	if !l.to.After(l.from) {
		l.to = l.from.Add(time.Minute)
	}
}

// axisStart returns the first start, or, when at most one session in a
// hundred began before a gap longer than all that follows it, the first
// start after that gap, and how many began before it.
func (l *layout) axisStart() (time.Time, int) {
	var starts []time.Time
	for i := range l.c.Lanes {
		for j := range l.c.Lanes[i].Spans {
			if s, _, p := l.clk.place(&l.c.Lanes[i].Spans[j]); p == placed && s.Before(l.to) {
				starts = append(starts, s)
			}
		}
	}
	slices.SortFunc(starts, time.Time.Compare)
	if len(starts) == 0 {
		return l.summary.Total.First, 0
	}
	cut := 0
	for i := 0; i < max(1, len(starts)/100) && i+1 < len(starts); i++ {
		if starts[i+1].Sub(starts[i]) > l.to.Sub(starts[i+1]) {
			cut = i + 1
		}
	}
	return starts[cut], cut
}

// latest returns the latest start or end of any span.
func latest(lanes []Lane) time.Time {
	var t time.Time
	for i := range lanes {
		for _, s := range lanes[i].Spans {
			if s.Start.After(t) {
				t = s.Start
			}
			if !s.Active && s.End.After(t) {
				t = s.End
			}
		}
	}
	return t
}
