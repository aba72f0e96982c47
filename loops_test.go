package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

func TestTokenLoops(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fault    sessionstest.Fault
		items    int // delivered before ErrTokenLoop
		requests int
	}{
		{"adjacent", sessionstest.TokenCycle(1, 1), 20, 2},            // page 2 answers with its own token
		{"cycle A-B-A", sessionstest.TokenCycle(1, 2), 30, 3},         // page 3 points back to page 2
		{"back to first token", sessionstest.TokenCycle(1, 3), 40, 4}, // page 4 points back to page 2
	} {
		for _, prefetch := range []int{0, 2} {
			t.Run(fmt.Sprintf("%s/prefetch%d", tc.name, prefetch), func(t *testing.T) {
				f := stageSvc(testARN, stageData(testARN, 100))
				f.Faults = []sessionstest.Fault{tc.fault}
				p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(10), sessions.Prefetch(prefetch))
				got, err := sessions.Collect(p.All(context.Background()))
				if !errors.Is(err, sessions.ErrTokenLoop) {
					t.Fatalf("err = %v, want ErrTokenLoop", err)
				}
				var le *sessions.ListError
				if !errors.As(err, &le) || le.Page != tc.requests || le.Parent != testARN {
					t.Errorf("err = %#v, want a ListError for page %d of %s", le, tc.requests, testARN)
				}
				if diff := cmp.Diff(f.Stages[testARN][:tc.items], got); diff != "" {
					t.Errorf("items before the loop mismatch (-want +got):\n%s", diff)
				}
				if prefetch == 0 && len(f.Recorded()) != tc.requests {
					t.Errorf("requests = %d, want %d", len(f.Recorded()), tc.requests)
				}
				sent := len(f.Recorded())
				again, err := sessions.Collect(p.All(context.Background()))
				if len(again) != 0 || !errors.Is(err, sessions.ErrTokenLoop) || len(f.Recorded()) != sent {
					t.Errorf("range after a loop: %d items, err %v, %d new requests; want none and ErrTokenLoop", len(again), err, len(f.Recorded())-sent)
				}
			})
		}
	}
}

func TestEmptyPagesWithTokenAreNotTheEnd(t *testing.T) {
	// Three empty pages, each with a fresh token, before the first page.
	f := stageSvc(testARN, stageData(testARN, 30))
	f.Faults = []sessionstest.Fault{sessionstest.EmptyPages(1, 3)}
	p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(10))
	got, err := sessions.Collect(p.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(f.Stages[testARN], got); diff != "" {
		t.Errorf("All() mismatch (-want +got):\n%s", diff)
	}
	if n := len(f.Recorded()); n != 6 {
		t.Errorf("%d requests, want 6 (3 empty pages, 3 pages)", n)
	}
}

func TestTransportErrorIsWrappedAndRetried(t *testing.T) {
	boom := &ivstypes.ValidationException{ExceptionMessage: aws.String("nope")}
	f := stageSvc(testARN, stageData(testARN, 30))
	f.Faults = []sessionstest.Fault{sessionstest.ErrorAt(2, boom)} // once
	p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(10))
	got, err := sessions.Collect(p.All(context.Background()))
	var ve *ivstypes.ValidationException
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want it to wrap *types.ValidationException", err)
	}
	var le *sessions.ListError
	if !errors.As(err, &le) || le.Op != "ListStageSessions" || le.Page != 2 || le.Parent != testARN {
		t.Fatalf("err = %v, want a ListError for page 2", err)
	}
	if want := "sessions: ListStageSessions " + testARN + " page 2: "; err.Error()[:len(want)] != want {
		t.Errorf("err.Error() = %q, want prefix %q", err, want)
	}
	if len(got) != 10 {
		t.Fatalf("items before the error = %d, want 10", len(got))
	}
	cursor := p.Cursor()
	failedToken := f.Recorded()[1].NextToken
	rest, err := sessions.Collect(p.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(f.Stages[testARN], append(got, rest...)); diff != "" {
		t.Errorf("retry after error mismatch (-want +got):\n%s", diff)
	}
	// A new paginator from the cursor taken after the error starts at the failed page.
	f2 := stageSvc(testARN, f.Stages[testARN])
	rest2, err := sessions.Collect(mustStage(t, f2, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(10), sessions.StartingToken(cursor)).All(context.Background()))
	if first := f2.Recorded()[0].NextToken; err != nil || len(rest2) != 20 || first == "" || first != failedToken {
		t.Errorf("resume after error: %d items, err %v, first token %q; want 20, nil, %q", len(rest2), err, first, failedToken)
	}
}

func TestCancelledContext(t *testing.T) {
	for _, prefetch := range []int{0, 2} {
		ctx, cancel := context.WithCancel(context.Background())
		f := stageSvc(testARN, stageData(testARN, 100))
		p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(10), sessions.Prefetch(prefetch))
		n := 0
		var last error
		for _, err := range p.All(ctx) {
			if err != nil {
				last = err
				break
			}
			if n++; n == 15 {
				cancel()
			}
		}
		if !errors.Is(last, context.Canceled) {
			t.Errorf("prefetch %d: err = %v, want context.Canceled", prefetch, last)
		}
		if n != 20 {
			t.Errorf("prefetch %d: items before the error = %d, want 20 (the rest of page 2)", prefetch, n)
		}
		cancel()
	}
}
