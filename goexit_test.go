package sessions_test

//lint:file-ignore SA1019 the typed-nil *nimble.Client case needs the deprecated Nimble SDK.

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"strings"
	"testing"
	"time"

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

// goexitTransport calls runtime.Goexit, as t.Fatal or require.* in a mock
// do, on its call number at; the other calls go to s.
type goexitTransport struct {
	s  *sessionstest.StageService
	at int
	n  int
}

func (g *goexitTransport) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, o ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	if g.n++; g.n == g.at {
		runtime.Goexit()
	}
	return g.s.ListStageSessions(ctx, in, o...)
}

// goexitWait bounds the wait for a range to end.
var goexitWait = time.Minute

// rangeOutcome ranges seq on a goroutine of its own and reports how the
// range ended: "returned", "goexit", or "panic: " and the panic value. It
// fails the test if the range has not ended within a minute.
func rangeOutcome[T any](t *testing.T, seq iter.Seq2[T, error]) string {
	t.Helper()
	res := make(chan string, 1)
	go func() {
		normal := false
		defer func() {
			switch r := recover(); {
			case r != nil:
				res <- fmt.Sprint("panic: ", r)
			case !normal:
				res <- "goexit"
			}
		}()
		for _, err := range seq {
			if err != nil {
				res <- "error: " + err.Error()
				normal = true
				return
			}
		}
		normal = true
		res <- "returned"
	}()
	select {
	case r := <-res:
		return r
	case <-time.After(goexitWait):
		t.Fatalf("the range has not ended %v after runtime.Goexit", goexitWait)
		return ""
	}
}

// runtime.Goexit in a transport, a Where or an OnPage (t.Fatal in a mock)
// ends the range. On the ranging goroutine it simply exits it; on a
// goroutine of Prefetch or Merge it is raised again on the ranging
// goroutine as a panic that names it, as a panic there is: no hang, no
// leaked goroutine (goleak in TestMain), no invented cancellation.
func TestGoexitEndsTheRange(t *testing.T) {
	svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{testARN: stageData(testARN, 30)}}
	where := sessions.StageQuery{StageARN: testARN, Where: func(s sessions.StageSession) bool {
		if s.ID == "st-0000000000012" {
			runtime.Goexit()
		}
		return true
	}}
	onPage := sessions.OnPage(func(pi sessions.PageInfo) {
		if pi.Number == 3 {
			runtime.Goexit()
		}
	})
	for _, tc := range []struct {
		name string
		mk   func(prefetch int) *sessions.Paginator[sessions.StageSession]
	}{
		{"transport", func(n int) *sessions.Paginator[sessions.StageSession] {
			return mustStage(t, &goexitTransport{s: svc, at: 2}, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(5), sessions.Prefetch(n))
		}},
		{"where", func(n int) *sessions.Paginator[sessions.StageSession] {
			return mustStage(t, svc, where, sessions.PageSize(5), sessions.Prefetch(n))
		}},
		{"onpage", func(n int) *sessions.Paginator[sessions.StageSession] {
			return mustStage(t, svc, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(5), sessions.Prefetch(n), onPage)
		}},
	} {
		for _, prefetch := range []int{0, 1, 3} {
			for _, via := range []string{"all", "merge", "fanout"} {
				t.Run(fmt.Sprintf("%s/prefetch%d/%s", tc.name, prefetch, via), func(t *testing.T) {
					var got string
					switch via {
					case "all":
						got = rangeOutcome(t, tc.mk(prefetch).All(context.Background()))
					case "merge":
						got = rangeOutcome(t, sessions.Merge(context.Background(), 2, tc.mk(prefetch)))
					case "fanout":
						f, err := sessions.NewFanout([]string{testARN}, func(string, ...sessions.Option) (*sessions.Paginator[sessions.StageSession], error) {
							return tc.mk(prefetch), nil
						})
						if err != nil {
							t.Fatal(err)
						}
						got = rangeOutcome(t, f.All(context.Background()))
					}
					// Only a transport under Prefetch runs on another
					// goroutine when ranging All: Where and OnPage run on the
					// ranging goroutine.
					if via == "all" && (prefetch == 0 || tc.name != "transport") {
						if got != "goexit" {
							t.Errorf("range ended with %s, want runtime.Goexit on the ranging goroutine", got)
						}
						return
					}
					if !strings.HasPrefix(got, "panic: ") || !strings.Contains(got, "runtime.Goexit") {
						t.Errorf("range ended with %s, want a panic naming runtime.Goexit", got)
					}
				})
			}
		}
	}
}
