package sessionstest_test

//lint:file-ignore SA1019 Nimble Studio's final SDK release marks every type deprecated; these tests fake that API.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/nimble/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

var errBoom = errors.New("boom")

// TestStageFaults lists 10 sessions 3 a page (pages [0,3) [3,6) [6,9) [9,10))
// with one fault each and checks the items delivered, the error that ends the
// listing and the number of calls.
func TestStageFaults(t *testing.T) {
	isThrottle := func(err error) bool {
		var apiErr smithy.APIError
		var generic *smithy.GenericAPIError
		return errors.As(err, &apiErr) && apiErr.ErrorCode() == "ThrottlingException" && errors.As(err, &generic)
	}
	isLoop := func(err error) bool { return errors.Is(err, sessions.ErrTokenLoop) }
	tests := []struct {
		name      string
		faults    []sessionstest.Fault
		wantItems int              // the listing yields the first wantItems sessions
		wantErr   func(error) bool // nil: no error
		wantPage  int              // the page the error names
		wantCalls int
	}{
		{"no fault", nil, 10, nil, 0, 4},
		{"error at call 2", []sessionstest.Fault{sessionstest.ErrorAt(2, errBoom)}, 3, func(err error) bool { return errors.Is(err, errBoom) }, 2, 2},
		{"throttle at call 3", []sessionstest.Fault{sessionstest.Throttle(3)}, 6, isThrottle, 3, 3},
		{"repeated token at call 2", []sessionstest.Fault{sessionstest.RepeatToken(2)}, 6, isLoop, 2, 2},
		{"repeated token on the first page", []sessionstest.Fault{sessionstest.RepeatToken(1)}, 0, func(err error) bool { return strings.Contains(err.Error(), "no token to repeat") }, 1, 1},
		{"token cycle A→B→A", []sessionstest.Fault{sessionstest.TokenCycle(1, 2)}, 9, isLoop, 3, 3},
		{"token repeating itself", []sessionstest.Fault{sessionstest.TokenCycle(2, 1)}, 9, isLoop, 3, 3},
		{"token cycle running past the end", []sessionstest.Fault{sessionstest.TokenCycle(1, 5)}, 10, isLoop, 6, 6},
		{"3 empty pages at call 2", []sessionstest.Fault{sessionstest.EmptyPages(2, 3)}, 10, nil, 0, 7},
		{"1 empty page before the last", []sessionstest.Fault{sessionstest.EmptyPages(4, 1)}, 10, nil, 0, 5},
		{"empty pages then a cycle", []sessionstest.Fault{sessionstest.EmptyPages(1, 2), sessionstest.TokenCycle(3, 2)}, 9, isLoop, 5, 5},
		{"first fault wins", []sessionstest.Fault{sessionstest.ErrorAt(2, errBoom), sessionstest.Throttle(2)}, 3, func(err error) bool { return errors.Is(err, errBoom) }, 2, 2},
		{"fault for another stage", []sessionstest.Fault{sessionstest.ErrorAt(1, errBoom).For(arnB)}, 10, nil, 0, 4},
		{"fault for this stage", []sessionstest.Fault{sessionstest.ErrorAt(4, errBoom).For(arnA)}, 9, func(err error) bool { return errors.Is(err, errBoom) }, 4, 4},
	}
	for _, prefetch := range []int{0, 2} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/prefetch %d", tt.name, prefetch), func(t *testing.T) {
				all := stageSessions(arnA, 10)
				fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arnA: all}, Faults: tt.faults}
				got, err := collect(sessions.StageSessions(fake, sessions.StageQuery{StageARN: arnA}, sessions.PageSize(3), sessions.Prefetch(prefetch)))
				if diff := cmp.Diff(all[:tt.wantItems], got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("items mismatch (-want +got):\n%s", diff)
				}
				switch {
				case tt.wantErr == nil && err != nil:
					t.Errorf("error %v, want none", err)
				case tt.wantErr != nil && !tt.wantErr(err):
					t.Errorf("error %v is not the one expected", err)
				case tt.wantErr != nil:
					var le *sessions.ListError
					if !errors.As(err, &le) || le.Page != tt.wantPage || le.Parent != arnA {
						t.Errorf("error %v, want a *sessions.ListError for page %d of %s", err, tt.wantPage, arnA)
					}
				}
				if len(fake.Calls) != tt.wantCalls {
					t.Errorf("%d calls, want %d", len(fake.Calls), tt.wantCalls)
				}
				for i, c := range fake.Calls {
					if !tokenPattern.MatchString(c.NextToken) {
						t.Errorf("Calls[%d].NextToken %q does not match %s", i, c.NextToken, tokenPattern)
					}
				}
			})
		}
	}
}

// TestErrorFiresOnce checks that ranging again after an injected error
// retries the failed page and delivers every session exactly once.
func TestErrorFiresOnce(t *testing.T) {
	all := stageSessions(arnA, 10)
	fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arnA: all}, Faults: []sessionstest.Fault{sessionstest.Throttle(2)}}
	p, err := sessions.StageSessions(fake, sessions.StageQuery{StageARN: arnA}, sessions.PageSize(3))
	if err != nil {
		t.Fatal(err)
	}
	first, err := sessions.Collect(p.All(context.Background()))
	if err == nil {
		t.Fatal("first range: no error, want the throttling error")
	}
	rest, err := sessions.Collect(p.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(all, append(first, rest...)); diff != "" {
		t.Errorf("items over both ranges mismatch (-want +got):\n%s", diff)
	}
	if c := fake.Calls; c[1] != c[2] {
		t.Errorf("the retried call %+v differs from the failed one %+v", c[2], c[1])
	}
}

func TestStudioFaults(t *testing.T) {
	all := streamingSessions(20)
	var want []sessions.StreamingSession
	for _, s := range all {
		if s.OwnedBy == "owner-1" {
			want = append(want, s) // 7 sessions: pages of 2, 2, 2, 1
		}
	}
	tests := []struct {
		name      string
		fault     sessionstest.Fault
		wantItems int
		wantErr   func(error) bool
		wantCalls int
	}{
		{"throttle", sessionstest.Throttle(2), 2, func(err error) bool {
			var te *types.ThrottlingException
			var apiErr smithy.APIError
			return errors.As(err, &te) && errors.As(err, &apiErr) && apiErr.ErrorCode() == "ThrottlingException"
		}, 2},
		{"own error", sessionstest.ErrorAt(1, &types.AccessDeniedException{}), 0, func(err error) bool {
			var ad *types.AccessDeniedException
			return errors.As(err, &ad)
		}, 1},
		{"repeated token", sessionstest.RepeatToken(3), 6, func(err error) bool { return errors.Is(err, sessions.ErrTokenLoop) }, 3},
		{"token cycle", sessionstest.TokenCycle(1, 3), 7, func(err error) bool { return errors.Is(err, sessions.ErrTokenLoop) }, 4},
		{"empty pages", sessionstest.EmptyPages(3, 2), 7, nil, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{studioID: all}, PageSize: 2, Faults: []sessionstest.Fault{tt.fault}}
			got, err := collect(sessions.StreamingSessions(fake, sessions.StudioQuery{StudioID: studioID, OwnedBy: "owner-1"}))
			if diff := cmp.Diff(want[:tt.wantItems], got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("items mismatch (-want +got):\n%s", diff)
			}
			if (tt.wantErr == nil) != (err == nil) || tt.wantErr != nil && !tt.wantErr(err) {
				t.Errorf("error %v is not the one expected", err)
			}
			if len(fake.Calls) != tt.wantCalls {
				t.Errorf("%d calls, want %d", len(fake.Calls), tt.wantCalls)
			}
			for i, c := range fake.Calls {
				if c.OwnedBy != "owner-1" {
					t.Errorf("Calls[%d] = %+v, want the ownedBy filter on every call", i, c)
				}
			}
		})
	}
}

// TestLatencyHonoursContext checks that a slow call returns as soon as its
// context ends, with and without prefetching.
func TestLatencyHonoursContext(t *testing.T) {
	for _, prefetch := range []int{0, 2} {
		t.Run("prefetch "+string(rune('0'+prefetch)), func(t *testing.T) {
			fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arnA: stageSessions(arnA, 10)}, Latency: time.Minute}
			p, err := sessions.StageSessions(fake, sessions.StageQuery{StageARN: arnA}, sessions.Prefetch(prefetch))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(20*time.Millisecond, cancel)
			start := time.Now()
			_, err = sessions.Collect(p.All(ctx))
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want context.Canceled", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("the listing took %v to notice the cancellation", d)
			}
		})
	}
}

func TestLatencyDelays(t *testing.T) {
	const latency = 20 * time.Millisecond
	fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arnA: stageSessions(arnA, 4)}, Latency: latency}
	start := time.Now()
	if _, err := collect(sessions.StageSessions(fake, sessions.StageQuery{StageARN: arnA}, sessions.PageSize(2))); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 2*latency {
		t.Errorf("two calls took %v, want at least %v", d, 2*latency)
	}
}

// TestMergeConcurrent lists many stages at once through sessions.Merge, with
// one stage failing and a reader inspecting the calls while they happen;
// run it with -race.
func TestMergeConcurrent(t *testing.T) {
	const stages, perStage, size = 16, 10, 3
	fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{}, Latency: time.Millisecond}
	var want []sessions.StageSession
	var ps []*sessions.Paginator[sessions.StageSession]
	var failing string
	for i := range stages {
		arn := arnA[:len(arnA)-2] + string(rune('A'+i)) + "x"
		fake.Stages[arn] = stageSessions(arn, perStage)
		if i == 5 {
			failing = arn
			want = append(want, fake.Stages[arn][:size]...) // page 2 fails
		} else {
			want = append(want, fake.Stages[arn]...)
		}
		p, err := sessions.StageSessions(fake, sessions.StageQuery{StageARN: arn}, sessions.PageSize(size))
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	fake.Faults = []sessionstest.Fault{sessionstest.ErrorAt(2, errBoom).For(failing)}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				_ = fake.Recorded()
			}
		}
	}()
	var got []sessions.StageSession
	var errs []error
	for s, err := range sessions.Merge(context.Background(), 4, ps...) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, s)
	}
	close(stop)
	wg.Wait()

	byID := func(a, b sessions.StageSession) int { return strings.Compare(a.StageARN+a.ID, b.StageARN+b.ID) }
	slices.SortFunc(want, byID)
	slices.SortFunc(got, byID)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Merge items mismatch (-want +got):\n%s", diff)
	}
	var le *sessions.ListError
	if len(errs) != 1 || !errors.Is(errs[0], errBoom) || !errors.As(errs[0], &le) || le.Parent != failing {
		t.Errorf("errors %v, want one wrapping %v for %s", errs, errBoom, failing)
	}
	if n, want := len(fake.Calls), (stages-1)*pages(perStage, size)+2; n != want {
		t.Errorf("%d calls, want %d", n, want)
	}
}

func TestFaultConstructorsPanic(t *testing.T) {
	tests := []struct {
		name string
		f    func()
	}{
		{"ErrorAt(0)", func() { sessionstest.ErrorAt(0, errBoom) }},
		{"ErrorAt nil", func() { sessionstest.ErrorAt(1, nil) }},
		{"Throttle(-1)", func() { sessionstest.Throttle(-1) }},
		{"RepeatToken(0)", func() { sessionstest.RepeatToken(0) }},
		{"TokenCycle k=0", func() { sessionstest.TokenCycle(1, 0) }},
		{"EmptyPages k=0", func() { sessionstest.EmptyPages(1, 0) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", tt.name)
				}
			}()
			tt.f()
		})
	}
}

func TestFaultString(t *testing.T) {
	tests := []struct {
		f    sessionstest.Fault
		want string
	}{
		{sessionstest.ErrorAt(3, errBoom), "ErrorAt(3, boom)"},
		{sessionstest.Throttle(2).For("studio-1"), "Throttle(2).For(studio-1)"},
		{sessionstest.RepeatToken(2), "RepeatToken(2)"},
		{sessionstest.TokenCycle(3, 2), "TokenCycle(3, 2)"},
		{sessionstest.EmptyPages(1, 4), "EmptyPages(1, 4)"},
		{sessionstest.Fault{}, "Fault{}"},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}
