package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

func stageARN(i int) string {
	return fmt.Sprintf("arn:aws:ivs:us-west-2:111122223333:stage/Stage%d", i)
}

// The Merge tests list many stages of one sessionstest.StageService: one
// fake, called from Merge's goroutines at once, as an SDK client would be.
func mergeService(n int, sessionsOf func(i int) int) (*sessionstest.StageService, map[string][]sessions.StageSession) {
	want := map[string][]sessions.StageSession{}
	for i := range n {
		want[stageARN(i)] = stageData(stageARN(i), sessionsOf(i))
	}
	return &sessionstest.StageService{Stages: want}, want
}

func TestMergeYieldsEveryItemOnce(t *testing.T) {
	for _, limit := range []int{1, 3, 16} {
		t.Run(fmt.Sprint("limit", limit), func(t *testing.T) {
			svc, want := mergeService(10, func(i int) int { return 5*i + 3 })
			var ps []*sessions.Paginator[sessions.StageSession]
			for i := range 10 {
				ps = append(ps, mustStage(t, svc, sessions.StageQuery{StageARN: stageARN(i)}, sessions.PageSize(4), sessions.Prefetch(i%2)))
			}
			got := map[string][]sessions.StageSession{}
			for s, err := range sessions.Merge(context.Background(), limit, ps...) {
				if err != nil {
					t.Fatal(err)
				}
				got[s.StageARN] = append(got[s.StageARN], s)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Merge mismatch per stage (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMergeFailingSourceDoesNotStopOthers(t *testing.T) {
	boom := errors.New("boom")
	svc, _ := mergeService(4, func(int) int { return 20 })
	svc.Faults = []sessionstest.Fault{sessionstest.ErrorAt(2, boom).For(stageARN(2))}
	var ps []*sessions.Paginator[sessions.StageSession]
	for i := range 4 {
		ps = append(ps, mustStage(t, svc, sessions.StageQuery{StageARN: stageARN(i)}, sessions.PageSize(5)))
	}
	count := map[string]int{}
	var errs []error
	for s, err := range sessions.Merge(context.Background(), 2, ps...) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		count[s.StageARN]++
	}
	if len(errs) != 1 || !errors.Is(errs[0], boom) {
		t.Fatalf("errors = %v, want one wrapping boom", errs)
	}
	var le *sessions.ListError
	if !errors.As(errs[0], &le) || le.Parent != stageARN(2) || le.Page != 2 {
		t.Errorf("error %v does not name stage 2, page 2", errs[0])
	}
	want := map[string]int{stageARN(0): 20, stageARN(1): 20, stageARN(2): 5, stageARN(3): 20}
	if diff := cmp.Diff(want, count); diff != "" {
		t.Errorf("items per stage (-want +got):\n%s", diff)
	}
}

// TestMergeBreakKeepsCursorsExact breaks out of Merge at many points and
// checks that resuming every paginator from its cursor yields exactly what
// the merge did not deliver.
func TestMergeBreakKeepsCursorsExact(t *testing.T) {
	for stop := 1; stop < 120; stop += 7 {
		svc, want := mergeService(6, func(int) int { return 20 })
		var ps []*sessions.Paginator[sessions.StageSession]
		for i := range 6 {
			ps = append(ps, mustStage(t, svc, sessions.StageQuery{StageARN: stageARN(i)}, sessions.PageSize(3), sessions.Prefetch(i%3)))
		}
		got := map[string][]sessions.StageSession{}
		n := 0
		for s, err := range sessions.Merge(context.Background(), 4, ps...) {
			if err != nil {
				t.Fatal(err)
			}
			got[s.StageARN] = append(got[s.StageARN], s)
			if n++; n == stop {
				break
			}
		}
		for i, p := range ps {
			arn := stageARN(i)
			if c := p.Cursor(); c != "" {
				rest, err := sessions.Collect(mustStage(t, svc, sessions.StageQuery{StageARN: arn}, sessions.PageSize(3), sessions.StartingToken(c)).All(context.Background()))
				if err != nil {
					t.Fatal(err)
				}
				got[arn] = append(got[arn], rest...)
			}
			if diff := cmp.Diff(want[arn], got[arn]); diff != "" {
				t.Fatalf("stop %d, stage %d: merged + resumed mismatch (-want +got):\n%s", stop, i, diff)
			}
		}
	}
}

func TestMergeBadLimit(t *testing.T) {
	_, err := sessions.Collect(sessions.Merge[sessions.StageSession](context.Background(), 0))
	checkInputError(t, err, "limit")
}

func TestMergeNoPaginators(t *testing.T) {
	got, err := sessions.Collect(sessions.Merge[sessions.StageSession](context.Background(), 4))
	if len(got) != 0 || err != nil {
		t.Errorf("Merge() of nothing = %v, %v; want nothing", got, err)
	}
}

func TestCollectStopsAtFirstError(t *testing.T) {
	boom := errors.New("boom")
	seq := func(yield func(int, error) bool) {
		for _, v := range []int{1, 2} {
			if !yield(v, nil) {
				return
			}
		}
		if !yield(0, boom) {
			return
		}
		yield(3, nil)
	}
	got, err := sessions.Collect(seq)
	if !slices.Equal(got, []int{1, 2}) || err != boom {
		t.Errorf("Collect = %v, %v; want [1 2], boom", got, err)
	}
}

func TestMergeCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	svc, _ := mergeService(3, func(int) int { return 50 })
	var ps []*sessions.Paginator[sessions.StageSession]
	for i := range 3 {
		ps = append(ps, mustStage(t, svc, sessions.StageQuery{StageARN: stageARN(i)}, sessions.PageSize(5)))
	}
	n := 0
	var last error
	for _, err := range sessions.Merge(ctx, 2, ps...) {
		if err != nil {
			last = err
			continue // keep ranging: Merge must end by itself
		}
		if n++; n == 7 {
			cancel()
		}
	}
	if !errors.Is(last, context.Canceled) {
		t.Errorf("last error = %v, want context.Canceled", last)
	}
	cancel()
	// Already cancelled before the first item.
	got, err := sessions.Collect(sessions.Merge(ctx, 2, ps...))
	if len(got) != 0 || !errors.Is(err, context.Canceled) {
		t.Errorf("Merge(cancelled ctx) = %d items, %v; want none and context.Canceled", len(got), err)
	}
}
