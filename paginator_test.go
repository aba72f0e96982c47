package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

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
			f := stageSvc(testARN, stageData(testARN, tc.n))
			p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, tc.opts...)
			got, err := sessions.Collect(p.All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(f.Stages[testARN], got, cmp.Comparer(emptyEqual)); diff != "" {
				t.Errorf("All() mismatch (-want +got):\n%s", diff)
			}
			if len(f.Recorded()) != tc.requests {
				t.Errorf("requests = %d, want %d", len(f.Recorded()), tc.requests)
			}
			if c := p.Cursor(); c != "" {
				t.Errorf("Cursor() after the end = %q, want \"\"", c)
			}
			more, err := sessions.Collect(p.All(context.Background()))
			if len(more) != 0 || err != nil || len(f.Recorded()) != tc.requests {
				t.Errorf("second range after the end: %d items, err %v, %d requests; want nothing", len(more), err, len(f.Recorded()))
			}
		})
	}
}

// emptyEqual makes a nil and an empty slice compare equal.
func emptyEqual(a, b []sessions.StageSession) bool {
	return len(a) == 0 && len(b) == 0 || cmp.Equal(a, b)
}

func TestStagePageSizeIsSent(t *testing.T) {
	f := stageSvc(testARN, stageData(testARN, 30))
	p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(20))
	var next string // the token page 1 returned
	for pg, err := range p.Pages(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if pg.Number == 1 {
			next = pg.NextToken
		}
	}
	want := []sessionstest.StageCall{
		{StageARN: testARN, MaxResults: 20},
		{StageARN: testARN, MaxResults: 20, NextToken: next},
	}
	if diff := cmp.Diff(want, f.Recorded()); diff != "" || next == "" {
		t.Errorf("requests mismatch (-want +got):\n%s", diff)
	}
}

func TestPagesReportFacts(t *testing.T) {
	f := stageSvc(testARN, stageData(testARN, 25))
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
	calls := f.Recorded()
	wantNext := []string{calls[1].NextToken, calls[2].NextToken, ""} // the token each page returned is sent next
	if len(calls) != 3 || wantNext[0] == "" || wantNext[1] == "" || wantNext[0] == wantNext[1] {
		t.Fatalf("requests %+v, want 3 with two distinct tokens", calls)
	}
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
	want := []sessions.PageInfo{
		{Number: 1, Fetched: 10, Kept: 4, More: true, Parent: testARN},
		{Number: 2, Fetched: 10, Kept: 3, More: true, Parent: testARN},
		{Number: 3, Fetched: 5, Kept: 2, Parent: testARN},
	}
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
			f := stageSvc(testARN, stageData(testARN, 200))
			p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(tc.pageSize), sessions.MaxItems(tc.max), sessions.Prefetch(tc.prefetch))
			got, err := sessions.Collect(p.All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(f.Stages[testARN][:tc.max], got); diff != "" {
				t.Errorf("All() mismatch (-want +got):\n%s", diff)
			}
			if want := (tc.max + tc.pageSize - 1) / tc.pageSize; len(f.Recorded()) != want {
				t.Errorf("requests = %d, want %d", len(f.Recorded()), want)
			}
			// The rest of the listing continues from the cursor, exactly.
			rest := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(tc.pageSize), sessions.StartingToken(p.Cursor()))
			tail, err := sessions.Collect(rest.All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(f.Stages[testARN], append(got, tail...)); diff != "" {
				t.Errorf("head+resumed tail mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEarlyBreakSendsNoExtraRequest(t *testing.T) {
	f := stageSvc(testARN, stageData(testARN, 100))
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
	if len(f.Recorded()) != 2 {
		t.Errorf("requests after breaking at item 20 = %d, want 2", len(f.Recorded()))
	}
}

// Any MaxItems ≥ 1 works on a resumed paginator, math.MaxInt included: the
// cap left must not overflow when the resume point is inside a page
// (issue 15, item 1).
func TestMaxItemsHugeOnResume(t *testing.T) {
	f := stageSvc(testARN, stageData(testARN, 12))
	first := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(5))
	var head []sessions.StageSession
	for s, err := range first.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if head = append(head, s); len(head) == 3 {
			break
		}
	}
	for _, tc := range []struct {
		name string
		opts []sessions.Option
		list func(*sessions.Paginator[sessions.StageSession]) ([]sessions.StageSession, error)
	}{
		{"All", nil, func(p *sessions.Paginator[sessions.StageSession]) ([]sessions.StageSession, error) {
			return sessions.Collect(p.All(context.Background()))
		}},
		{"Pages", nil, func(p *sessions.Paginator[sessions.StageSession]) ([]sessions.StageSession, error) {
			var out []sessions.StageSession
			for pg, err := range p.Pages(context.Background()) {
				if err != nil {
					return out, err
				}
				out = append(out, pg.Items...)
			}
			return out, nil
		}},
		{"Prefetch", []sessions.Option{sessions.Prefetch(2)}, func(p *sessions.Paginator[sessions.StageSession]) ([]sessions.StageSession, error) {
			return sessions.Collect(p.All(context.Background()))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := append([]sessions.Option{sessions.StartingToken(first.Cursor()), sessions.MaxItems(math.MaxInt)}, tc.opts...)
			p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, opts...)
			rest, err := tc.list(p)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(f.Stages[testARN], append(head, rest...), cmp.Comparer(emptyEqual)); diff != "" {
				t.Errorf("head + resumed listing (-want +got):\n%s", diff)
			}
		})
	}
}

// The tests in this file hold the paginator to the behaviours that misuse
// and unusual services put to the test: a loop body that stops, panics,
// nested ranges, checkpoints inside the loop body, repeated IDs and a
// service that shifts its items between requests.

func ids(items []sessions.StageSession) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = s.ID
	}
	return out
}

// blockingStage blocks every request until release is closed.
type blockingStage struct {
	*sessionstest.StageService
	entered chan struct{}
	release chan struct{}
}

func (b *blockingStage) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, o ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	select {
	case b.entered <- struct{}{}:
	default:
	}
	<-b.release
	return b.StageService.ListStageSessions(ctx, in, o...)
}

// Ranging over a paginator while another range over it is in progress
// yields ErrConcurrentRange and leaves the paginator intact.
func TestNestedAndConcurrentRange(t *testing.T) {
	for _, prefetch := range []int{0, 2} {
		t.Run(fmt.Sprintf("nested/prefetch%d", prefetch), func(t *testing.T) {
			f := stageSvc(testARN, stageData(testARN, 20))
			p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(5), sessions.Prefetch(prefetch))
			var got []sessions.StageSession
			for s, err := range p.All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, s)
				if len(got) == 7 {
					for _, err := range p.All(context.Background()) {
						if !errors.Is(err, sessions.ErrConcurrentRange) {
							t.Errorf("nested All: err = %v, want ErrConcurrentRange", err)
						}
					}
					for _, err := range p.Pages(context.Background()) {
						if !errors.Is(err, sessions.ErrConcurrentRange) {
							t.Errorf("nested Pages: err = %v, want ErrConcurrentRange", err)
						}
					}
					_, err := sessions.Collect(sessions.Merge(context.Background(), 1, p))
					if !errors.Is(err, sessions.ErrConcurrentRange) {
						t.Errorf("nested Merge: err = %v, want ErrConcurrentRange", err)
					}
				}
			}
			if diff := cmp.Diff(f.Stages[testARN], got); diff != "" {
				t.Errorf("outer range (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("two goroutines", func(t *testing.T) {
		b := &blockingStage{StageService: stageSvc(testARN, stageData(testARN, 10)), entered: make(chan struct{}, 1), release: make(chan struct{})}
		p := mustStage(t, b, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(5))
		done := make(chan []sessions.StageSession)
		go func() {
			got, _ := sessions.Collect(p.All(context.Background()))
			done <- got
		}()
		select {
		case <-b.entered:
		case <-time.After(time.Minute):
			close(b.release)
			t.Fatal("the first range sent no request within a minute")
		}
		_, err := sessions.Collect(p.All(context.Background()))
		if !errors.Is(err, sessions.ErrConcurrentRange) {
			t.Errorf("second range: err = %v, want ErrConcurrentRange", err)
		}
		close(b.release)
		select {
		case got := <-done:
			if len(got) != 10 {
				t.Errorf("first range got %d items, want 10", len(got))
			}
		case <-time.After(time.Minute):
			t.Fatal("the first range has not ended a minute after its requests were released")
		}
	})
}

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

// TestMixedConsumersResumeExactly lists a filtered stage in random steps,
// each taking a random number of items with All, Pages or Merge, with or
// without Prefetch and MaxItems, and after each step either ranges the same
// paginator again or resumes a new one from the cursor read last in the
// loop body. The pieces must add up to the listing, exactly once, in order.
func TestMixedConsumersResumeExactly(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	ctx := context.Background()
	for round := range 150 {
		n, size := rng.IntN(120), 1+rng.IntN(20)
		f := stageSvc(testARN, stageData(testARN, n))
		q := sessions.StageQuery{StageARN: testARN, Where: func(s sessions.StageSession) bool { return s.ID[len(s.ID)-1]%3 != 0 }}
		var want []sessions.StageSession
		for _, s := range f.Stages[testARN] {
			if q.Where(s) {
				want = append(want, s)
			}
		}
		opts := func(cursor string) []sessions.Option {
			o := []sessions.Option{sessions.PageSize(size), sessions.Prefetch(rng.IntN(3))}
			if cursor != "" {
				o = append(o, sessions.StartingToken(cursor))
			}
			return o
		}
		p := mustStage(t, f, q, opts("")...)
		var got []sessions.StageSession
		var log []string
		for steps := 0; len(got) < len(want); steps++ {
			if steps > 4*len(want)+4 {
				t.Fatalf("round %d: no progress; %v", round, log)
			}
			k := 1 + rng.IntN(2*size)
			cursor := p.Cursor()
			taken := 0
			switch how := rng.IntN(3); how {
			case 0:
				log = append(log, fmt.Sprintf("All %d", k))
				for s, err := range p.All(ctx) {
					if err != nil {
						t.Fatal(err)
					}
					got, cursor = append(got, s), p.Cursor()
					if taken++; taken == k {
						break
					}
				}
			case 1:
				log = append(log, fmt.Sprintf("Pages %d", k))
				for pg, err := range p.Pages(ctx) {
					if err != nil {
						t.Fatal(err)
					}
					got, cursor = append(got, pg.Items...), p.Cursor()
					if taken += len(pg.Items); taken >= k {
						break
					}
				}
			default:
				log = append(log, fmt.Sprintf("Merge %d", k))
				for s, err := range sessions.Merge(ctx, 1, p) {
					if err != nil {
						t.Fatal(err)
					}
					got, cursor = append(got, s), p.Cursor()
					if taken++; taken == k {
						break
					}
				}
			}
			if rng.IntN(2) == 0 {
				if cursor == "" {
					break
				}
				log = append(log, "resume")
				p = mustStage(t, f, q, opts(cursor)...)
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("round %d (n %d, size %d, %v): (-want +got):\n%s", round, n, size, log, diff)
		}
	}
}

// Regression (found in review): Pages re-yields a page with no items (empty, or fully filtered)
// when the caller breaks on it, and Cursor is not "" after breaking on the
// (empty) last page.
func TestRegressPagesBreakOnEmptyPage(t *testing.T) {
	svc := &regressScripted{pages: map[string]regressPage{
		"":  {ids: []string{"a1"}, next: "A"},
		"A": {ids: nil, next: "B"},
		"B": {ids: []string{"b1"}},
	}}
	p, _ := sessions.StageSessions(svc, sessions.StageQuery{StageARN: testARN})
	ctx := context.Background()
	var got []string
	for pg, err := range p.Pages(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d:%d", pg.Number, len(pg.Items)))
		if pg.Number == 2 {
			break
		}
	}
	for pg, err := range p.Pages(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d:%d", pg.Number, len(pg.Items)))
	}
	if fmt.Sprint(svc.sent) != `[ A B]` {
		t.Errorf("requests sent %q, want each page once (Pages: ranging again continues after the last page yielded); pages %v", svc.sent, got)
	}
}

func TestRegressPagesBreakOnEmptyLastPage(t *testing.T) {
	svc := &regressScripted{pages: map[string]regressPage{
		"":  {ids: []string{"a1"}, next: "A"},
		"A": {ids: nil},
	}}
	p, _ := sessions.StageSessions(svc, sessions.StageQuery{StageARN: testARN})
	for pg, err := range p.Pages(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if pg.NextToken == "" {
			break // the caller saw the last page
		}
	}
	if c := p.Cursor(); c != "" {
		t.Errorf("Cursor() = %q after the last page was yielded, want \"\"", c)
	}
}
