package fakeaws

import (
	"math"
	"sync/atomic"
	"time"
)

// A StageHistory describes the sessions of one stage as they could have
// happened on IVS, up to Now: a stage has one session at a time, so its
// sessions never overlap and only the newest may be active. Busy evenings
// and quiet nights are those of Zone.
type StageHistory struct {
	// Now is the instant the history ends at: sessions end before it,
	// and an active session started before it.
	Now time.Time
	// Sessions is how many sessions the stage has had.
	Sessions int
	// Seed picks the stage's busyness, whether it is live at Now, the
	// session IDs and every gap and duration.
	Seed uint64
	// Zone is where the stage's audience lives; nil means UTC.
	Zone *time.Location
}

// historyStride is how many sessions lie between two remembered points
// of a walk, so a session is computed from at most this many others.
const historyStride = 128

// Dataset returns the stage's sessions most recent first, as
// ListStageSessions lists them. The same history always gives the same
// sessions. Each session lasts from minutes (small hours) to hours (in the
// evening); gaps between sessions are minutes in the evening, longer by
// day and hours at night. Whether the newest session is still active
// depends on the seed and on the time of day at Now. Items are computed on
// demand: the set holds one remembered time per 128 sessions.
func (h StageHistory) Dataset() Dataset[StageSession] {
	if h.Zone == nil {
		h.Zone = time.UTC
	}
	return walk(h.Sessions, h.Now, func(i int, next time.Time) (StageSession, time.Time) {
		s := h.session(i, next)
		return s, s.StartTime
	})
}

// walk returns a Dataset of n items generated newest first from now:
// step makes item i from the instant the newer item i-1 began (now for
// item 0) and returns the instant item i began. It remembers one instant
// per historyStride items, so an item is computed by at most that many
// steps and the set costs little memory however large.
func walk[T any](n int, now time.Time, step func(i int, next time.Time) (T, time.Time)) Dataset[T] {
	n = max(n, 0)
	marks := make([]time.Time, 0, n/historyStride+1)
	next := now
	for i := range n {
		if i%historyStride == 0 {
			marks = append(marks, next)
		}
		_, next = step(i, next)
	}
	// Servers read items in order, so the walk resumes from the last item
	// read when it lies between the mark and i.
	var last atomic.Pointer[walked]
	return Generate(n, func(i int) T {
		j, next := i/historyStride*historyStride, marks[i/historyStride]
		if w := last.Load(); w != nil && w.i >= j && w.i < i {
			j, next = w.i+1, w.began
		}
		for ; ; j++ {
			it, began := step(j, next)
			if j == i {
				last.Store(&walked{i, began})
				return it
			}
			next = began
		}
	})
}

// walked is where a walk stopped: item i began at began.
type walked struct {
	i     int
	began time.Time
}

// busyness is the stage's factor on every gap: under 1 for a busy stage.
func (h StageHistory) busyness() float64 {
	return 0.4 + 2.6*unit(mix(h.Seed^0x6275737921))
}

// session returns session i, which ends before next, the start of the
// session after it (or Now, for the newest).
func (h StageHistory) session(i int, next time.Time) StageSession {
	r := mix(mix(h.Seed) + uint64(i)*0x9e3779b97f4a7c15)
	s := StageSession{SessionID: uniqueID("st-", h.Seed, i)}
	local := next.In(h.Zone)
	if i == 0 && unit(mix(r^3)) < liveChance(local.Hour()) {
		d := duration(r, local.Hour())
		s.StartTime = next.Add(-time.Duration(unit(mix(r)) * float64(d))).UTC().Truncate(time.Millisecond)
		return s
	}
	gap := time.Duration(float64(meanGap(local.Hour())) * h.busyness() * -math.Log(1-unit(r)))
	end := quietNight(next.Add(-time.Minute-gap).In(h.Zone), mix(r^1))
	s.EndTime = end.Add(-time.Duration(r>>54%1000) * time.Millisecond).UTC().Truncate(time.Millisecond)
	s.StartTime = s.EndTime.Add(-duration(mix(r^2), end.Hour())).Truncate(time.Millisecond)
	return s
}

// quietNight moves an end time that falls between 01:00 and 07:00 back to
// the hour before 01:00 most of the time: few sessions run at night.
func quietNight(t time.Time, r uint64) time.Time {
	if t.Hour() < 1 || t.Hour() >= 7 || r%10 == 0 {
		return t
	}
	midnight := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	return midnight.Add(time.Duration(r>>8%3600) * time.Second)
}

// meanGap is the mean time between two sessions that end and start
// around hour (local): minutes in the evening, an hour by day, hours at
// night.
func meanGap(hour int) time.Duration {
	switch {
	case hour >= 18:
		return 12 * time.Minute
	case hour >= 9:
		return 50 * time.Minute
	case hour >= 7:
		return 90 * time.Minute
	}
	return 3 * time.Hour
}

// duration is how long a session ending at hour (local) lasted:
// log-uniform between a few minutes and, in the evening, three hours.
func duration(r uint64, hour int) time.Duration {
	lo, hi := 5*time.Minute, 90*time.Minute
	switch {
	case hour >= 18 || hour == 0:
		lo, hi = 15*time.Minute, 3*time.Hour
	case hour < 7:
		lo, hi = 3*time.Minute, 40*time.Minute
	}
	f := math.Exp(math.Log(float64(lo)) + unit(r)*(math.Log(float64(hi))-math.Log(float64(lo))))
	return time.Duration(f).Truncate(time.Second) + time.Duration(r%1000)*time.Millisecond
}

// liveChance is how likely a stage is to have a session running at hour.
func liveChance(hour int) float64 {
	switch {
	case hour >= 18:
		return 0.6
	case hour >= 9:
		return 0.35
	}
	return 0.1
}

// unit maps r to [0, 1), using its top 53 bits.
func unit(r uint64) float64 { return float64(r>>11) / (1 << 53) }
