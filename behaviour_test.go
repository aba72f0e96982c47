//lint:file-ignore SA1019 the typed-nil *nimble.Client case needs the deprecated Nimble SDK.

package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
)

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

// A body that stops Merge, however it stops, ends the loop quietly: Go
// panics if an iterator calls yield after it returned false.
func TestMergeStopsWhenTheBodySaysSo(t *testing.T) {
	for _, tc := range []struct {
		name string
		body func(cancel context.CancelFunc, ctx context.Context) bool // false: break
	}{
		{"cancel then break", func(cancel context.CancelFunc, _ context.Context) bool { cancel(); return false }},
		{"break after the deadline", func(_ context.CancelFunc, ctx context.Context) bool { <-ctx.Done(); return false }},
		{"break on work failed by cancel", func(cancel context.CancelFunc, ctx context.Context) bool {
			cancel()
			return ctx.Err() == nil
		}},
	} {
		for _, prefetch := range []int{0, 2} {
			t.Run(fmt.Sprintf("%s/prefetch%d", tc.name, prefetch), func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
				defer cancel()
				var ps []*sessions.Paginator[sessions.StageSession]
				for i := range 4 {
					ps = append(ps, mustStage(t, &stageFake{data: stageData(stageARN(i), 30)}, sessions.StageQuery{StageARN: stageARN(i)}, sessions.PageSize(5), sessions.Prefetch(prefetch)))
				}
				n := 0
				for _, err := range sessions.Merge(ctx, 2, ps...) {
					if err != nil {
						t.Fatalf("error before the body stopped: %v", err)
					}
					n++
					if n == 3 && !tc.body(cancel, ctx) {
						break
					}
				}
				if n != 3 {
					t.Errorf("the body ran %d times, want 3", n)
				}
			})
		}
	}
}

type panicTransport struct{ at int }

func (p *panicTransport) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, o ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	if aws.ToString(in.NextToken) == fmt.Sprintf("t%d", p.at) {
		panic("transport exploded")
	}
	return (&stageFake{data: stageData(testARN, 30)}).ListStageSessions(ctx, in, o...)
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
			return mustStage(t, &panicTransport{at: 10}, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(5), sessions.Prefetch(n))
		}, "transport exploded"},
		{"where", func(n int) *sessions.Paginator[sessions.StageSession] {
			return mustStage(t, &stageFake{data: stageData(testARN, 30)}, where, sessions.PageSize(5), sessions.Prefetch(n))
		}, "where exploded"},
		{"onpage", func(n int) *sessions.Paginator[sessions.StageSession] {
			return mustStage(t, &stageFake{data: stageData(testARN, 30)}, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(5), sessions.Prefetch(n), onPage)
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
			f := &stageFake{data: stageData(testARN, 40)}
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
			if diff := cmp.Diff(f.data, append(got, rest...)); diff != "" {
				t.Errorf("prefetch %d where %v: (-want +got):\n%s", prefetch, where, diff)
			}
			r := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(5), sessions.StartingToken(c))
			rest2, err := sessions.Collect(r.All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(f.data, append(got, rest2...)); diff != "" {
				t.Errorf("prefetch %d where %v: cursor (-want +got):\n%s", prefetch, where, diff)
			}
		}
	}
}

// Constructors return a paginator or an *InputError, never panic.
func TestConstructorsNeverPanic(t *testing.T) {
	var zero sessions.Option
	stage := &stageFake{data: stageData(testARN, 3)}
	if _, err := sessions.StageSessions(stage, sessions.StageQuery{StageARN: testARN}, zero, sessions.PageSize(2), zero); err != nil {
		t.Errorf("a zero Option: %v, want it to change nothing", err)
	}
	_, err := sessions.StreamingSessions(&studioFake{}, sessions.StudioQuery{StudioID: "s", States: []sessions.State{"ready"}})
	checkInputError(t, err, "StudioQuery.States[0]")
	_, err = sessions.StageSessions((*ivsrealtime.Client)(nil), sessions.StageQuery{StageARN: testARN})
	checkInputError(t, err, "transport")
	_, err = sessions.StreamingSessions((*nimble.Client)(nil), sessions.StudioQuery{StudioID: "s"})
	checkInputError(t, err, "transport")
}

// shiftingStage pages data by offset; shift puts a new session in front,
// as a service does when a session starts between two listings.
type shiftingStage struct {
	mu   sync.Mutex
	data []string
}

func (s *shiftingStage) shift() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data = append([]string{fmt.Sprintf("new-%d", len(s.data))}, s.data...)
}

func (s *shiftingStage) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, _ ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := 0
	if in.NextToken != nil {
		fmt.Sscanf(*in.NextToken, "t%d", &start)
	}
	size := int(aws.ToInt32(in.MaxResults))
	end := min(start+size, len(s.data))
	out := &ivsrealtime.ListStageSessionsOutput{StageSessions: []ivstypes.StageSessionSummary{}}
	for _, id := range s.data[start:end] {
		out.StageSessions = append(out.StageSessions, ivstypes.StageSessionSummary{SessionId: aws.String(id), StartTime: aws.Time(time.Unix(0, 0))})
	}
	if end < len(s.data) {
		out.NextToken = aws.String(fmt.Sprintf("t%d", end))
	}
	return out, nil
}

// A cursor read inside the loop body resumes as exactly as one read after
// break at the same item, also when the service shifts its items.
func TestCursorInsideTheBodyResumesExactly(t *testing.T) {
	const n, size = 12, 4
	var orig []string
	for i := range n {
		orig = append(orig, fmt.Sprintf("s%02d", i))
	}
	for stop := range n - 1 {
		for _, after := range []bool{false, true} {
			svc := &shiftingStage{data: slices.Clone(orig)}
			p := mustStage(t, svc, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(size))
			var cursor string
			i := 0
			for _, err := range p.All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
				cursor = p.Cursor()
				if i == stop {
					break
				}
				i++
			}
			if after {
				cursor = p.Cursor()
			}
			svc.shift()
			r := mustStage(t, svc, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(size), sessions.StartingToken(cursor))
			got, err := sessions.Collect(r.All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(orig[stop+1:], ids(got)); diff != "" {
				t.Errorf("stop after %d, cursor read after break=%v: resumed (-want +got):\n%s", stop, after, diff)
			}
		}
	}
}

// A session ID that repeats on a page does not confuse resume.
func TestRepeatedIDOnAPage(t *testing.T) {
	svc := &regressScripted{pages: map[string]regressPage{"": {ids: []string{"a", "b", "a", "c"}}}}
	p := mustStage(t, svc, sessions.StageQuery{StageARN: testARN})
	n := 0
	for _, err := range p.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	c := p.Cursor()
	r := mustStage(t, svc, sessions.StageQuery{StageARN: testARN}, sessions.StartingToken(c))
	got, err := sessions.Collect(r.All(context.Background()))
	if err != nil || !slices.Equal(ids(got), []string{"c"}) {
		t.Errorf("resumed after the second a: %v, %v; want [c]", ids(got), err)
	}
	got, err = sessions.Collect(p.All(context.Background()))
	if err != nil || !slices.Equal(ids(got), []string{"c"}) {
		t.Errorf("ranged again after the second a: %v, %v; want [c]", ids(got), err)
	}
}

// blockingStage blocks every request until release is closed.
type blockingStage struct {
	stageFake
	entered chan struct{}
	release chan struct{}
}

func (b *blockingStage) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, o ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	select {
	case b.entered <- struct{}{}:
	default:
	}
	<-b.release
	return b.stageFake.ListStageSessions(ctx, in, o...)
}

// Ranging over a paginator while another range over it is in progress
// yields ErrConcurrentRange and leaves the paginator intact.
func TestNestedAndConcurrentRange(t *testing.T) {
	for _, prefetch := range []int{0, 2} {
		t.Run(fmt.Sprintf("nested/prefetch%d", prefetch), func(t *testing.T) {
			f := &stageFake{data: stageData(testARN, 20)}
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
			if diff := cmp.Diff(f.data, got); diff != "" {
				t.Errorf("outer range (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("two goroutines", func(t *testing.T) {
		b := &blockingStage{stageFake: stageFake{data: stageData(testARN, 10)}, entered: make(chan struct{}, 1), release: make(chan struct{})}
		p := mustStage(t, b, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(5))
		done := make(chan []sessions.StageSession)
		go func() {
			got, _ := sessions.Collect(p.All(context.Background()))
			done <- got
		}()
		<-b.entered
		_, err := sessions.Collect(p.All(context.Background()))
		if !errors.Is(err, sessions.ErrConcurrentRange) {
			t.Errorf("second range: err = %v, want ErrConcurrentRange", err)
		}
		close(b.release)
		if got := <-done; len(got) != 10 {
			t.Errorf("first range got %d items, want 10", len(got))
		}
	})
}

func TestMergeSamePaginatorTwice(t *testing.T) {
	p := mustStage(t, &stageFake{data: stageData(testARN, 3)}, sessions.StageQuery{StageARN: testARN})
	_, err := sessions.Collect(sessions.Merge(context.Background(), 2, p, p))
	checkInputError(t, err, "ps[1]")
}

// The cursor of a source read inside Merge's loop body points just after
// the last item the body received from it.
func TestMergeCursorInsideTheBody(t *testing.T) {
	for _, prefetch := range []int{0, 2} {
		for stop := 1; stop < 40; stop += 3 {
			var ps []*sessions.Paginator[sessions.StageSession]
			var fakes []*stageFake
			for i := range 3 {
				fakes = append(fakes, &stageFake{data: stageData(stageARN(i), 13)})
				ps = append(ps, mustStage(t, fakes[i], sessions.StageQuery{StageARN: stageARN(i)}, sessions.PageSize(4), sessions.Prefetch(prefetch)))
			}
			got := map[string][]string{}
			cursors := map[string]string{}
			n := 0
			var err error
			for s, err := range sessions.Merge(context.Background(), 2, ps...) {
				if err != nil {
					t.Fatal(err)
				}
				got[s.StageARN] = append(got[s.StageARN], s.ID)
				for i := range ps {
					if stageARN(i) == s.StageARN {
						cursors[s.StageARN] = ps[i].Cursor()
					}
				}
				if n++; n == stop {
					break
				}
			}
			for i, f := range fakes {
				arn := stageARN(i)
				c, ok := cursors[arn]
				if !ok {
					continue
				}
				var rest []sessions.StageSession
				if c != "" { // "": the source had finished
					r := mustStage(t, f, sessions.StageQuery{StageARN: arn}, sessions.PageSize(4), sessions.StartingToken(c))
					if rest, err = sessions.Collect(r.All(context.Background())); err != nil {
						t.Fatal(err)
					}
				}
				if diff := cmp.Diff(ids(f.data), append(got[arn], ids(rest)...)); diff != "" {
					t.Errorf("prefetch %d, stop %d, %s: delivered + resumed (-want +got):\n%s", prefetch, stop, arn, diff)
				}
			}
		}
	}
}

// A cancelled context under Merge is a *ListError, as with one paginator.
func TestMergeCancelIsAListError(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := mustStage(t, &stageFake{data: stageData(testARN, 3)}, sessions.StageQuery{StageARN: testARN})
	_, err := sessions.Collect(sessions.Merge(ctx, 1, p))
	var le *sessions.ListError
	if !errors.As(err, &le) || !errors.Is(err, context.Canceled) || le.Parent != testARN {
		t.Errorf("err = %v, want a *ListError for %s wrapping context.Canceled", err, testARN)
	}
}

// Wrapped sentinels do not repeat the package prefix.
func TestErrorTextsHaveOnePrefix(t *testing.T) {
	svc := &regressScripted{pages: map[string]regressPage{"": {ids: []string{"a"}, next: "A"}, "A": {ids: []string{"b"}, next: "A"}}}
	_, err := sessions.Collect(mustStage(t, svc, sessions.StageQuery{StageARN: testARN}).All(context.Background()))
	if !errors.Is(err, sessions.ErrTokenLoop) {
		t.Fatalf("err = %v, want ErrTokenLoop", err)
	}
	want := "sessions: ListStageSessions " + testARN + " page 2: the service repeated a page token"
	if err.Error() != want {
		t.Errorf("err.Error() = %q, want %q", err, want)
	}
}

func TestStageStatusRoundTrips(t *testing.T) {
	for _, s := range append(sessions.StageStatuses(), sessions.AnyStatus) {
		if got, err := sessions.ParseStageStatus(s.String()); err != nil || got != s {
			t.Errorf("ParseStageStatus(%q) = %q, %v; want %q", s.String(), got, err, s)
		}
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var got sessions.StageStatus
		if err := got.UnmarshalText(b); err != nil || got != s {
			t.Errorf("UnmarshalText(%q) = %q, %v; want %q", b, got, err, s)
		}
		if err := got.UnmarshalText([]byte(s.String())); err != nil || got != s {
			t.Errorf("UnmarshalText(%q) = %q, %v; want %q", s.String(), got, err, s)
		}
	}
}
