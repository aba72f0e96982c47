package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

func TestWireTokenLoops(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault fakeaws.Fault // Op and Parent are set for the side under test
		// pages is the number of pages delivered, and of requests sent,
		// before ErrTokenLoop: the loop page is the last one.
		pages int
	}{
		{"adjacent repeat", fakeaws.Fault{Kind: fakeaws.FaultRepeatToken, Request: 3}, 3},
		{"cycle of one", fakeaws.Fault{Kind: fakeaws.FaultTokenCycle, Request: 2, K: 1}, 3},
		{"cycle of three", fakeaws.Fault{Kind: fakeaws.FaultTokenCycle, Request: 2, K: 3}, 5},
		{"cycle through the last page", fakeaws.Fault{Kind: fakeaws.FaultTokenCycle, Request: 1, K: wireFaultPages - 1}, wireFaultPages},
	} {
		for _, side := range wireSides() {
			for _, prefetch := range []int{0, 2} {
				t.Run(fmt.Sprintf("%s/%s/prefetch%d", tc.name, side.name, prefetch), func(t *testing.T) {
					srv := side.server(t)
					f := tc.fault
					f.Op, f.Parent = side.op, side.parent
					srv.Inject(f)
					ctx := context.Background()
					p := wireMustList(t, side, srv, "", sessions.Prefetch(prefetch))
					got, err := p.take(ctx, -1)
					if !errors.Is(err, sessions.ErrTokenLoop) {
						t.Fatalf("err = %v, want ErrTokenLoop", err)
					}
					wireCheckListError(t, err, side, tc.pages)
					if diff := cmp.Diff(side.want[:tc.pages*wireFaultPageSize], got); diff != "" {
						t.Errorf("items delivered (-want +got):\n%s", diff)
					}
					if r := srv.Requests(side.op); r != int64(tc.pages) {
						t.Errorf("requests = %d, want %d", r, tc.pages)
					}

					// The loop is final: ranging again reports it again
					// without a request, and its cursor is refused.
					more, err := p.take(ctx, -1)
					if len(more) != 0 || !errors.Is(err, sessions.ErrTokenLoop) {
						t.Errorf("ranging again: %d items, err %v; want none and ErrTokenLoop", len(more), err)
					}
					if r := srv.Requests(side.op); r != int64(tc.pages) {
						t.Errorf("requests after ranging again = %d, want %d", r, tc.pages)
					}
					c := p.cursor()
					if c == "" {
						t.Fatal(`Cursor() = "" after ErrTokenLoop, want the point where the listing broke`)
					}
					_, err = side.list(srv, c)
					checkInputError(t, err, "StartingToken")
					if !errors.Is(err, sessions.ErrTokenLoop) {
						t.Errorf("StartingToken(cursor after the loop): err = %v, want an InputError wrapping ErrTokenLoop", err)
					}
				})
			}
		}
	}
}

func TestWireCancelDuringSlowPage(t *testing.T) {
	const latency = 10 * time.Second
	for _, tc := range []struct {
		name string
		// start returns the listing's context, and arm is called once the
		// first page's last item has arrived.
		start func() (ctx context.Context, arm func(), stop context.CancelFunc)
		want  error
	}{
		{
			name: "cancelled",
			start: func() (context.Context, func(), context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				return ctx, func() { time.AfterFunc(100*time.Millisecond, cancel) }, cancel
			},
			want: context.Canceled,
		},
		{
			name: "deadline",
			start: func() (context.Context, func(), context.CancelFunc) {
				ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
				return ctx, func() {}, cancel
			},
			want: context.DeadlineExceeded,
		},
	} {
		for _, side := range wireSides() {
			for _, prefetch := range []int{0, 2} {
				t.Run(fmt.Sprintf("%s/%s/prefetch%d", tc.name, side.name, prefetch), func(t *testing.T) {
					srv := side.server(t, fakeaws.WithFaults(fakeaws.Fault{Op: side.op, Parent: side.parent, Request: 2, Latency: latency}))
					ctx, arm, stop := tc.start()
					defer stop()
					p := wireMustList(t, side, srv, "", sessions.Prefetch(prefetch))
					begin := time.Now()
					got, err := p.walk(ctx, func(n int) {
						if n == wireFaultPageSize {
							arm()
						}
					})
					if elapsed := time.Since(begin); elapsed > 2*time.Second {
						t.Errorf("the listing returned after %v against a %v latency, want it to stop promptly", elapsed, latency)
					}
					if !errors.Is(err, tc.want) {
						t.Fatalf("err = %v, want errors.Is(err, %v)", err, tc.want)
					}
					wireCheckListError(t, err, side, 2)
					if diff := cmp.Diff(side.want[:wireFaultPageSize], got); diff != "" {
						t.Errorf("items delivered (-want +got):\n%s", diff)
					}
					rest, err := wireMustList(t, side, srv, p.cursor(), sessions.Prefetch(prefetch)).take(context.Background(), -1)
					if err != nil {
						t.Fatalf("resume from Cursor: %v", err)
					}
					if diff := cmp.Diff(side.want[wireFaultPageSize:], rest); diff != "" {
						t.Errorf("resumed from Cursor (-want +got):\n%s", diff)
					}
				})
			}
		}
	}
	// Every server is closed by now: nothing may still wait on the latency.
	goleak.VerifyNone(t)
}

// TestWireResumeOverEmptyPage: a listing broken off inside a page resumes
// by fetching that page's token again and skipping what it delivered. If the
// service answers that fetch with an empty page and a fresh token for the
// same position (fakeaws's FaultEmptyPage, and what the design allows:
// "an empty page that carries a token is not the end"), the skip must carry
// over to the page that follows, or the items already delivered come again.
func TestWireResumeOverEmptyPage(t *testing.T) {
	const broken = 5 // items received before breaking out of page 1
	for _, side := range wireSides() {
		for _, how := range []string{"same paginator", "new paginator from Cursor"} {
			for _, prefetch := range []int{0, 2} {
				t.Run(fmt.Sprintf("%s/%s/prefetch%d", side.name, how, prefetch), func(t *testing.T) {
					srv := side.server(t)
					ctx := context.Background()
					p := wireMustList(t, side, srv, "", sessions.Prefetch(prefetch))
					got, err := p.take(ctx, broken)
					if err != nil {
						t.Fatal(err)
					}
					// The next request is the refetch of page 1.
					srv.Inject(fakeaws.Fault{Kind: fakeaws.FaultEmptyPage, Op: side.op, Parent: side.parent, Request: 1, Times: 2})
					if how != "same paginator" {
						p = wireMustList(t, side, srv, p.cursor(), sessions.Prefetch(prefetch))
					}
					rest, err := p.take(ctx, -1)
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(side.want, append(got, rest...)); diff != "" {
						t.Errorf("received, then resumed over empty pages (-want +got):\n%s", diff)
					}
				})
			}
		}
	}
}
