package timeline_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/timeline"
)

// realistic returns the lanes of stages as IVS could have them over the
// days before now: per stage, sessions that never overlap, from minutes to
// hours long, busy evenings and quiet nights, at most one active (the
// last), a few idle stages, stage names in two regions; and, when
// forgotten, one session left running for months. Seeded, so it repeats.
func realistic(now time.Time, days, stages int, seed uint64, forgotten bool) []timeline.Lane {
	r := rand.New(rand.NewPCG(seed, 7))
	var ss []sessions.StageSession
	var named []sessions.Stage
	for s := range stages {
		region := []string{"us-west-2", "eu-central-1"}[s%2]
		arn := fmt.Sprintf("arn:aws:ivs:%s:111122223333:stage/St%04dAbCdEf", region, s)
		named = append(named, sessions.Stage{ARN: arn, Name: fmt.Sprintf("studio-%d", s/2+1)})
		if s%9 == 4 {
			continue // an idle stage
		}
		busy := 0.3 + r.Float64()
		// Start a day early, so that stages are not all quiet at once
		// when the data begins.
		first := now.AddDate(0, 0, -days)
		t := first.AddDate(0, 0, -1)
		for n := 0; ; n++ {
			// Gaps are long at night and short in the evening (UTC).
			h := t.Hour()
			gap := time.Duration(r.ExpFloat64() * float64(3*time.Hour) / busy)
			if h >= 17 && h <= 23 {
				gap /= 4
			} else if h < 7 {
				gap *= 3
			}
			start := t.Add(gap + time.Minute)
			if !start.Before(now) {
				break
			}
			d := time.Duration((2 + r.ExpFloat64()*50) * float64(time.Minute))
			end := start.Add(d)
			id := fmt.Sprintf("st-%013d", s*1_000_000+n)
			if end.After(now) {
				ss = append(ss, sessions.StageSession{StageARN: arn, ID: id, StartTime: start})
				break
			}
			if end.After(first) {
				ss = append(ss, sessions.StageSession{StageARN: arn, ID: id, StartTime: start, EndTime: end})
			}
			t = end
		}
	}
	if forgotten {
		ss = append(ss, sessions.StageSession{StageARN: named[0].ARN, ID: "st-forgotten00000", StartTime: now.AddDate(0, -5, 0)})
	}
	return timeline.StageLanes(ss, named...)
}

// crowded returns n sessions in lanes lanes over a week, overlapping
// freely: what a busy account's streaming sessions may look like.
func crowded(now time.Time, n, lanes int) []timeline.Lane {
	r := rand.New(rand.NewPCG(5000, 50))
	out := make([]timeline.Lane, lanes)
	states := []string{"STOPPED", "STOPPED", "STOPPED", "READY", "STOP_FAILED", "START_IN_PROGRESS", "DELETED"}
	for i := range out {
		out[i].Name = fmt.Sprintf("owner-%d@example.com", i+1)
	}
	for i := range n {
		start := now.Add(-time.Duration(r.Float64() * float64(7*24*time.Hour)))
		st := states[r.IntN(len(states))]
		if now.Sub(start) > 10*time.Hour && (st == "READY" || st == "START_IN_PROGRESS") && r.IntN(20) > 0 {
			st = "STOPPED" // few workstations run for days
		}
		sp := timeline.Span{ID: fmt.Sprintf("session-%05d", i), Start: start, State: st, Active: st == "READY" || st == "START_IN_PROGRESS"}
		if !sp.Active {
			sp.End = start.Add(time.Duration((5 + r.ExpFloat64()*120) * float64(time.Minute)))
			if sp.End.After(now) {
				sp.End = now.Add(-time.Minute)
			}
		}
		l := &out[r.IntN(lanes)]
		l.Spans = append(l.Spans, sp)
	}
	timeline.SortLanes(out)
	return out
}
