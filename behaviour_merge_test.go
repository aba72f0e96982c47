package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
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
