package sessions_test

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

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
