package sessions_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// wireMergeSetup starts a server with n stages of items sessions each, the
// stage fail of which (if ≥ 0) is throttled past the retry budget from its
// second request on, and returns a paginator for each stage.
func wireMergeSetup(t *testing.T, n, items, fail int, opts ...sessions.Option) (*fakeaws.Server, [][]string, []*sessions.Paginator[sessions.StageSession]) {
	t.Helper()
	srv := wireServer(t, fakeaws.WithLatency(time.Millisecond))
	if fail >= 0 {
		srv.Inject(fakeaws.Fault{Kind: fakeaws.FaultThrottle, Op: fakeaws.OpListStageSessions, Parent: wireStageARN(fail), Request: 2, Times: -1})
	}
	client := srv.StageClient()
	want := make([][]string, n)
	ps := make([]*sessions.Paginator[sessions.StageSession], n)
	for i := range n {
		data := fakeaws.GenStageSessions(items, uint64(100+i))
		srv.AddStage(wireStageARN(i), data)
		for _, s := range data.All() {
			want[i] = append(want[i], wireStageARN(i)+"/"+s.SessionID)
		}
		ps[i] = mustStage(t, client, sessions.StageQuery{StageARN: wireStageARN(i)}, append(opts, sessions.PageSize(wireFaultPageSize))...)
	}
	return srv, want, ps
}

func TestWireMergeOneSourceFails(t *testing.T) {
	const stages, items, fail = 5, 3 * wireFaultPageSize, 1
	for _, prefetch := range []int{0, 2} {
		t.Run(fmt.Sprintf("prefetch%d", prefetch), func(t *testing.T) {
			srv, want, ps := wireMergeSetup(t, stages, items, fail, sessions.Prefetch(prefetch))
			got := make([][]string, stages)
			index := map[string]int{}
			for i := range stages {
				index[wireStageARN(i)] = i
			}
			var errs []error
			for s, err := range sessions.Merge(context.Background(), 3, ps...) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				i := index[s.StageARN]
				got[i] = append(got[i], wireStageKey(s))
			}
			want[fail] = want[fail][:wireFaultPageSize]
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("items per stage (-want +got):\n%s", diff)
			}
			if len(errs) != 1 {
				t.Fatalf("errors = %v, want exactly one, from %s", errs, wireStageARN(fail))
			}
			wireCheckListError(t, errs[0], wireSide{op: fakeaws.OpListStageSessions, parent: wireStageARN(fail)}, 2)
			wireAPIError(t, errs[0], "ThrottlingException")

			// The failed source's cursor resumes exactly once the service
			// recovers.
			srv.ClearFaults()
			rest, err := sessions.Collect(mustStage(t, srv.StageClient(), sessions.StageQuery{StageARN: wireStageARN(fail)},
				sessions.PageSize(wireFaultPageSize), sessions.StartingToken(ps[fail].Cursor())).All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if len(rest) != items-wireFaultPageSize || wireStageKey(rest[0]) != wireStageARN(fail)+"/"+fakeaws.GenStageSessions(items, uint64(100+fail)).At(wireFaultPageSize).SessionID {
				t.Errorf("resumed %d items from %s, want the %d after the first page", len(rest), wireStageARN(fail), items-wireFaultPageSize)
			}
		})
	}
}

func TestWireMergeBreakLeavesNothing(t *testing.T) {
	const stages, items = 6, 4 * wireFaultPageSize
	for _, tc := range []struct {
		name  string
		fail  int // the stage that fails, or -1
		after int // items received before breaking out
	}{
		{"while all run", -1, 45},
		{"after a source failed", 2, 3 * items},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, want, ps := wireMergeSetup(t, stages, items, tc.fail, sessions.Prefetch(2))
			got := map[string][]string{}
			n := 0
			for s, err := range sessions.Merge(context.Background(), 4, ps...) {
				if err == nil {
					got[s.StageARN] = append(got[s.StageARN], wireStageKey(s))
				}
				if n++; n == tc.after {
					break
				}
			}
			// Every cursor points just after the items this loop received.
			srv.ClearFaults()
			for i, p := range ps {
				var rest []sessions.StageSession
				if c := p.Cursor(); c != "" { // "" means the stage was listed to the end
					var err error
					rest, err = sessions.Collect(mustStage(t, srv.StageClient(), sessions.StageQuery{StageARN: wireStageARN(i)},
						sessions.PageSize(wireFaultPageSize), sessions.StartingToken(c)).All(context.Background()))
					if err != nil {
						t.Fatalf("resume %s: %v", wireStageARN(i), err)
					}
				}
				all := got[wireStageARN(i)]
				for _, s := range rest {
					all = append(all, wireStageKey(s))
				}
				if diff := cmp.Diff(want[i], all); diff != "" {
					t.Errorf("%s: received, then resumed from Cursor (-want +got):\n%s", wireStageARN(i), diff)
				}
			}
			srv.Close()
			goleak.VerifyNone(t)
		})
	}
}
