package sessions_test

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

func fanStudio(id string, n int) []sessions.StreamingSession {
	out := make([]sessions.StreamingSession, n)
	for i := range out {
		out[i] = sessions.StreamingSession{StudioID: id, ID: fmt.Sprintf("session-%s-%d", id, i), State: sessions.StateReady, CreatedBy: []string{"alice", "bob"}[i%2]}
	}
	return out
}

func studioBuild(svc *sessionstest.StudioService, q sessions.StudioQuery) func(string, ...sessions.Option) (*sessions.Paginator[sessions.StreamingSession], error) {
	return func(id string, opts ...sessions.Option) (*sessions.Paginator[sessions.StreamingSession], error) {
		q := q
		q.StudioID = id
		return sessions.StreamingSessions(svc, q, opts...)
	}
}

// NewFanout over studios, stopped and resumed at random points with a
// total MaxItems, delivers every session exactly once; the cursor keeps the
// finished studios finished.
func TestNewFanoutResumesStudiosExactlyOnce(t *testing.T) {
	svc := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{}, PageSize: 3}
	var ids []string
	want := map[string][]sessions.StreamingSession{}
	for i := range 9 {
		id := fmt.Sprint("studio-", i)
		ids = append(ids, id)
		svc.Studios[id] = fanStudio(id, i*4)
		for _, s := range svc.Studios[id] {
			if s.CreatedBy == "alice" {
				want[id] = append(want[id], s)
			}
		}
	}
	build := studioBuild(svc, sessions.StudioQuery{CreatedBy: "alice"})
	r := rand.New(rand.NewPCG(7, 7))
	got := map[string][]sessions.StreamingSession{}
	tok := ""
	for run := 0; ; run++ {
		if run > 200 {
			t.Fatal("no end after 200 runs")
		}
		opts := []sessions.Option{sessions.MaxItems(1 + r.IntN(12)), sessions.Concurrency(1 + r.IntN(4))}
		if tok != "" {
			opts = append(opts, sessions.StartingToken(tok))
		}
		fo, err := sessions.NewFanout(ids, build, opts...)
		if err != nil {
			t.Fatal(err)
		}
		for s, err := range fo.All(context.Background()) {
			if err != nil {
				t.Fatal(err)
			}
			got[s.StudioID] = append(got[s.StudioID], s)
		}
		if tok = fo.Cursor(); tok == "" {
			break
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sessions by studio over all runs (-want +got):\n%s", diff)
	}
}

func TestNewFanoutMaxItemsAcrossRanges(t *testing.T) {
	svc := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{"a": fanStudio("a", 10), "b": fanStudio("b", 10)}}
	fo, err := sessions.NewFanout([]string{"a", "b"}, studioBuild(svc, sessions.StudioQuery{}), sessions.MaxItems(7))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, err := range fo.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 4 {
			break
		}
	}
	for _, err := range fo.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 7 {
		t.Errorf("%d sessions over two ranges with MaxItems(7), want 7", n)
	}
}

func TestNewFanoutInput(t *testing.T) {
	svc := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{"a": fanStudio("a", 3), "b": fanStudio("b", 3)}}
	build := studioBuild(svc, sessions.StudioQuery{})
	ab, err := sessions.NewFanout([]string{"a", "b"}, build, sessions.MaxItems(1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sessions.Collect(ab.All(context.Background())); err != nil {
		t.Fatal(err)
	}
	tok, sent := ab.Cursor(), len(svc.Recorded())
	f := newAccountFake()
	bigAccount(f, 1, 3, 1)
	acct, err := sessions.AccountSessions(f.clients(), sessions.AccountQuery{Regions: testRegions})
	if err != nil {
		t.Fatal(err)
	}
	wrong := func(string, ...sessions.Option) (*sessions.Paginator[sessions.StreamingSession], error) {
		return sessions.StreamingSessions(svc, sessions.StudioQuery{StudioID: "b"})
	}
	for _, tc := range []struct {
		name    string
		parents []string
		build   func(string, ...sessions.Option) (*sessions.Paginator[sessions.StreamingSession], error)
		opts    []sessions.Option
		field   string
		reason  string
	}{
		{"no parents", nil, build, nil, "parents", ""},
		{"nil build", []string{"a"}, nil, nil, "build", ""},
		{"repeated parent", []string{"a", "b", "a"}, build, nil, "parents[2]", "repeats parents[0]"},
		{"bad query", []string{"a"}, studioBuild(svc, sessions.StudioQuery{States: []sessions.State{"RUNNING"}}), nil, "StudioQuery.States[0]", ""},
		{"wrong paginator", []string{"a"}, wrong, nil, "build", `"a"`},
		{"page size for studios", []string{"a"}, build, []sessions.Option{sessions.PageSize(5)}, "PageSize", ""},
		{"cursor, fewer parents", []string{"a"}, build, []sessions.Option{sessions.StartingToken(tok)}, "StartingToken", "more parents"},
		{"cursor, other parents", []string{"a", "c"}, build, []sessions.Option{sessions.StartingToken(tok)}, "StartingToken", `"c"`},
		{"account cursor", []string{"a", "b"}, build, []sessions.Option{sessions.StartingToken(acct.Cursor())}, "StartingToken", "AccountSessions"},
		{"concurrency", []string{"a"}, build, []sessions.Option{sessions.Concurrency(2000)}, "Concurrency", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sessions.NewFanout(tc.parents, tc.build, tc.opts...)
			var ie *sessions.InputError
			if !errors.As(err, &ie) || ie.Field != tc.field || !strings.Contains(ie.Reason, tc.reason) {
				t.Fatalf("NewFanout error = %v, want an *InputError for %s saying %q", err, tc.field, tc.reason)
			}
		})
	}
	if _, err := sessions.NewFanout([]string{"b", "a"}, build, sessions.StartingToken(tok)); err != nil {
		t.Errorf("the same parents in another order: %v", err)
	}
	if n := len(svc.Recorded()); n != sent {
		t.Errorf("%d requests, want the %d of the first fan-out", n, sent)
	}
}

func TestFanoutDefaultConcurrency(t *testing.T) {
	for _, tc := range []struct{ stages, want int }{{5, 5}, {40, sessions.DefaultConcurrency}} {
		t.Run(fmt.Sprint(tc.stages, "stages"), func(t *testing.T) {
			f := newAccountFake()
			var arns []string
			for i := range tc.stages {
				arns = append(arns, f.addStage("us-west-2", fmt.Sprint("S", i), 2, false, nil).ARN)
			}
			f.gate = tc.want
			fo, err := sessions.AccountSessions(f.clients(), sessions.AccountQuery{StageARNs: arns})
			if err != nil {
				t.Fatal(err)
			}
			got, err := sessions.Collect(fo.All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2*tc.stages || f.maxInFlight != tc.want {
				t.Errorf("%d sessions with up to %d requests at once; want %d with %d at once", len(got), f.maxInFlight, 2*tc.stages, tc.want)
			}
		})
	}
}

// A cursor taken inside the loop body, after each item, is as good as one
// taken after break at that item: resuming from the checkpoint of the last
// item received delivers the rest exactly once.
func TestFanoutCursorInsideLoopBody(t *testing.T) {
	f := newAccountFake()
	bigAccount(f, 5, 12, 9)
	q := sessions.AccountQuery{Regions: testRegions}
	var got []sessions.StageSession
	tok := ""
	r := rand.New(rand.NewPCG(9, 9))
	for run := 0; ; run++ {
		if run > 200 {
			t.Fatal("no end after 200 runs")
		}
		opts := []sessions.Option{sessions.PageSize(5), sessions.Concurrency(4)}
		if tok != "" {
			opts = append(opts, sessions.StartingToken(tok))
		}
		fo, err := sessions.AccountSessions(f.clients(), q, opts...)
		if err != nil {
			t.Fatal(err)
		}
		stop := 1 + r.IntN(30)
		checkpoint := fo.Cursor()
		for s, err := range fo.All(context.Background()) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, s)
			checkpoint = fo.Cursor()
			if stop--; stop == 0 {
				break
			}
		}
		if stop > 0 { // the listing ended
			checkpoint = fo.Cursor()
		}
		if tok = checkpoint; tok == "" {
			break
		}
	}
	if diff := cmp.Diff(wantAll(f, func(sessions.Stage) bool { return true }, sessions.StageQuery{}), byStage(got)); diff != "" {
		t.Errorf("sessions by stage over all runs (-want +got):\n%s", diff)
	}
}

// Ordered still fetches concurrently (the gate lets no request through
// until four are in flight), but yields the stages in the order given, so
// that a cap gives the same sessions every time.
func TestFanoutOrdered(t *testing.T) {
	f := newAccountFake()
	var arns []string
	var want []sessions.StageSession
	for i := range 6 {
		st := f.addStage([]string{"us-west-2", "eu-west-1"}[i%2], fmt.Sprint("O", i), 3+i%4, false, nil)
		arns = append(arns, st.ARN)
	}
	for _, arn := range arns {
		want = append(want, f.sessions[arn]...)
	}
	f.gate = 4
	r := rand.New(rand.NewPCG(3, 3))
	f.fault = func(string, string, int) error {
		time.Sleep(time.Duration(r.IntN(3)) * time.Millisecond) // shuffle the arrivals
		return nil
	}
	for run := range 5 {
		fo, err := sessions.AccountSessions(f.clients(), sessions.AccountQuery{StageARNs: arns}, sessions.Ordered(), sessions.Concurrency(4), sessions.PageSize(2), sessions.MaxItems(len(want)-run))
		if err != nil {
			t.Fatal(err)
		}
		got, err := sessions.Collect(fo.All(context.Background()))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want[:len(want)-run], got); diff != "" {
			t.Errorf("Ordered with MaxItems(%d) (-want +got):\n%s", len(want)-run, diff)
		}
	}
	if f.maxInFlight != 4 {
		t.Errorf("up to %d requests at once, want Concurrency(4)", f.maxInFlight)
	}
}

// Ranging over a Fanout inside a range over it yields one error wrapping
// ErrConcurrentRange in a *ListError, like a paginator, and leaves the outer
// range intact.
func TestFanoutNestedRange(t *testing.T) {
	f := newAccountFake()
	bigAccount(f, 3, 10, 4)
	fo, err := sessions.AccountSessions(f.clients(), sessions.AccountQuery{Regions: testRegions}, sessions.PageSize(3))
	if err != nil {
		t.Fatal(err)
	}
	var got []sessions.StageSession
	nested := 0
	for s, err := range fo.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
		if len(got) == 5 {
			for _, err := range fo.All(context.Background()) {
				nested++
				var le *sessions.ListError
				if !errors.Is(err, sessions.ErrConcurrentRange) || !errors.As(err, &le) || le.Op != "AccountSessions" {
					t.Errorf("nested range: %v, want a *ListError of AccountSessions wrapping ErrConcurrentRange, as a paginator's", err)
				}
			}
		}
	}
	if nested != 1 {
		t.Errorf("the nested range yielded %d times, want once", nested)
	}
	if diff := cmp.Diff(wantAll(f, func(sessions.Stage) bool { return true }, sessions.StageQuery{}), byStage(got)); diff != "" {
		t.Errorf("sessions by stage (-want +got):\n%s", diff)
	}
}

// A cancelled context yields one error, whether it ends the search for
// stages or the listing of their sessions.
func TestFanoutCancelled(t *testing.T) {
	f := newAccountFake()
	bigAccount(f, 3, 10, 4)
	for _, q := range []sessions.AccountQuery{{Regions: testRegions}, {StageARNs: []string{f.stages["eu-west-1"][0].ARN}}} {
		fo, err := sessions.AccountSessions(f.clients(), q)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var errs []error
		for _, err := range fo.All(ctx) {
			errs = append(errs, err)
		}
		if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
			t.Errorf("%+v: a cancelled range yielded %v, want one context.Canceled", q, errs)
		}
		if fo.Cursor() == "" {
			t.Error("the cursor of a cancelled listing is empty")
		}
	}
}

// A source that ErrTokenLoop stops counts as finished: its error comes
// once, ranging again does not repeat it, and the cursor ends.
func TestFanoutTokenLoopEndsASource(t *testing.T) {
	f := newAccountFake()
	var arns []string
	for i := range 3 {
		arns = append(arns, f.addStage("us-west-2", fmt.Sprint("L", i), 9, false, nil).ARN)
	}
	f.faults = []sessionstest.Fault{sessionstest.RepeatToken(2).For(arns[1])}
	fo, err := sessions.AccountSessions(f.clients(), sessions.AccountQuery{StageARNs: arns}, sessions.PageSize(3))
	if err != nil {
		t.Fatal(err)
	}
	var loops, items int
	for range 2 {
		for _, err := range fo.All(context.Background()) {
			switch {
			case errors.Is(err, sessions.ErrTokenLoop):
				loops++
			case err != nil:
				t.Fatal(err)
			default:
				items++
			}
		}
	}
	if loops != 1 || items != 9+6+9 || fo.Cursor() != "" {
		t.Errorf("%d loop errors, %d items, cursor %q; want 1, 24 and \"\"", loops, items, fo.Cursor())
	}
}

// A panic in a source that waits for its turn under Ordered reaches the
// ranging goroutine, and no goroutine is left behind (goleak in TestMain).
func TestFanoutOrderedPanic(t *testing.T) {
	f := newAccountFake()
	var arns []string
	for i := range 4 {
		arns = append(arns, f.addStage("us-west-2", fmt.Sprint("P", i), 5, false, nil).ARN)
	}
	q := sessions.AccountQuery{StageARNs: arns, Sessions: sessions.StageQuery{Where: func(s sessions.StageSession) bool {
		if s.StageARN == arns[2] {
			panic("boom in " + s.StageARN)
		}
		return true
	}}}
	fo, err := sessions.AccountSessions(f.clients(), q, sessions.Ordered(), sessions.PageSize(2))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), arns[2]) {
			t.Errorf("recovered %v, want the Where's panic", r)
		}
	}()
	for _, err := range fo.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Error("no panic")
}

func TestFanoutNilContext(t *testing.T) {
	f := newAccountFake()
	bigAccount(f, 2, 3, 1)
	fo, err := sessions.AccountSessions(f.clients(), sessions.AccountQuery{Regions: testRegions[:1], StageARNs: []string{f.stages["eu-west-1"][0].ARN}})
	if err != nil {
		t.Fatal(err)
	}
	var errs []error
	var ctx context.Context // nil
	for _, err := range fo.All(ctx) {
		errs = append(errs, err)
	}
	var ie *sessions.InputError
	if len(errs) != 1 || !errors.As(errs[0], &ie) {
		t.Errorf("a range over a nil context yielded %v, want one *InputError", errs)
	}
}

// stageBuild returns the build function of a NewFanout over the stages of t.
func stageBuild(tr sessions.StageTransport) func(string, ...sessions.Option) (*sessions.Paginator[sessions.StageSession], error) {
	return func(arn string, opts ...sessions.Option) (*sessions.Paginator[sessions.StageSession], error) {
		return sessions.StageSessions(tr, sessions.StageQuery{StageARN: arn}, opts...)
	}
}

// A fan-out cursor taken at the end of a page whose next token closes a
// token loop counts the looped source as finished and resumes the others,
// however the listing stopped there: break, MaxItems, or Cursor in the
// loop body (issue 15, item 2).
func TestFanoutCursorAtLoopClosingPage(t *testing.T) {
	arns := make([]string, 4)
	for i := range arns {
		arns[i] = fmt.Sprintf("arn:aws:ivs:us-west-2:111122223333:stage/Loop%07d", i)
	}
	for _, how := range []string{"break", "MaxItems", "Cursor in the body"} {
		t.Run(how, func(t *testing.T) {
			svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{}}
			for _, arn := range arns {
				svc.Stages[arn] = stageData(arn, 14)
			}
			// The fault counts the stage's calls: a fresh service for each case.
			svc.Faults = []sessionstest.Fault{sessionstest.TokenCycle(2, 1).For(arns[0])}
			opts := []sessions.Option{sessions.PageSize(3), sessions.Ordered()}
			if how == "MaxItems" {
				opts = append(opts, sessions.MaxItems(9))
			}
			f := mustFanout(t, arns, stageBuild(svc), opts...)
			var got []sessions.StageSession
			var tok string
			for s, err := range f.All(context.Background()) {
				if errors.Is(err, sessions.ErrTokenLoop) {
					continue // the looped source says so once, and ends
				}
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, s)
				if len(got) == 9 {
					tok = f.Cursor()
					if how == "break" {
						break
					}
				}
				if how == "Cursor in the body" && len(got) == 10 {
					break
				}
			}
			if how != "Cursor in the body" {
				tok = f.Cursor()
			}
			got = got[:9]
			r, err := sessions.NewFanout(arns, stageBuild(svc), sessions.PageSize(3), sessions.Ordered(), sessions.StartingToken(tok))
			if err != nil {
				t.Fatalf("resuming from the cursor taken after the 9th session: %v", err)
			}
			rest, err := sessions.Collect(r.All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			want := slices.Clone(svc.Stages[arns[0]][:9])
			for _, arn := range arns[1:] {
				want = append(want, svc.Stages[arn]...)
			}
			if diff := cmp.Diff(ids(want), ids(append(got, rest...))); diff != "" {
				t.Errorf("sessions before and after the resume (-want +got):\n%s", diff)
			}
			if c := r.Cursor(); c != "" {
				t.Errorf("Cursor() after the resumed listing = %q, want \"\"", c)
			}
		})
	}
}

// In a fan-out, OnPage runs one call at a time, whatever the concurrency,
// and each PageInfo names the parent of its page (issue 15, item 5).
func TestFanoutOnPageOneAtATime(t *testing.T) {
	f := newAccountFake()
	bigAccount(f, 12, 9, 3)
	var inHook, most atomic.Int32
	pages := map[string][]int{} // page numbers by parent; the hook needs no lock
	hook := func(pi sessions.PageInfo) {
		n := inHook.Add(1)
		defer inHook.Add(-1)
		if n > most.Load() {
			most.Store(n)
		}
		time.Sleep(time.Millisecond) // widen the window for an overlapping call
		pages[pi.Parent] = append(pages[pi.Parent], pi.Number)
	}
	fo, err := sessions.AccountSessions(f.clients(), sessions.AccountQuery{Regions: testRegions}, sessions.PageSize(2), sessions.OnPage(hook))
	if err != nil {
		t.Fatal(err)
	}
	got, err := sessions.Collect(fo.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if m := most.Load(); m != 1 {
		t.Errorf("OnPage ran %d times at once, want 1", m)
	}
	for arn, ss := range byStage(got) {
		want := make([]int, max(1, (len(ss)+1)/2))
		for i := range want {
			want[i] = i + 1
		}
		if diff := cmp.Diff(want, pages[arn]); diff != "" {
			t.Errorf("OnPage page numbers for %s (-want +got):\n%s", arn, diff)
		}
	}
}

// A fan-out cursor is bound to its sources' service-side filters wherever
// the sources stand: finished, listing, or not started. Resuming with a
// build that uses other filters is an *InputError, as for a paginator's
// cursor.
func TestFanoutCursorBoundToFilters(t *testing.T) {
	svc := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{
		"studio-a": studioData("studio-a", 9), "studio-b": studioData("studio-b", 9), "studio-c": studioData("studio-c", 9),
	}}
	build := func(by string) func(string, ...sessions.Option) (*sessions.Paginator[sessions.StreamingSession], error) {
		return func(id string, o ...sessions.Option) (*sessions.Paginator[sessions.StreamingSession], error) {
			return sessions.StreamingSessions(svc, sessions.StudioQuery{StudioID: id, CreatedBy: by}, o...)
		}
	}
	parents := []string{"studio-a", "studio-b", "studio-c"}
	// alice made 3 sessions in each studio; stop after 0..8 of them, in
	// order: every mix of finished, listing and not started sources.
	for stop := range 9 {
		f, err := sessions.NewFanout(parents, build("alice"), sessions.Ordered(), sessions.Concurrency(1))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, err := range f.All(context.Background()) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == stop {
				break
			}
		}
		if stop == 0 { // the cursor before any range
			n, f = 0, mustFanout(t, parents, build("alice"))
		}
		c := f.Cursor()
		_, err = sessions.NewFanout(parents, build("bob"), sessions.StartingToken(c))
		if err == nil {
			t.Fatalf("stop %d: a cursor made with CreatedBy alice resumes with CreatedBy bob", stop)
		}
		checkInputError(t, err, "StartingToken")
		// The same filters resume.
		g, err := sessions.NewFanout(parents, build("alice"), sessions.StartingToken(c))
		if err != nil {
			t.Fatalf("stop %d: resume with the same filters: %v", stop, err)
		}
		rest, err := sessions.Collect(g.All(context.Background()))
		if err != nil || n+len(rest) != 9 {
			t.Errorf("stop %d: %d + %d items (%v), want 9", stop, n, len(rest), err)
		}
	}
}

// NewFanout detects a build func that ignores the options it is given: a
// source that does not start at the cursor it was given would be listed
// again from its start, duplicating items.
func TestFanoutBuildIgnoringOptions(t *testing.T) {
	b := "arn:aws:ivs:us-west-2:111122223333:stage/Other1"
	svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{testARN: stageData(testARN, 4), b: stageData(b, 4)}}
	build := func(arn string, _ ...sessions.Option) (*sessions.Paginator[sessions.StageSession], error) {
		return sessions.StageSessions(svc, sessions.StageQuery{StageARN: arn}, sessions.PageSize(2))
	}
	f, err := sessions.NewFanout([]string{testARN, b}, build, sessions.Ordered())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range f.All(context.Background()) {
		if n++; n == 5 {
			break
		}
	}
	_, err = sessions.NewFanout([]string{testARN, b}, build, sessions.StartingToken(f.Cursor()))
	checkInputError(t, err, "build")
}

func mustFanout[T any](t *testing.T, parents []string, build func(string, ...sessions.Option) (*sessions.Paginator[T], error), opts ...sessions.Option) *sessions.Fanout[T] {
	t.Helper()
	f, err := sessions.NewFanout(parents, build, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// FuzzFanoutCursor gives arbitrary starting tokens to both fan-out
// constructors: each returns a Fanout or an *InputError naming
// StartingToken, never panics, and a Fanout it returns gives a cursor that
// it accepts again.
func FuzzFanoutCursor(f *testing.F) {
	acct := newAccountFake()
	bigAccount(acct, 2, 4, 1)
	q := sessions.AccountQuery{Regions: testRegions[:2], StageARNs: []string{acct.stages["ap-south-1"][0].ARN}}
	svc := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{"a": fanStudio("a", 3), "b": fanStudio("b", 3)}}
	studios := studioBuild(svc, sessions.StudioQuery{})
	seed := func(fo interface{ Cursor() string }) {
		f.Add(fo.Cursor())
	}
	if fo, err := sessions.AccountSessions(acct.clients(), q); err == nil {
		seed(fo)
		for range fo.All(context.Background()) {
			break
		}
		seed(fo)
	}
	if fo, err := sessions.NewFanout([]string{"a", "b"}, studios, sessions.MaxItems(2)); err == nil {
		for range fo.All(context.Background()) {
		}
		seed(fo)
	}
	f.Add("sessions.fanout.v1.")
	f.Add("sessions.fanout.v1.AAAA")
	f.Fuzz(func(t *testing.T, tok string) {
		check := func(name string, cursor func() string, err error) {
			var ie *sessions.InputError
			switch {
			case err == nil:
				if c := cursor(); c != "" && !strings.HasPrefix(c, "sessions.fanout.v1.") {
					t.Fatalf("%s: Cursor() = %q", name, c)
				}
			case !errors.As(err, &ie) || ie.Field != "StartingToken":
				t.Fatalf("%s(StartingToken(%q)) error = %v, want an *InputError for StartingToken", name, tok, err)
			}
		}
		fo, err := sessions.AccountSessions(acct.clients(), q, sessions.StartingToken(tok))
		check("AccountSessions", func() string { return fo.Cursor() }, err)
		fs, err := sessions.NewFanout([]string{"a", "b"}, studios, sessions.StartingToken(tok))
		check("NewFanout", func() string { return fs.Cursor() }, err)
	})
}

// forgeFanout returns a fan-out cursor whose body is raw, deflated and
// checksummed as Fanout.Cursor does, so that only its content is forged.
func forgeFanout(t *testing.T, raw []byte) string {
	t.Helper()
	var z bytes.Buffer
	w, err := flate.NewWriter(&z, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw)
	w.Close()
	z.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(raw)))
	return "sessions.fanout.v1." + base64.RawURLEncoding.EncodeToString(z.Bytes())
}

// A forged fan-out cursor that inflates far beyond what a real cursor of its
// size holds is refused without inflating it all: the memory allocated is
// bounded by the cursor's length (issue 15, item 8).
func TestForgedFanoutCursorInflation(t *testing.T) {
	svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{testARN: stageData(testARN, 1)}}
	for _, tc := range []struct {
		name string
		raw  []byte
	}{
		// 64 MiB of zeros: a cursor of no sources, then garbage.
		{"zeros", make([]byte, 64<<20)},
		// 20 million sources "a" marked done, each 3 bytes.
		{"tiny sources", append(binary.AppendUvarint([]byte{2, 7, 'f', 'a', 'n', '-', 'o', 'u', 't', 9, 'N', 'e', 'w', 'F', 'a', 'n', 'o', 'u', 't', 0}, 20_000_000), bytes.Repeat([]byte{1, 'a', 1}, 20_000_000)...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok := forgeFanout(t, tc.raw)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := sessions.NewFanout([]string{testARN}, stageBuild(svc), sessions.StartingToken(tok))
			runtime.ReadMemStats(&after)
			checkInputError(t, err, "StartingToken")
			if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(256*len(tok)); got > limit {
				t.Errorf("refusing a %d-byte forged cursor allocated %d bytes, want at most %d", len(tok), got, limit)
			}
		})
	}
}

// The bounds on a fan-out cursor's inflation leave real cursors alone, the
// most compressible included: thousands of sequential stage ARNs, at their
// start or finished.
func TestLargeRealFanoutCursorResumes(t *testing.T) {
	svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{}}
	arns := make([]string, 3000)
	for i := range arns {
		arns[i] = fmt.Sprintf("arn:aws:ivs:us-west-2:111122223333:stage/S%011d", i)
		svc.Stages[arns[i]] = nil
	}
	f := mustFanout(t, arns, stageBuild(svc))
	tok := f.Cursor()
	if _, err := sessions.NewFanout(arns, stageBuild(svc), sessions.StartingToken(tok)); err != nil {
		t.Fatalf("a cursor of %d sources at their start: %v", len(arns), err)
	}
	for s, err := range f.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		t.Fatalf("an empty stage yielded %v", s)
	}
	arns = append(arns, testARN)
	svc.Stages[testARN] = stageData(testARN, 2)
	f = mustFanout(t, arns, stageBuild(svc), sessions.Ordered(), sessions.MaxItems(1), sessions.PageSize(1))
	if _, err := sessions.Collect(f.All(context.Background())); err != nil {
		t.Fatal(err)
	}
	if tok = f.Cursor(); tok == "" {
		t.Fatal("Cursor() = \"\" with a session left")
	}
	if _, err := sessions.NewFanout(arns, stageBuild(svc), sessions.PageSize(1), sessions.StartingToken(tok)); err != nil {
		t.Fatalf("a cursor of %d finished sources: %v", len(arns)-1, err)
	}
}
