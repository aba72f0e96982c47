package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/sessionkit/sessions"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func mustStage(t testing.TB, tr sessions.StageTransport, q sessions.StageQuery, opts ...sessions.Option) *sessions.Paginator[sessions.StageSession] {
	t.Helper()
	p, err := sessions.StageSessions(tr, q, opts...)
	if err != nil {
		t.Fatalf("StageSessions: %v", err)
	}
	return p
}

func TestStageAllAcrossPages(t *testing.T) {
	for _, tc := range []struct {
		name     string
		n        int
		opts     []sessions.Option
		requests int
	}{
		{"empty", 0, nil, 1},
		{"default page size", 120, nil, 2},
		{"exact pages", 100, []sessions.Option{sessions.PageSize(25)}, 4},
		{"page size 1", 7, []sessions.Option{sessions.PageSize(1)}, 7},
		{"page size 100", 250, []sessions.Option{sessions.PageSize(100)}, 3},
		{"prefetch", 250, []sessions.Option{sessions.PageSize(10), sessions.Prefetch(3)}, 25},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &stageFake{data: stageData(testARN, tc.n)}
			p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, tc.opts...)
			got, err := sessions.Collect(p.All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(f.data, got, cmp.Comparer(emptyEqual)); diff != "" {
				t.Errorf("All() mismatch (-want +got):\n%s", diff)
			}
			if f.requests() != tc.requests {
				t.Errorf("requests = %d, want %d", f.requests(), tc.requests)
			}
			if c := p.Cursor(); c != "" {
				t.Errorf("Cursor() after the end = %q, want \"\"", c)
			}
			more, err := sessions.Collect(p.All(context.Background()))
			if len(more) != 0 || err != nil || f.requests() != tc.requests {
				t.Errorf("second range after the end: %d items, err %v, %d requests; want nothing", len(more), err, f.requests())
			}
		})
	}
}

// emptyEqual makes a nil and an empty slice compare equal.
func emptyEqual(a, b []sessions.StageSession) bool {
	return len(a) == 0 && len(b) == 0 || cmp.Equal(a, b)
}

func TestStagePageSizeIsSent(t *testing.T) {
	f := &stageFake{data: stageData(testARN, 30)}
	p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(20))
	if _, err := sessions.Collect(p.All(context.Background())); err != nil {
		t.Fatal(err)
	}
	want := []ivsrealtime.ListStageSessionsInput{
		{StageArn: aws.String(testARN), MaxResults: aws.Int32(20)},
		{StageArn: aws.String(testARN), MaxResults: aws.Int32(20), NextToken: aws.String("t20")},
	}
	if diff := cmp.Diff(want, f.calls, cmp.AllowUnexported(ivsrealtime.ListStageSessionsInput{})); diff != "" {
		t.Errorf("requests mismatch (-want +got):\n%s", diff)
	}
}

// Without PageSize a paginator asks for IVS's largest page, or for the page
// size of the cursor it resumes from; only a different explicit PageSize
// is refused.
func TestDefaultPageSizeAndCursorPageSize(t *testing.T) {
	f := &stageFake{data: stageData(testARN, 30)}
	for _, tc := range []struct {
		name string
		opts []sessions.Option
		want int32
	}{
		{"default", nil, 100},
		{"cursor's", []sessions.Option{sessions.StartingToken(mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(7)).Cursor())}, 7},
		{"cursor's, repeated", []sessions.Option{sessions.PageSize(7), sessions.StartingToken(mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(7)).Cursor())}, 7},
	} {
		f.calls = nil
		p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, tc.opts...)
		if _, err := sessions.Collect(p.All(context.Background())); err != nil {
			t.Fatal(err)
		}
		for _, c := range f.calls {
			if aws.ToInt32(c.MaxResults) != tc.want {
				t.Errorf("%s: MaxResults = %v, want %d", tc.name, aws.ToInt32(c.MaxResults), tc.want)
			}
		}
	}
}

func TestPagesReportFacts(t *testing.T) {
	f := &stageFake{data: stageData(testARN, 25)}
	var infos []sessions.PageInfo
	p := mustStage(t, f, sessions.StageQuery{StageARN: testARN, Status: sessions.StageActive}, sessions.PageSize(10),
		sessions.OnPage(func(pi sessions.PageInfo) { pi.Latency = 0; infos = append(infos, pi) }))
	var got []sessions.Page[sessions.StageSession]
	for pg, err := range p.Pages(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, pg)
	}
	wantKept := []int{4, 3, 2} // every third session is active
	wantNext := []string{"t10", "t20", ""}
	for i, pg := range got {
		if len(pg.Items) != wantKept[i] || pg.Number != i+1 || pg.NextToken != wantNext[i] || pg.Fetched != min(10, 25-10*i) {
			t.Errorf("page %d = {%d items, number %d, next %q, fetched %d}", i, len(pg.Items), pg.Number, pg.NextToken, pg.Fetched)
		}
		for _, s := range pg.Items {
			if !s.Active() {
				t.Errorf("page %d holds ended session %s", i, s.ID)
			}
		}
	}
	want := []sessions.PageInfo{{1, 10, 4, 0, true}, {2, 10, 3, 0, true}, {3, 5, 2, 0, false}}
	if diff := cmp.Diff(want, infos); diff != "" {
		t.Errorf("OnPage mismatch (-want +got):\n%s", diff)
	}
}

func TestMaxItemsFetchesOnlyNeededPages(t *testing.T) {
	for _, tc := range []struct {
		max, pageSize, prefetch int
	}{
		{1, 10, 0}, {10, 10, 0}, {11, 10, 0}, {35, 10, 0}, {99, 100, 0},
		{1, 10, 2}, {10, 10, 2}, {11, 10, 4}, {35, 10, 3},
	} {
		t.Run(fmt.Sprintf("max%d-size%d-prefetch%d", tc.max, tc.pageSize, tc.prefetch), func(t *testing.T) {
			f := &stageFake{data: stageData(testARN, 200)}
			p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(tc.pageSize), sessions.MaxItems(tc.max), sessions.Prefetch(tc.prefetch))
			got, err := sessions.Collect(p.All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(f.data[:tc.max], got); diff != "" {
				t.Errorf("All() mismatch (-want +got):\n%s", diff)
			}
			if want := (tc.max + tc.pageSize - 1) / tc.pageSize; f.requests() != want {
				t.Errorf("requests = %d, want %d", f.requests(), want)
			}
			// The rest of the listing continues from the cursor, exactly.
			rest := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(tc.pageSize), sessions.StartingToken(p.Cursor()))
			tail, err := sessions.Collect(rest.All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(f.data, append(got, tail...)); diff != "" {
				t.Errorf("head+resumed tail mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEarlyBreakSendsNoExtraRequest(t *testing.T) {
	f := &stageFake{data: stageData(testARN, 100)}
	p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(10))
	n := 0
	for _, err := range p.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 20 {
			break
		}
	}
	if f.requests() != 2 {
		t.Errorf("requests after breaking at item 20 = %d, want 2", f.requests())
	}
}

// TestResumeAnywhere breaks at every point of a filtered listing, in the
// same paginator and through a cursor in a new one, and checks that the
// pieces add up to the whole listing, exactly once and in order.
func TestResumeAnywhere(t *testing.T) {
	data := stageData(testARN, 47)
	q := sessions.StageQuery{StageARN: testARN, Where: func(s sessions.StageSession) bool { return s.ID[len(s.ID)-1] != '7' }}
	want, err := sessions.Collect(mustStage(t, &stageFake{data: data}, q, sessions.PageSize(5)).All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	for _, prefetch := range []int{0, 1, 3} {
		for k := 1; k <= len(want); k++ {
			f := &stageFake{data: data}
			p := mustStage(t, f, q, sessions.PageSize(5), sessions.Prefetch(prefetch))
			var got []sessions.StageSession
			for s, err := range p.All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, s)
				if len(got) == k {
					break
				}
			}
			cursor := p.Cursor()
			again, err := sessions.Collect(p.All(context.Background())) // same paginator
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, append(got[:k:k], again...)); diff != "" {
				t.Fatalf("prefetch %d, break at %d, range again: mismatch (-want +got):\n%s", prefetch, k, diff)
			}
			if cursor == "" {
				if k != len(want) {
					t.Fatalf("prefetch %d, break at %d: empty cursor before the end", prefetch, k)
				}
				continue
			}
			rest, err := sessions.Collect(mustStage(t, f, q, sessions.PageSize(5), sessions.StartingToken(cursor)).All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, append(got[:k:k], rest...)); diff != "" {
				t.Fatalf("prefetch %d, break at %d, resume from cursor: mismatch (-want +got):\n%s", prefetch, k, diff)
			}
		}
	}
}

func TestRandomBreaksAndResumes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		n, size := rng.IntN(300), 1+rng.IntN(100)
		data := stageData(testARN, n)
		status := []sessions.StageStatus{sessions.AnyStatus, sessions.StageActive, sessions.StageEnded}[rng.IntN(3)]
		q := sessions.StageQuery{StageARN: testARN, Status: status}
		var want []sessions.StageSession
		for _, s := range data {
			if q.Match(s) {
				want = append(want, s)
			}
		}
		f := &stageFake{data: data}
		var got []sessions.StageSession
		cursor := ""
		for resumes := 0; ; resumes++ {
			if resumes > n+2 {
				t.Fatalf("round %d: no progress", round)
			}
			opts := []sessions.Option{sessions.PageSize(size), sessions.Prefetch(rng.IntN(3))}
			if cursor != "" {
				opts = append(opts, sessions.StartingToken(cursor))
			}
			p := mustStage(t, f, q, opts...)
			stop := 1 + rng.IntN(max(1, len(want)/3+1))
			i := 0
			for s, err := range p.All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, s)
				if i++; i == stop {
					break
				}
			}
			if cursor = p.Cursor(); cursor == "" {
				break
			}
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(emptyEqual)); diff != "" {
			t.Fatalf("round %d (n=%d size=%d status=%v): mismatch (-want +got):\n%s", round, n, size, status, diff)
		}
	}
}

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

func TestStartingServiceToken(t *testing.T) {
	f := &stageFake{data: stageData(testARN, 30)}
	got, err := sessions.Collect(mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(10), sessions.StartingToken("t20")).All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(f.data[20:], got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
