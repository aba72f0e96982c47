package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

// A body that stops Merge, however it stops, ends the loop quietly: Go
// panics if an iterator calls yield after it returned false.
func TestMergeStopsWhenTheBodySaysSo(t *testing.T) {
	for _, tc := range []struct {
		name string
		body func(cancel context.CancelFunc, ctx context.Context) bool // false: break
	}{
		{"cancel then break", func(cancel context.CancelFunc, _ context.Context) bool { cancel(); return false }},
		{"break after the deadline", func(_ context.CancelFunc, ctx context.Context) bool { <-ctx.Done(); return false }},
		{"break on work failed by cancel", func(cancel context.CancelFunc, ctx context.Context) bool {
			cancel()
			return ctx.Err() == nil
		}},
	} {
		for _, prefetch := range []int{0, 2} {
			t.Run(fmt.Sprintf("%s/prefetch%d", tc.name, prefetch), func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
				defer cancel()
				svc, _ := mergeService(4, func(int) int { return 30 })
				var ps []*sessions.Paginator[sessions.StageSession]
				for i := range 4 {
					ps = append(ps, mustStage(t, svc, sessions.StageQuery{StageARN: stageARN(i)}, sessions.PageSize(5), sessions.Prefetch(prefetch)))
				}
				n := 0
				for _, err := range sessions.Merge(ctx, 2, ps...) {
					if err != nil {
						t.Fatalf("error before the body stopped: %v", err)
					}
					n++
					if n == 3 && !tc.body(cancel, ctx) {
						break
					}
				}
				if n != 3 {
					t.Errorf("the body ran %d times, want 3", n)
				}
			})
		}
	}
}

func TestMergeSamePaginatorTwice(t *testing.T) {
	p := mustStage(t, stageSvc(testARN, stageData(testARN, 3)), sessions.StageQuery{StageARN: testARN})
	_, err := sessions.Collect(sessions.Merge(context.Background(), 2, p, p))
	checkInputError(t, err, "ps[1]")
}

// The cursor of every source, read inside Merge's loop body, points just
// after the last item the body received from that source, while the other
// sources keep fetching.
func TestMergeCursorInsideTheBody(t *testing.T) {
	for _, prefetch := range []int{0, 2} {
		for stop := 1; stop < 40; stop += 3 {
			svc, want := mergeService(3, func(int) int { return 13 })
			var ps []*sessions.Paginator[sessions.StageSession]
			for i := range 3 {
				ps = append(ps, mustStage(t, svc, sessions.StageQuery{StageARN: stageARN(i)}, sessions.PageSize(4), sessions.Prefetch(prefetch)))
			}
			got := map[string][]string{}
			cursors := map[string]string{}
			n := 0
			for s, err := range sessions.Merge(context.Background(), 2, ps...) {
				if err != nil {
					t.Fatal(err)
				}
				got[s.StageARN] = append(got[s.StageARN], s.ID)
				for i, p := range ps {
					cursors[stageARN(i)] = p.Cursor()
				}
				if n++; n == stop {
					break
				}
			}
			for i := range ps {
				arn := stageARN(i)
				var rest []sessions.StageSession
				if c := cursors[arn]; c != "" { // "": the source had finished
					r := mustStage(t, svc, sessions.StageQuery{StageARN: arn}, sessions.PageSize(4), sessions.StartingToken(c))
					var err error
					if rest, err = sessions.Collect(r.All(context.Background())); err != nil {
						t.Fatal(err)
					}
				}
				if diff := cmp.Diff(ids(want[arn]), append(got[arn], ids(rest)...)); diff != "" {
					t.Errorf("prefetch %d, stop %d, %s: delivered + resumed (-want +got):\n%s", prefetch, stop, arn, diff)
				}
			}
		}
	}
}

// A cancelled context under Merge is a *ListError, as with one paginator.
func TestMergeCancelIsAListError(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := mustStage(t, stageSvc(testARN, stageData(testARN, 3)), sessions.StageQuery{StageARN: testARN})
	_, err := sessions.Collect(sessions.Merge(ctx, 1, p))
	var le *sessions.ListError
	if !errors.As(err, &le) || !errors.Is(err, context.Canceled) || le.Parent != testARN {
		t.Errorf("err = %v, want a *ListError for %s wrapping context.Canceled", err, testARN)
	}
}

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

// Regression (found in review): Merge's cursor is not exact when the context is cancelled while
// the caller's loop body runs: the rest of the batch is still yielded, but
// the paginator does not count it, so resuming from Cursor re-delivers it.
func TestRegressMergeCancelMidBatchCursor(t *testing.T) {
	svc := &regressScripted{pages: map[string]regressPage{
		"":  {ids: []string{"a1", "a2", "a3", "a4"}, next: "A"},
		"A": {ids: []string{"b1", "b2"}},
	}}
	q := sessions.StageQuery{StageARN: testARN}
	p, _ := sessions.StageSessions(svc, q)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	for s, err := range sessions.Merge(ctx, 1, p) {
		if err != nil {
			break
		}
		got = append(got, s.ID)
		if s.ID == "a1" {
			cancel()                          // e.g. a deadline firing, or a signal handler
			time.Sleep(10 * time.Millisecond) // the loop body keeps working a little
		}
	}
	p2, err := sessions.StageSessions(svc, q, sessions.StartingToken(p.Cursor()))
	if err != nil {
		t.Fatal(err)
	}
	rest, err := sessions.Collect(p2.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range rest {
		got = append(got, s.ID)
	}
	want := []string{"a1", "a2", "a3", "a4", "b1", "b2"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Merge then resume delivered %v, want each once: %v", got, want)
	}
}

func TestRegressMergeNilPaginator(t *testing.T) {
	p := mustStage(t, stageSvc(testARN, stageData(testARN, 3)), sessions.StageQuery{StageARN: testARN})
	_, err := sessions.Collect(sessions.Merge(context.Background(), 2, p, nil))
	checkInputError(t, err, "ps[1]")
}

// A panic in a merged paginator's Where reaches the caller's goroutine,
// where it can be recovered as with a single paginator, and leaves no
// goroutine behind (goleak in TestMain).
func TestRegressMergePanicReachesCaller(t *testing.T) {
	var ps []*sessions.Paginator[sessions.StageSession]
	for i := range 3 {
		q := sessions.StageQuery{StageARN: stageARN(i), Where: func(s sessions.StageSession) bool {
			if s.StageARN == stageARN(1) {
				panic("where exploded")
			}
			return true
		}}
		ps = append(ps, mustStage(t, stageSvc(stageARN(i), stageData(stageARN(i), 20)), q, sessions.PageSize(5)))
	}
	defer func() {
		if r := recover(); r != "where exploded" {
			t.Errorf("recover() = %v, want the Where panic", r)
		}
	}()
	for range sessions.Merge(context.Background(), 3, ps...) {
	}
	t.Error("Merge returned without the panic")
}
