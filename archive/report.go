package archive

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sessionkit/sessions"
)

// A ReportQuery chooses what [Archive.Report] sums up. The zero value sums
// up every session, per stage, in UTC.
type ReportQuery struct {
	// From and To keep the sessions that ran between From and To,
	// clipped to them: durations, busiest hour and peak count only the
	// part in the window. A zero bound is no bound.
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
	Name     string // the stage's name, when grouped by stage
	Stages   int    // stages in the group, with sessions or not
	Sessions int
	Total    time.Duration // summed durations; an active session's runs to Now
	Longest  time.Duration
	// BusiestHour is the hour of the day (0–23, in the report's Location)
	// in which most sessions started (or the window began, for those
	// already running), the earliest on a tie; -1 with no
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
	var events eventList
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
	scan := &scanner{from: -1 << 62, to: 1 << 62, now: q.Now.Unix(), hours: hourOfDay{loc: q.Location}}
	if !q.From.IsZero() {
		scan.from = q.From.Unix()
	}
	if !q.To.IsZero() {
		scan.to = q.To.Unix()
	}
	last, err := scan.all(ctx, a.db, stages, func(s *stageRow) *group { return groupOf(groups, key, s) }, &events)
	if err != nil {
		return nil, readError(a.path, err)
	}
	for i := range stages {
		s := &stages[i]
		groupOf(groups, key, s).Stages++
		if l := last[s.arn]; l < q.IdleSince.Unix() {
			is := IdleStage{ARN: s.arn, Name: s.name, Region: s.region}
			if l > 0 {
				is.LastSession = time.Unix(l, 0).UTC()
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
	r.Peak, r.PeakAt = peak(events.flat())
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

// groupOf returns the group of stage s, made if needed.
func groupOf(groups map[string]*group, key func(*stageRow) string, s *stageRow) *group {
	k := key(s)
	g := groups[k]
	if g == nil {
		g = &group{GroupStats: GroupStats{Key: k}}
		if k == s.arn {
			g.Name = s.name
		}
		groups[k] = g
	}
	return g
}

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
