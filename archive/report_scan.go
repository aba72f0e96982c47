package archive

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"sync"
	"time"
)

// scanner reads sessions into their groups.
type scanner struct {
	from, to int64 // the window
	now      int64 // where active sessions end
	hours    hourOfDay
}

// all reads the sessions of each stage into the group groupFor returns,
// and returns when each stage last had a session running. A query a stage
// reads two integers a row, which costs less than the stage's ARN on
// every row of one query. Two workers, on two connections, read every
// other stage each: reading the rows through the driver is most of a
// report's time, and it is as fast on each of two cores.
func (sc *scanner) all(ctx context.Context, db *sql.DB, stages []stageRow, groupFor func(s *stageRow) *group, events *eventList) (map[string]int64, error) {
	const workers = 2
	var (
		per   = make([]group, len(stages)) // each stage's own figures
		lasts = make([]int64, len(stages))
		lists [workers]eventList
		errs  [workers]error
		wg    sync.WaitGroup
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			own := *sc // the zone lookup remembers its last period
			for i := w; i < len(stages) && errs[w] == nil; i += workers {
				lasts[i], errs[w] = own.stage(ctx, db, stages[i].arn, &per[i], &lists[w])
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return nil, err
	}
	last := make(map[string]int64, len(stages))
	for i := range stages {
		groupFor(&stages[i]).add(&per[i])
		last[stages[i].arn] = lasts[i]
	}
	for _, l := range lists {
		events.blocks = append(events.blocks, l.blocks...)
		events.n += l.n
	}
	return last, nil
}

func (sc *scanner) stage(ctx context.Context, db *sql.DB, arn string, g *group, events *eventList) (int64, error) {
	rows, err := db.QueryContext(ctx, "SELECT start_unix, coalesce(end_unix, -1) FROM stage_sessions WHERE stage_arn = ?", arn)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var l, start, end int64
	for rows.Next() {
		if err := rows.Scan(&start, &end); err != nil {
			return 0, err
		}
		l = max(l, sc.add(start, end, g, events))
	}
	return l, rows.Err()
}

// add adds a session that ran from start to end (-1 while active) to g,
// clipped to the window, if it ran in it; and its clipped start and end to
// events (start*2+1, end*2, so that an end sorts before a start at the
// same second). It returns when the session last ran.
func (sc *scanner) add(start, end int64, g *group, events *eventList) int64 {
	if end < 0 {
		end = sc.now
	}
	if start >= sc.to || (end <= sc.from && start < sc.from) {
		return end
	}
	cs, ce := max(start, sc.from), max(min(end, sc.to), start)
	d := time.Duration(ce-cs) * time.Second
	g.Sessions++
	g.Total += d
	g.Longest = max(g.Longest, d)
	g.hours[sc.hours.of(cs)]++
	events.add(cs*2+1, ce*2)
	return end
}

// hourOfDay finds the hour of the day of Unix times in a time zone,
// remembering the offset of the zone period it last looked up (between
// two daylight-saving changes, say): most times fall in it.
type hourOfDay struct {
	loc        *time.Location
	begin, end int64 // the period [begin, end) whose offset is known
	offset     int64
}

func (h *hourOfDay) of(t int64) int {
	if t < h.begin || t >= h.end {
		lt := time.Unix(t, 0).In(h.loc)
		_, off := lt.Zone()
		b, e := lt.ZoneBounds()
		h.begin, h.end, h.offset = math.MinInt64, math.MaxInt64, int64(off)
		if !b.IsZero() {
			h.begin = b.Unix()
		}
		if !e.IsZero() {
			h.end = e.Unix()
		}
	}
	return int(((t+h.offset)%86400+86400)%86400) / 3600
}

func (g *group) add(o *group) {
	g.Stages += o.Stages
	g.Sessions += o.Sessions
	g.Total += o.Total
	g.Longest = max(g.Longest, o.Longest)
	for h, n := range o.hours {
		g.hours[h] += n
	}
}

func (g *group) finish() {
	g.BusiestHour, g.BusiestHourSessions = -1, 0
	for h, n := range g.hours {
		if n > g.BusiestHourSessions {
			g.BusiestHour, g.BusiestHourSessions = h, n
		}
	}
}

// peak returns the most sessions running at once and when that was first
// reached.
func peak(events []int64) (int, time.Time) {
	sortEvents(events)
	n, best, at := 0, 0, int64(0)
	for _, e := range events {
		if e&1 == 1 {
			n++
			if n > best {
				best, at = n, e>>1
			}
		} else {
			n--
		}
	}
	if best == 0 {
		return 0, time.Time{}
	}
	return best, time.Unix(at, 0).UTC()
}
