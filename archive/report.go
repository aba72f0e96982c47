package archive

import (
	"context"
	"maps"
	"slices"
	"strings"
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
