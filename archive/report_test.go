package archive_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/archive"
	"github.com/sessionkit/sessions/sessionstest"
)

func TestReport(t *testing.T) {
	a := reportArchive(t)
	ctx := context.Background()
	at, now := reportAt, reportAt(6, 0)
	t.Run("by tag", func(t *testing.T) {
		r, err := a.Report(ctx, archive.ReportQuery{From: t0, Now: now, By: "tag:team"})
		if err != nil {
			t.Fatal(err)
		}
		want := &archive.Report{
			From: t0, By: "tag:team",
			Groups: []archive.GroupStats{
				{Key: "", Stages: 1, BusiestHour: -1},
				{Key: "red", Stages: 2, Sessions: 4, Total: 30*time.Minute + 2*time.Hour + 30*time.Minute + time.Hour, Longest: 2 * time.Hour, BusiestHour: 10, BusiestHourSessions: 2},
			},
			Total:     archive.GroupStats{Key: "total", Stages: 3, Sessions: 4, Total: 4 * time.Hour, Longest: 2 * time.Hour, BusiestHour: 10, BusiestHourSessions: 2},
			Peak:      2,
			PeakAt:    at(1, 30),
			IdleSince: t0,
			Idle:      []archive.IdleStage{{ARN: reportIdleARN, Name: "idle", Region: "eu-west-1", LastSession: at(-47, 0)}},
		}
		if diff := cmp.Diff(want, r); diff != "" {
			t.Errorf("Report() mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("by region in Tokyo", func(t *testing.T) {
		// In Tokyo (UTC+9), 09:30 and 10:30 UTC are 18:30 and 19:30.
		tokyo := time.FixedZone("JST", 9*3600)
		r, err := a.Report(ctx, archive.ReportQuery{From: at(1, 0), To: at(2, 0), Location: tokyo, By: "region", Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if g := r.Groups[1]; g.Key != "us-west-2" || g.Sessions != 2 || g.BusiestHour != 19 || r.Peak != 2 {
			t.Errorf("Report(region, Tokyo) = %+v", r)
		}
	})
	testReportWindows(t, a, now)
	t.Run("busiest hour across a daylight-saving change", func(t *testing.T) {
		// New York leaves daylight saving time at 06:00 UTC on 1 November
		// 2026: st-e (30 October, 09:00 UTC) started at 05:00 EDT, st-b and
		// st-d at 05:00 and 05:30 EST, st-c at 04:30 EST.
		ny, err := time.LoadLocation("America/New_York")
		if err != nil {
			t.Skip(err)
		}
		r, err := a.Report(ctx, archive.ReportQuery{Location: ny, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total.BusiestHour != 5 || r.Total.BusiestHourSessions != 3 {
			t.Errorf("Report(New York) busiest hour %d with %d sessions, want 5 with 3", r.Total.BusiestHour, r.Total.BusiestHourSessions)
		}
	})
	t.Run("bad By", func(t *testing.T) {
		var ie *sessions.InputError
		if _, err := a.Report(ctx, archive.ReportQuery{By: "tag:"}); !errors.As(err, &ie) || ie.Field != "ReportQuery.By" {
			t.Errorf("Report(By tag:) error = %v, want an *InputError for ReportQuery.By", err)
		}
	})
}

// reportIdleARN is the stage of reportArchive without a session in the
// last day.
const reportIdleARN = "arn:aws:ivs:eu-west-1:123456789012:stage/idle"

// reportAt is t0 plus h hours and m minutes.
func reportAt(h, m int) time.Time {
	return t0.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

// reportArchive returns an archive synced from three stages: two tagged
// team red with four sessions between them from t0 on (one still active),
// and an idle one whose only session ended 47 hours before t0.
func reportArchive(t *testing.T) *archive.Archive {
	t.Helper()
	at := reportAt
	a1, a2, a3 := stageARN(1), stageARN(2), reportIdleARN
	svc := &sessionstest.StageService{
		Stages: map[string][]sessions.StageSession{
			a1: {
				{ID: "st-a", StartTime: at(5, 0)},                     // active: runs to Now
				{ID: "st-b", StartTime: at(1, 0), EndTime: at(3, 0)},  // 2h
				{ID: "st-c", StartTime: at(0, 30), EndTime: at(1, 0)}, // ends as st-b starts
			},
			a2: {{ID: "st-d", StartTime: at(1, 30), EndTime: at(2, 0)}},
			a3: {{ID: "st-e", StartTime: at(-48, 0), EndTime: at(-47, 0)}},
		},
		Info: map[string]sessionstest.StageInfo{a1: {Name: "one", Tags: map[string]string{"team": "red"}}, a2: {Name: "two", Tags: map[string]string{"team": "red"}}, a3: {Name: "idle"}},
	}
	a, _ := openTemp(t)
	if _, err := a.Sync(context.Background(), factory(svc), account, archive.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	return a
}

// testReportWindows checks reports over windows of reportArchive: a window
// holds the sessions that overlap it, clipped to it.
func testReportWindows(t *testing.T, a *archive.Archive, now time.Time) {
	at := reportAt
	for _, tc := range []struct {
		name   string
		q      archive.ReportQuery
		total  archive.GroupStats
		peak   int
		peakAt time.Time
	}{
		{
			// st-b (10:00–12:00) runs 10:30–11:30 in it and starts there,
			// st-d (10:30–11:00) whole; st-c ends as the window begins.
			name:   "window 10:30–11:30",
			q:      archive.ReportQuery{From: at(1, 30), To: at(2, 30), Now: now},
			total:  archive.GroupStats{Key: "total", Stages: 3, Sessions: 2, Total: 90 * time.Minute, Longest: time.Hour, BusiestHour: 10, BusiestHourSessions: 2},
			peak:   2,
			peakAt: at(1, 30),
		},
		{
			// The active st-a (14:00, running to Now 15:00) is clipped to
			// the window's end, st-b to its start.
			name:   "window 11:00–14:30",
			q:      archive.ReportQuery{From: at(2, 0), To: at(5, 30), Now: now},
			total:  archive.GroupStats{Key: "total", Stages: 3, Sessions: 2, Total: 90 * time.Minute, Longest: time.Hour, BusiestHour: 11, BusiestHourSessions: 1},
			peak:   1,
			peakAt: at(2, 0),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := a.Report(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.total, r.Total); diff != "" || r.Peak != tc.peak || !r.PeakAt.Equal(tc.peakAt) {
				t.Errorf("Report() total (-want +got):\n%s, peak %d at %v, want %d at %v", diff, r.Peak, r.PeakAt, tc.peak, tc.peakAt)
			}
		})
	}
}
