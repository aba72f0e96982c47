package sessionstest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

// TestCursorResume stops a filtered listing with empty pages after k items
// and resumes it from Cursor on a second fake with the same data (tokens
// depend only on the listing, so they carry over, and the second fake
// injects no faults): every ended session must arrive exactly once.
func TestCursorResume(t *testing.T) {
	all := stageSessions(arnA, 10)
	var want []sessions.StageSession
	for _, s := range all {
		if !s.Active() {
			want = append(want, s)
		}
	}
	q := sessions.StageQuery{StageARN: arnA, Status: sessions.StageEnded}
	ctx := context.Background()
	for k := 1; k < len(want); k++ {
		fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arnA: all}, Faults: []sessionstest.Fault{sessionstest.EmptyPages(2, 2)}}
		p, err := sessions.StageSessions(fake, q, sessions.PageSize(3), sessions.MaxItems(k))
		if err != nil {
			t.Fatal(err)
		}
		got, err := sessions.Collect(p.All(ctx))
		if err != nil {
			t.Fatal(err)
		}
		again := &sessionstest.StageService{Stages: fake.Stages}
		rest, err := collect(sessions.StageSessions(again, q, sessions.PageSize(3), sessions.StartingToken(p.Cursor())))
		if err != nil {
			t.Fatalf("after %d items: %v", k, err)
		}
		if diff := cmp.Diff(want, append(got, rest...)); diff != "" {
			t.Errorf("stopped after %d items and resumed (-want +got):\n%s", k, diff)
		}
	}
}

// TestPagesShowsEmptyPages checks that Pages yields the empty pages the fake
// inserts, with their facts.
func TestPagesShowsEmptyPages(t *testing.T) {
	fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arnA: stageSessions(arnA, 4)}, Faults: []sessionstest.Fault{sessionstest.EmptyPages(2, 2)}}
	p, err := sessions.StageSessions(fake, sessions.StageQuery{StageARN: arnA}, sessions.PageSize(2))
	if err != nil {
		t.Fatal(err)
	}
	type fact struct{ Number, Items, Fetched int }
	var got []fact
	for pg, err := range p.Pages(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fact{pg.Number, len(pg.Items), pg.Fetched})
	}
	want := []fact{{1, 2, 2}, {2, 0, 0}, {3, 0, 0}, {4, 2, 2}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Pages() mismatch (-want +got):\n%s", diff)
	}
}

// TestNoResumeAfterTokenCycle checks that a cursor taken after a token cycle
// A → B → A cannot deliver A's page again: the set of seen tokens is not in
// the cursor, so starting from it is refused.
func TestNoResumeAfterTokenCycle(t *testing.T) {
	fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arnA: stageSessions(arnA, 10)}, Faults: []sessionstest.Fault{sessionstest.TokenCycle(1, 2)}}
	p, err := sessions.StageSessions(fake, sessions.StageQuery{StageARN: arnA}, sessions.PageSize(3))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sessions.Collect(p.All(context.Background())); !errors.Is(err, sessions.ErrTokenLoop) {
		t.Fatalf("first listing: %v, want ErrTokenLoop", err)
	}
	calls := len(fake.Recorded())
	_, err = sessions.StageSessions(fake, sessions.StageQuery{StageARN: arnA}, sessions.PageSize(3), sessions.StartingToken(p.Cursor()))
	var ie *sessions.InputError
	if !errors.As(err, &ie) || ie.Field != "StartingToken" || !errors.Is(err, sessions.ErrTokenLoop) {
		t.Errorf("StartingToken(cursor after a loop) = %v, want an InputError wrapping ErrTokenLoop", err)
	}
	if n := len(fake.Recorded()); n != calls {
		t.Errorf("refusing the cursor sent %d requests", n-calls)
	}
}
