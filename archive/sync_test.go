package archive_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/archive"
	"github.com/sessionkit/sessions/sessionstest"
)

func TestSyncArchivesEverySession(t *testing.T) {
	svc := service(5, 230)
	a, _ := openTemp(t)
	res, err := a.Sync(context.Background(), factory(svc), account, archive.SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want(svc), archived(t, a)); diff != "" {
		t.Errorf("archive mismatch (-want +got):\n%s", diff)
	}
	// 5 stages × 3 pages of 100, one ListStages page.
	if got, want := res, (archive.SyncResult{Stages: 5, New: 5 * 230, Requests: 16, Elapsed: res.Elapsed}); got != want {
		t.Errorf("Sync() = %+v, want %+v", got, want)
	}
	stages, err := sessions.Collect(a.Stages(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if len(stages) != 5 || stages[1].Name != "stage 1" || stages[1].Tags["team"] != "blue" || stages[0].ActiveSessionID == "" || stages[1].ActiveSessionID != "" {
		t.Errorf("Stages() = %+v", stages)
	}
}

func TestSyncReadsOnlyWhatIsNew(t *testing.T) {
	svc := service(4, 250)
	a, _ := openTemp(t)
	ctx := context.Background()
	if _, err := a.Sync(ctx, factory(svc), account, archive.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	again, err := a.Sync(ctx, factory(svc), account, archive.SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// One ListStages page and one page per stage.
	if again.New != 0 || again.Updated != 0 || again.Requests != 1+4 {
		t.Errorf("second Sync() = %v, want nothing new in 5 requests", again)
	}

	// Stage 0's active session ends and three start on stage 1; stage 2
	// gets 150 new sessions, more than a page.
	s0 := svc.Stages[stageARN(0)]
	s0[0].EndTime = s0[0].StartTime.Add(time.Hour)
	s1 := svc.Stages[stageARN(1)]
	fresh := history(stageARN(1), 253, false)[:3]
	svc.Stages[stageARN(1)] = append(fresh, s1...)
	s2 := svc.Stages[stageARN(2)]
	// The archive holds s2[0] as active: the listing goes on to it.
	svc.Stages[stageARN(2)] = append(history(stageARN(2), 400, false)[:150], s2...)
	third, err := a.Sync(ctx, factory(svc), account, archive.SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want(svc), archived(t, a)); diff != "" {
		t.Errorf("archive mismatch (-want +got):\n%s", diff)
	}
	if third.New != 3+150 || third.Updated != 1 || third.Requests != 1+1+1+2+1 {
		t.Errorf("third Sync() = %v, want 153 new, 1 updated in 6 requests", third)
	}
}

func TestSyncListsInFullWhatIsNotMostRecentFirst(t *testing.T) {
	svc := service(2, 150)
	for arn, ss := range svc.Stages {
		slices.Reverse(ss)
		svc.Stages[arn] = ss
	}
	a, _ := openTemp(t)
	ctx := context.Background()
	for range 2 {
		if _, err := a.Sync(ctx, factory(svc), account, archive.SyncOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	arn := stageARN(1)
	svc.Stages[arn] = append(svc.Stages[arn], sessions.StageSession{ID: "st-new", StartTime: t0.Add(-time.Hour), EndTime: t0})
	res, err := a.Sync(ctx, factory(svc), account, archive.SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 1 || res.Requests != 1+2*2 {
		t.Errorf("Sync() = %v, want 1 new in 5 requests", res)
	}
	if diff := cmp.Diff(want(svc), archived(t, a)); diff != "" {
		t.Errorf("archive mismatch (-want +got):\n%s", diff)
	}
}

func TestSyncResumesWhereItStopped(t *testing.T) {
	for _, failAt := range []int{1, 2, 3, 5, 8} {
		svc := service(3, 250)
		svc.Faults = []sessionstest.Fault{sessionstest.ErrorAt(failAt, errors.New("boom"))}
		a, _ := openTemp(t)
		ctx := context.Background()
		first, err := a.Sync(ctx, factory(svc), account, archive.SyncOptions{Concurrency: 1})
		if err == nil {
			t.Fatalf("fail at %d: Sync() succeeded", failAt)
		}
		svc.Faults = nil
		svc.Calls = nil
		second, err := a.Sync(ctx, factory(svc), account, archive.SyncOptions{Concurrency: 1})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want(svc), archived(t, a)); diff != "" {
			t.Errorf("fail at %d: archive mismatch (-want +got):\n%s", failAt, diff)
		}
		if first.New+second.New != 750 {
			t.Errorf("fail at %d: %d + %d new sessions, want 750", failAt, first.New, second.New)
		}
		// The pages committed before the failure are not asked for again.
		if got := first.Requests + second.Requests; got > 1+9+1+1+3 {
			t.Errorf("fail at %d: %d requests in all", failAt, got)
		}
	}
}

func TestSyncCancelled(t *testing.T) {
	svc := service(3, 250)
	a, _ := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	pages := 0
	_, err := a.Sync(ctx, factory(svc), account, archive.SyncOptions{Concurrency: 1, OnPage: func(sessions.PageInfo) {
		if pages++; pages == 4 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Sync() error = %v, want context.Canceled", err)
	}
	// The page whose request saw the cancel is in hand: it is kept.
	if got := len(archived(t, a)); got != 250 {
		t.Errorf("%d sessions archived after 3 pages, want 250", got)
	}
	if _, err := a.Sync(context.Background(), factory(svc), account, archive.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want(svc), archived(t, a)); diff != "" {
		t.Errorf("archive mismatch (-want +got):\n%s", diff)
	}
}

func TestSyncBadInputSendsNothing(t *testing.T) {
	svc := service(1, 1)
	a, _ := openTemp(t)
	for name, q := range map[string]sessions.AccountQuery{
		"no regions":    {},
		"bad region":    {Regions: []string{"US West"}},
		"session query": {Regions: []string{"us-west-2"}, Sessions: sessions.StageQuery{Status: sessions.StageActive}},
	} {
		t.Run(name, func(t *testing.T) {
			var ie *sessions.InputError
			if _, err := a.Sync(context.Background(), factory(svc), q, archive.SyncOptions{}); !errors.As(err, &ie) {
				t.Errorf("Sync() error = %v, want an *InputError", err)
			}
		})
	}
	if len(svc.Calls)+len(svc.ListStagesCalls) != 0 {
		t.Errorf("%d requests sent", len(svc.Calls)+len(svc.ListStagesCalls))
	}
}

// A cancel at any point of a sync (before it, in ListStages, in each
// stage's listing) ends it with an error errors.Is finds ctx's in, keeps
// every page committed, and the next sync completes the archive.
func TestSyncCancelledAtEveryPoint(t *testing.T) {
	for at := range 12 {
		svc := service(3, 250)
		a, _ := openTemp(t)
		ctx, cancel := context.WithCancel(context.Background())
		if at == 0 {
			cancel()
		}
		pages := 0
		first, err := a.Sync(ctx, factory(svc), account, archive.SyncOptions{Concurrency: 1, OnPage: func(sessions.PageInfo) {
			if pages++; pages == at {
				cancel()
			}
		}})
		cancel()
		if at <= 10 && !errors.Is(err, context.Canceled) {
			t.Fatalf("cancel at page %d: Sync() error = %v, want context.Canceled", at, err)
		}
		if got := len(archived(t, a)); got != first.New {
			t.Errorf("cancel at page %d: %d sessions archived, %d reported new", at, got, first.New)
		}
		if _, err := a.Sync(context.Background(), factory(svc), account, archive.SyncOptions{}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want(svc), archived(t, a)); diff != "" {
			t.Errorf("cancel at page %d: archive mismatch (-want +got):\n%s", at, diff)
		}
	}
}

func TestOpenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := filepath.Join(t.TempDir(), "sessions.db")
	if _, err := archive.Open(ctx, path); !errors.Is(err, context.Canceled) {
		t.Fatalf("Open() error = %v, want context.Canceled", err)
	}
	a, err := archive.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
}
