package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
)

func stageARN(i int) string {
	return fmt.Sprintf("arn:aws:ivs:us-west-2:111122223333:stage/Stage%d", i)
}

func TestMergeYieldsEveryItemOnce(t *testing.T) {
	for _, limit := range []int{1, 3, 16} {
		t.Run(fmt.Sprint("limit", limit), func(t *testing.T) {
			var ps []*sessions.Paginator[sessions.StageSession]
			want := map[string][]sessions.StageSession{}
			for i := range 10 {
				f := &stageFake{data: stageData(stageARN(i), 5*i+3)}
				want[stageARN(i)] = f.data
				ps = append(ps, mustStage(t, f, sessions.StageQuery{StageARN: stageARN(i)}, sessions.PageSize(4), sessions.Prefetch(i%2)))
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
	var ps []*sessions.Paginator[sessions.StageSession]
	for i := range 4 {
		f := &stageFake{data: stageData(stageARN(i), 20)}
		if i == 2 {
			f.hook = func(call int, _ string, out *ivsrealtime.ListStageSessionsOutput) (*ivsrealtime.ListStageSessionsOutput, error) {
				if call == 2 {
					return nil, boom
				}
				return out, nil
			}
		}
		ps = append(ps, mustStage(t, f, sessions.StageQuery{StageARN: stageARN(i)}, sessions.PageSize(5)))
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
		var ps []*sessions.Paginator[sessions.StageSession]
		var fakes []*stageFake
		for i := range 6 {
			f := &stageFake{data: stageData(stageARN(i), 20)}
			fakes = append(fakes, f)
			ps = append(ps, mustStage(t, f, sessions.StageQuery{StageARN: stageARN(i)}, sessions.PageSize(3), sessions.Prefetch(i%3)))
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
				rest, err := sessions.Collect(mustStage(t, fakes[i], sessions.StageQuery{StageARN: arn}, sessions.PageSize(3), sessions.StartingToken(c)).All(context.Background()))
				if err != nil {
					t.Fatal(err)
				}
				got[arn] = append(got[arn], rest...)
			}
			if diff := cmp.Diff(fakes[i].data, got[arn]); diff != "" {
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
	var ps []*sessions.Paginator[sessions.StageSession]
	for i := range 3 {
		ps = append(ps, mustStage(t, &stageFake{data: stageData(stageARN(i), 50)}, sessions.StageQuery{StageARN: stageARN(i)}, sessions.PageSize(5)))
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
