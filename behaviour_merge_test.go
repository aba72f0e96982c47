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
				var ps []*sessions.Paginator[sessions.StageSession]
				for i := range 4 {
					ps = append(ps, mustStage(t, &stageFake{data: stageData(stageARN(i), 30)}, sessions.StageQuery{StageARN: stageARN(i)}, sessions.PageSize(5), sessions.Prefetch(prefetch)))
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
	p := mustStage(t, &stageFake{data: stageData(testARN, 3)}, sessions.StageQuery{StageARN: testARN})
	_, err := sessions.Collect(sessions.Merge(context.Background(), 2, p, p))
	checkInputError(t, err, "ps[1]")
}

// The cursor of a source read inside Merge's loop body points just after
// the last item the body received from it.
func TestMergeCursorInsideTheBody(t *testing.T) {
	for _, prefetch := range []int{0, 2} {
		for stop := 1; stop < 40; stop += 3 {
			var ps []*sessions.Paginator[sessions.StageSession]
			var fakes []*stageFake
			for i := range 3 {
				fakes = append(fakes, &stageFake{data: stageData(stageARN(i), 13)})
				ps = append(ps, mustStage(t, fakes[i], sessions.StageQuery{StageARN: stageARN(i)}, sessions.PageSize(4), sessions.Prefetch(prefetch)))
			}
			got := map[string][]string{}
			cursors := map[string]string{}
			n := 0
			var err error
			for s, err := range sessions.Merge(context.Background(), 2, ps...) {
				if err != nil {
					t.Fatal(err)
				}
				got[s.StageARN] = append(got[s.StageARN], s.ID)
				for i := range ps {
					if stageARN(i) == s.StageARN {
						cursors[s.StageARN] = ps[i].Cursor()
					}
				}
				if n++; n == stop {
					break
				}
			}
			for i, f := range fakes {
				arn := stageARN(i)
				c, ok := cursors[arn]
				if !ok {
					continue
				}
				var rest []sessions.StageSession
				if c != "" { // "": the source had finished
					r := mustStage(t, f, sessions.StageQuery{StageARN: arn}, sessions.PageSize(4), sessions.StartingToken(c))
					if rest, err = sessions.Collect(r.All(context.Background())); err != nil {
						t.Fatal(err)
					}
				}
				if diff := cmp.Diff(ids(f.data), append(got[arn], ids(rest)...)); diff != "" {
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
	p := mustStage(t, &stageFake{data: stageData(testARN, 3)}, sessions.StageQuery{StageARN: testARN})
	_, err := sessions.Collect(sessions.Merge(ctx, 1, p))
	var le *sessions.ListError
	if !errors.As(err, &le) || !errors.Is(err, context.Canceled) || le.Parent != testARN {
		t.Errorf("err = %v, want a *ListError for %s wrapping context.Canceled", err, testARN)
	}
}
