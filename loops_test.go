package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
)

func TestTokenLoops(t *testing.T) {
	for _, tc := range []struct {
		name     string
		hook     func(call int, token string, out *ivsrealtime.ListStageSessionsOutput) (*ivsrealtime.ListStageSessionsOutput, error)
		items    int // delivered before ErrTokenLoop
		requests int
	}{
		{"adjacent", func(call int, token string, out *ivsrealtime.ListStageSessionsOutput) (*ivsrealtime.ListStageSessionsOutput, error) {
			if call >= 2 { // page 2 (token t10) answers with token t10 again
				out.NextToken = aws.String(token)
			}
			return out, nil
		}, 20, 2},
		{"cycle A-B-A", func(call int, token string, out *ivsrealtime.ListStageSessionsOutput) (*ivsrealtime.ListStageSessionsOutput, error) {
			if call == 3 { // t20 points back to t10
				out.NextToken = aws.String("t10")
			}
			return out, nil
		}, 30, 3},
		{"back to first token", func(call int, token string, out *ivsrealtime.ListStageSessionsOutput) (*ivsrealtime.ListStageSessionsOutput, error) {
			if call == 4 {
				out.NextToken = aws.String("t10")
			}
			return out, nil
		}, 40, 4},
	} {
		for _, prefetch := range []int{0, 2} {
			t.Run(fmt.Sprintf("%s/prefetch%d", tc.name, prefetch), func(t *testing.T) {
				f := &stageFake{data: stageData(testARN, 100), hook: tc.hook}
				p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(10), sessions.Prefetch(prefetch))
				got, err := sessions.Collect(p.All(context.Background()))
				if !errors.Is(err, sessions.ErrTokenLoop) {
					t.Fatalf("err = %v, want ErrTokenLoop", err)
				}
				var le *sessions.ListError
				if !errors.As(err, &le) || le.Page != tc.requests || le.Parent != testARN {
					t.Errorf("err = %#v, want a ListError for page %d of %s", le, tc.requests, testARN)
				}
				if diff := cmp.Diff(f.data[:tc.items], got); diff != "" {
					t.Errorf("items before the loop mismatch (-want +got):\n%s", diff)
				}
				if prefetch == 0 && f.requests() != tc.requests {
					t.Errorf("requests = %d, want %d", f.requests(), tc.requests)
				}
				sent := f.requests()
				again, err := sessions.Collect(p.All(context.Background()))
				if len(again) != 0 || !errors.Is(err, sessions.ErrTokenLoop) || f.requests() != sent {
					t.Errorf("range after a loop: %d items, err %v, %d new requests; want none and ErrTokenLoop", len(again), err, f.requests()-sent)
				}
			})
		}
	}
}

func TestEmptyPagesWithTokenAreNotTheEnd(t *testing.T) {
	f := &stageFake{data: stageData(testARN, 30), hook: func(call int, token string, out *ivsrealtime.ListStageSessionsOutput) (*ivsrealtime.ListStageSessionsOutput, error) {
		if call <= 3 { // three empty pages, each pointing at the real first page
			return &ivsrealtime.ListStageSessionsOutput{NextToken: aws.String(fmt.Sprintf("empty%d", call))}, nil
		}
		return out, nil
	}}
	// The fake reads "emptyN" tokens as bad; map them to the start.
	inner := f.hook
	f.hook = func(call int, token string, out *ivsrealtime.ListStageSessionsOutput) (*ivsrealtime.ListStageSessionsOutput, error) {
		return inner(call, token, out)
	}
	p := mustStage(t, tokenRewriter{f}, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(10))
	got, err := sessions.Collect(p.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(f.data, got); diff != "" {
		t.Errorf("All() mismatch (-want +got):\n%s", diff)
	}
}

// tokenRewriter sends "emptyN" tokens to the fake as the start of the data.
type tokenRewriter struct{ f *stageFake }

func (r tokenRewriter) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, o ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	if tok := aws.ToString(in.NextToken); len(tok) > 5 && tok[:5] == "empty" {
		c := *in
		c.NextToken = nil
		in = &c
	}
	return r.f.ListStageSessions(ctx, in, o...)
}

func TestTransportErrorIsWrappedAndRetried(t *testing.T) {
	boom := &ivstypes.ValidationException{ExceptionMessage: aws.String("nope")}
	fail := true
	f := &stageFake{data: stageData(testARN, 30), hook: func(call int, token string, out *ivsrealtime.ListStageSessionsOutput) (*ivsrealtime.ListStageSessionsOutput, error) {
		if call == 2 && fail {
			return nil, boom
		}
		return out, nil
	}}
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
	fail = false
	rest, err := sessions.Collect(p.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(f.data, append(got, rest...)); diff != "" {
		t.Errorf("retry after error mismatch (-want +got):\n%s", diff)
	}
	// A new paginator from the cursor taken after the error starts at the failed page.
	f2 := &stageFake{data: f.data}
	rest2, err := sessions.Collect(mustStage(t, f2, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(10), sessions.StartingToken(cursor)).All(context.Background()))
	if err != nil || len(rest2) != 20 || aws.ToString(f2.calls[0].NextToken) != "t10" {
		t.Errorf("resume after error: %d items, err %v, first token %q; want 20, nil, t10", len(rest2), err, aws.ToString(f2.calls[0].NextToken))
	}
}

func TestCancelledContext(t *testing.T) {
	for _, prefetch := range []int{0, 2} {
		ctx, cancel := context.WithCancel(context.Background())
		f := &stageFake{data: stageData(testARN, 100)}
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
