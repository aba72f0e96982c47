//lint:file-ignore SA1019 the typed-nil *nimble.Client case needs the deprecated Nimble SDK.

package sessions_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

// panicTransport panics on its call number at; the other calls go to a
// service with 30 sessions.
type panicTransport struct {
	at, n int
	svc   *sessionstest.StageService
}

func (p *panicTransport) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, o ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	if p.n++; p.n == p.at {
		panic("transport exploded")
	}
	if p.svc == nil {
		p.svc = stageSvc(testARN, stageData(testARN, 30))
	}
	return p.svc.ListStageSessions(ctx, in, o...)
}

// A panic in the transport, a Where or an OnPage reaches the goroutine that
// ranges, with or without Prefetch, alone or under Merge; goleak in TestMain
// checks that no goroutine is left behind.
func TestPanicsReachTheRangingGoroutine(t *testing.T) {
	where := sessions.StageQuery{StageARN: testARN, Where: func(s sessions.StageSession) bool {
		if s.ID == "st-0000000000012" {
			panic("where exploded")
		}
		return true
	}}
	onPage := sessions.OnPage(func(pi sessions.PageInfo) {
		if pi.Number == 3 {
			panic("onpage exploded")
		}
	})
	for _, tc := range []struct {
		name string
		mk   func(prefetch int) *sessions.Paginator[sessions.StageSession]
		want string
	}{
		{"transport", func(n int) *sessions.Paginator[sessions.StageSession] {
			return mustStage(t, &panicTransport{at: 3}, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(5), sessions.Prefetch(n))
		}, "transport exploded"},
		{"where", func(n int) *sessions.Paginator[sessions.StageSession] {
			return mustStage(t, stageSvc(testARN, stageData(testARN, 30)), where, sessions.PageSize(5), sessions.Prefetch(n))
		}, "where exploded"},
		{"onpage", func(n int) *sessions.Paginator[sessions.StageSession] {
			return mustStage(t, stageSvc(testARN, stageData(testARN, 30)), sessions.StageQuery{StageARN: testARN}, sessions.PageSize(5), sessions.Prefetch(n), onPage)
		}, "onpage exploded"},
	} {
		for _, prefetch := range []int{0, 1, 3} {
			for _, merged := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/prefetch%d/merge=%v", tc.name, prefetch, merged), func(t *testing.T) {
					p := tc.mk(prefetch)
					got := func() (r any) {
						defer func() { r = recover() }()
						seq := p.All(context.Background())
						if merged {
							seq = sessions.Merge(context.Background(), 2, p)
						}
						for range seq {
						}
						return nil
					}()
					if got != tc.want {
						t.Fatalf("recover() = %v, want %q", got, tc.want)
					}
				})
			}
		}
	}
}

// After a panic in a Where or an OnPage, recovered by the caller, ranging
// again or resuming from the cursor delivers the rest exactly once: the
// page that was never read does not count as read (no false ErrTokenLoop).
func TestRangeAgainAfterAPanic(t *testing.T) {
	for _, prefetch := range []int{0, 1, 3} {
		for _, where := range []bool{true, false} {
			f := stageSvc(testARN, stageData(testARN, 40))
			armed := true
			q := sessions.StageQuery{StageARN: testARN}
			var opts []sessions.Option
			if where {
				q.Where = func(s sessions.StageSession) bool {
					if armed && s.ID == "st-0000000000012" {
						armed = false
						panic("boom")
					}
					return true
				}
			} else {
				opts = append(opts, sessions.OnPage(func(pi sessions.PageInfo) {
					if armed && pi.Number == 3 {
						armed = false
						panic("boom")
					}
				}))
			}
			p := mustStage(t, f, q, append(opts, sessions.PageSize(5), sessions.Prefetch(prefetch))...)
			var got []sessions.StageSession
			func() {
				defer func() {
					if r := recover(); r != "boom" {
						t.Errorf("recover() = %v, want boom", r)
					}
				}()
				for s, err := range p.All(context.Background()) {
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, s)
				}
			}()
			c := p.Cursor()
			rest, err := sessions.Collect(p.All(context.Background()))
			if err != nil {
				t.Fatalf("prefetch %d where %v: range again: %v", prefetch, where, err)
			}
			if diff := cmp.Diff(f.Stages[testARN], append(got, rest...)); diff != "" {
				t.Errorf("prefetch %d where %v: (-want +got):\n%s", prefetch, where, diff)
			}
			r := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(5), sessions.StartingToken(c))
			rest2, err := sessions.Collect(r.All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(f.Stages[testARN], append(got, rest2...)); diff != "" {
				t.Errorf("prefetch %d where %v: cursor (-want +got):\n%s", prefetch, where, diff)
			}
		}
	}
}

// A nil context is bad input, not a panic.
func TestNilContext(t *testing.T) {
	var ctx context.Context // nil
	p := mustStage(t, stageSvc(testARN, stageData(testARN, 3)), sessions.StageQuery{StageARN: testARN})
	_, err := sessions.Collect(p.All(ctx))
	checkInputError(t, err, "ctx")
	for _, err := range p.Pages(ctx) {
		checkInputError(t, err, "ctx")
	}
	_, err = sessions.Collect(sessions.Merge(ctx, 1, p))
	checkInputError(t, err, "ctx")
	if got, err := sessions.Collect(p.All(context.Background())); err != nil || len(got) != 3 {
		t.Errorf("after the nil contexts: %d items, %v; want 3 and no error", len(got), err)
	}
}

// Constructors return a paginator or an *InputError, never panic.
func TestConstructorsNeverPanic(t *testing.T) {
	var zero sessions.Option
	stage := stageSvc(testARN, stageData(testARN, 3))
	if _, err := sessions.StageSessions(stage, sessions.StageQuery{StageARN: testARN}, zero, sessions.PageSize(2), zero); err != nil {
		t.Errorf("a zero Option: %v, want it to change nothing", err)
	}
	_, err := sessions.StreamingSessions(&sessionstest.StudioService{}, sessions.StudioQuery{StudioID: "s", States: []sessions.State{"ready"}})
	checkInputError(t, err, "StudioQuery.States[0]")
	_, err = sessions.StageSessions((*ivsrealtime.Client)(nil), sessions.StageQuery{StageARN: testARN})
	checkInputError(t, err, "transport")
	_, err = sessions.StreamingSessions((*nimble.Client)(nil), sessions.StudioQuery{StudioID: "s"})
	checkInputError(t, err, "transport")
}
