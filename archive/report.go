package archive

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/sessionkit/sessions"
)

// A ReportQuery chooses what [Archive.Report] sums up. The zero value sums
// up every session, per stage, in UTC.
type ReportQuery struct {
	// From and To keep the sessions that started at or after From and
	// before To; a zero bound is no bound.
	From, To time.Time
	// Location is the time zone of the busiest hour; nil means UTC.
	Location *time.Location
	// By groups the stages: "stage" (or ""), "region", or "tag:KEY" for the
	// value of the stage's tag KEY ("" for stages without it).
	By string
	// IdleSince is the date since which a stage with no session is idle;
	// zero means From, or 30 days before Now when From is zero too.
	IdleSince time.Time
	// Now is where active sessions end; zero means the time of the call.
	Now time.Time
}

// A Report sums up the sessions of an archive.
type Report struct {
	From, To  time.Time
	By        string
	Groups    []GroupStats // by Key
	Total     GroupStats   // every session; Key is "total"
	Peak      int          // the most sessions running at once, across the account
	PeakAt    time.Time    // when Peak was first reached
	IdleSince time.Time
	Idle      []IdleStage // stages with no session since IdleSince, by ARN
}

// GroupStats are the figures of a group of stages.
type GroupStats struct {
	Key      string // the stage ARN, region or tag value
	Stages   int    // stages in the group, with sessions or not
	Sessions int
	Total    time.Duration // summed durations; an active session's runs to Now
	Longest  time.Duration
	// BusiestHour is the hour of the day (0–23, in the report's Location)
	// in which most sessions started, the earliest on a tie; -1 with no
	// sessions. BusiestHourSessions is how many started in it.
	BusiestHour         int
	BusiestHourSessions int
}

// group is a GroupStats being summed up.
type group struct {
	GroupStats
	hours [24]int // sessions started in each hour of the day
}

// An IdleStage is a stage with no session since the report's IdleSince.
type IdleStage struct {
	ARN, Name, Region string
	LastSession       time.Time // when its last session ended (or started, if active); zero for none ever
}

// Report sums up the archived sessions q selects: per group of stages,
// their sessions, total and longest duration and busiest hour; the most
// sessions running at once across the account; and the idle stages. It
// sends no request. An [*sessions.InputError] reports a bad q.By.
func (a *Archive) Report(ctx context.Context, q ReportQuery) (*Report, error) {
	key, err := groupKey(q.By)
	if err != nil {
		return nil, err
	}
	if q.Now.IsZero() {
		q.Now = time.Now()
	}
	if q.Location == nil {
		q.Location = time.UTC
	}
	if q.IdleSince.IsZero() {
		q.IdleSince = q.From
		if q.IdleSince.IsZero() {
			q.IdleSince = q.Now.AddDate(0, 0, -30)
		}
	}
	r := &Report{From: q.From, To: q.To, By: q.By, IdleSince: q.IdleSince}
	if r.By == "" {
		r.By = "stage"
	}
	groups := map[string]*group{}
	var events []int64
	rows, err := a.db.QueryContext(ctx, "SELECT arn, name, region, tags FROM stages ORDER BY arn")
	if err != nil {
		return nil, readError(a.path, err)
	}
	var stages []stageRow
	for rows.Next() {
		var s stageRow
		if err := rows.Scan(&s.arn, &s.name, &s.region, &s.tags); err != nil {
			rows.Close()
			return nil, readError(a.path, err)
		}
		stages = append(stages, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, readError(a.path, err)
	}
	scan := &stageScan{q: &q, now: q.Now.Unix()}
	for _, s := range stages {
		k := key(&s)
		g := groups[k]
		if g == nil {
			g = &group{GroupStats: GroupStats{Key: k}}
			groups[k] = g
		}
		g.Stages++
		last, err := scan.stage(ctx, a.db, s.arn, g, &events)
		if err != nil {
			return nil, readError(a.path, err)
		}
		if last < q.IdleSince.Unix() {
			is := IdleStage{ARN: s.arn, Name: s.name, Region: s.region}
			if last > 0 {
				is.LastSession = time.Unix(last, 0).UTC()
			}
			r.Idle = append(r.Idle, is)
		}
	}
	total := group{GroupStats: GroupStats{Key: "total"}}
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		g := groups[k]
		g.finish()
		r.Groups = append(r.Groups, g.GroupStats)
		total.add(g)
	}
	total.finish()
	r.Total = total.GroupStats
	r.Peak, r.PeakAt = peak(events)
	return r, nil
}

type stageRow struct{ arn, name, region, tags string }

// groupKey returns the function giving a stage's group for by.
func groupKey(by string) (func(*stageRow) string, error) {
	switch {
	case by == "" || by == "stage":
		return func(s *stageRow) string { return s.arn }, nil
	case by == "region":
		return func(s *stageRow) string { return s.region }, nil
	case strings.HasPrefix(by, "tag:") && len(by) > len("tag:"):
		tag := by[len("tag:"):]
		return func(s *stageRow) string { return tagValue(s.tags, tag) }, nil
	}
	return nil, &sessions.InputError{Field: "ReportQuery.By", Value: by, Reason: `must be "stage", "region" or "tag:KEY"`}
}

// stageScan reads the sessions of one stage at a time into its group.
type stageScan struct {
	q   *ReportQuery
	now int64
}

// stage adds the sessions of arn in the window to g and their start and
// end to events (start*2+1, end*2, so that an end sorts before a start at
// the same second), and returns when the stage last had a session running
// (0 for never).
func (sc *stageScan) stage(ctx context.Context, db *sql.DB, arn string, g *group, events *[]int64) (int64, error) {
	rows, err := db.QueryContext(ctx, "SELECT start_unix, end_unix FROM stage_sessions WHERE stage_arn = ?", arn)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	from, to := int64(-1<<62), int64(1<<62)
	if !sc.q.From.IsZero() {
		from = sc.q.From.Unix()
	}
	if !sc.q.To.IsZero() {
		to = sc.q.To.Unix()
	}
	var last int64
	for rows.Next() {
		var start int64
		var end sql.NullInt64
		if err := rows.Scan(&start, &end); err != nil {
			return 0, err
		}
		stop := end.Int64
		if !end.Valid {
			stop = sc.now
		}
		last = max(last, stop)
		if start < from || start >= to {
			continue
		}
		d := time.Duration(stop-start) * time.Second
		g.Sessions++
		g.Total += d
		g.Longest = max(g.Longest, d)
		g.hours[time.Unix(start, 0).In(sc.q.Location).Hour()]++
		*events = append(*events, start*2+1, stop*2)
	}
	return last, rows.Err()
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
	slices.Sort(events)
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
