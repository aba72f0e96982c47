//lint:file-ignore SA1019 the Nimble SDK is deprecated as a whole; this package exists to test it.

package fakeaws_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
	"github.com/sessionkit/sessions/internal/fakesvc"
)

// checkStage checks one stage's sessions as listed against what can happen
// on IVS: the history rules, most recent first, the newest within 14
// days of now, nothing after now, durations from a minute to hours.
func checkStage(t *testing.T, name string, d fakeaws.Dataset[fakeaws.StageSession], now time.Time) {
	t.Helper()
	items := d.Items()
	spans := make([]fakesvc.Span, len(items))
	for i, s := range items {
		spans[i] = fakesvc.Span{ID: s.SessionID, Start: s.StartTime, End: s.EndTime}
		if i > 0 && !s.StartTime.Before(items[i-1].StartTime) {
			t.Fatalf("%s: session %d starts at %v, not before session %d (%v): not most recent first", name, i, s.StartTime, i-1, items[i-1].StartTime)
		}
		end := s.EndTime
		if end.IsZero() {
			end = now
		}
		if end.After(now) || s.StartTime.After(now) {
			t.Fatalf("%s: session %d (%v to %v) is after now %v", name, i, s.StartTime, s.EndTime, now)
		}
		if d := end.Sub(s.StartTime); !s.EndTime.IsZero() && (d < time.Minute || d > 4*time.Hour) {
			t.Fatalf("%s: session %d lasts %v", name, i, d)
		}
	}
	if err := fakesvc.CheckHistory(spans); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(items) > 0 && now.Sub(items[0].StartTime) > 14*24*time.Hour {
		t.Errorf("%s: the newest session started %v, over 14 days before now", name, items[0].StartTime)
	}
}

func TestStageHistory(t *testing.T) {
	for _, hour := range []int{0, 4, 9, 13, 19, 22} {
		now := time.Date(2026, 12, 6, hour, 17, 3, 123456789, time.UTC)
		for seed := range uint64(12) {
			for _, zone := range []*time.Location{nil, fakeaws.RegionZone("us-west-2"), fakeaws.RegionZone("ap-south-1")} {
				h := fakeaws.StageHistory{Now: now, Sessions: 300, Seed: seed, Zone: zone}
				checkStage(t, fmt.Sprintf("%02d:17, seed %d, %v", hour, seed, zone), h.Dataset(), now)
			}
		}
	}
}

// The same history gives the same sessions, item by item in any order of
// access, and another seed other ones.
func TestStageHistoryRepeats(t *testing.T) {
	now := time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC)
	a := fakeaws.StageHistory{Now: now, Sessions: 1000, Seed: 3}.Dataset()
	b := fakeaws.StageHistory{Now: now, Sessions: 1000, Seed: 3}.Dataset()
	all := a.Items()
	for _, i := range []int{999, 0, 128, 127, 500, 129, 1} {
		if got := b.At(i); got != all[i] {
			t.Errorf("At(%d) = %+v, want %+v", i, got, all[i])
		}
	}
	if c := (fakeaws.StageHistory{Now: now, Sessions: 1000, Seed: 4}).Dataset().At(5); c == all[5] {
		t.Error("another seed gives the same session")
	}
}

// Evenings are busy and nights quiet: over a long history, more sessions
// start between 18:00 and 24:00 local time than between 01:00 and 07:00,
// by far.
func TestStageHistoryEvenings(t *testing.T) {
	zone := fakeaws.RegionZone("eu-central-1")
	now := time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC)
	var evening, night int
	for seed := range uint64(4) {
		for _, s := range (fakeaws.StageHistory{Now: now, Sessions: 2000, Seed: seed, Zone: zone}).Dataset().All() {
			switch h := s.StartTime.In(zone).Hour(); {
			case h >= 18:
				evening++
			case h >= 1 && h < 7:
				night++
			}
		}
	}
	if night*5 > evening {
		t.Errorf("%d sessions started in the evening and %d at night; want at least 5 times more in the evening", evening, night)
	}
}

func TestAccountHistory(t *testing.T) {
	now := time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC)
	a := fakeaws.AccountHistory{Now: now, Seed: 1, AccountID: "111122223333", Regions: []string{"us-west-2", "eu-west-1"}, Stages: 8, Sessions: 200}
	stages := a.AllStages()
	if len(stages) != 16 {
		t.Fatalf("%d stages, want 16", len(stages))
	}
	idle, live, arns := 0, 0, map[string]bool{}
	for _, st := range stages {
		if arns[st.ARN] || st.Name == "" {
			t.Errorf("stage %q: ARN twice or no name (%q)", st.ARN, st.Name)
		}
		arns[st.ARN] = true
		checkStage(t, st.Name, st.Sessions, now)
		switch n := st.Sessions.Len(); {
		case n == 0:
			idle++
		case n != 200:
			t.Errorf("%s: %d sessions, want 200", st.ARN, n)
		case st.Sessions.At(0).EndTime.IsZero():
			live++
		}
	}
	if idle == 0 || idle > 6 || live == 0 {
		t.Errorf("%d idle stages and %d live ones of 16; want a few idle and some live", idle, live)
	}
}

func TestStudioHistory(t *testing.T) {
	now := time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)
	items := fakeaws.StudioHistory{Now: now, Sessions: 400, Seed: 2}.Dataset().Items()
	states := map[sessions.State]int{}
	for i, s := range items {
		if i > 0 && !s.CreatedAt.Before(items[i-1].CreatedAt) {
			t.Fatalf("session %d created at %v, not before session %d: not newest first", i, s.CreatedAt, i-1)
		}
		for name, at := range map[string]time.Time{"createdAt": s.CreatedAt, "startedAt": s.StartedAt, "stoppedAt": s.StoppedAt, "updatedAt": s.UpdatedAt} {
			if at.After(now) {
				t.Errorf("session %d: %s %v after now", i, name, at)
			}
		}
		if !s.State.IsKnown() || !s.StatusCode.IsKnown() {
			t.Errorf("session %d: state %q, status %q", i, s.State, s.StatusCode)
		}
		if s.State == sessions.StateReady && !s.StopAt.IsZero() && s.StopAt.Before(now) {
			t.Errorf("session %d: READY past its StopAt %v", i, s.StopAt)
		}
		states[s.State]++
	}
	if items[0].State == sessions.StateDeleted || states[sessions.StateDeleted] < states[sessions.StateReady] || states[sessions.StateReady] == 0 {
		t.Errorf("state mix %v; newest %s: want running sessions, more deleted ones, the newest not deleted", states, items[0].State)
	}
	if now.Sub(items[0].CreatedAt) > 3*24*time.Hour {
		t.Errorf("the newest streaming session was created %v", items[0].CreatedAt)
	}
}
