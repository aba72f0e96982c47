package sessions_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
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
