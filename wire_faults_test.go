package sessions_test

//lint:file-ignore SA1019 the Nimble SDK marks every API deprecated; these tests run its real client against a local endpoint.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// The fault matrix runs every scripted fault of fakeaws through the real SDK
// clients (and their retryer, without its waits) and the library, for both
// operations, with and without Prefetch, and checks the exact items
// delivered (as "parent/ID" keys, in order), the error, the number of
// requests, and that the cursor taken afterwards resumes exactly.

const (
	wireFaultItems    = 140 // 7 pages of 20
	wireFaultPageSize = 20
	wireFaultPages    = wireFaultItems / wireFaultPageSize
)

// A wireLister is a paginator of either kind seen through item keys.
type wireLister interface {
	// take ranges over All and breaks after n items (n < 0: never).
	take(ctx context.Context, n int) ([]string, error)
	// pages ranges over Pages and breaks after k pages.
	pages(ctx context.Context, k int) ([]string, error)
	// walk ranges over All to the end, calling seen with the number of
	// items received so far after each one.
	walk(ctx context.Context, seen func(n int)) ([]string, error)
	cursor() string
}

type wirePaginator[T any] struct {
	p   *sessions.Paginator[T]
	key func(T) string
}

func (w wirePaginator[T]) take(ctx context.Context, n int) ([]string, error) {
	items, err := wireTake(ctx, w.p, n)
	keys := make([]string, len(items))
	for i, v := range items {
		keys[i] = w.key(v)
	}
	return keys, err
}

func (w wirePaginator[T]) walk(ctx context.Context, seen func(n int)) ([]string, error) {
	var keys []string
	for v, err := range w.p.All(ctx) {
		if err != nil {
			return keys, err
		}
		keys = append(keys, w.key(v))
		seen(len(keys))
	}
	return keys, nil
}

func (w wirePaginator[T]) pages(ctx context.Context, k int) ([]string, error) {
	var keys []string
	n := 0
	for pg, err := range w.p.Pages(ctx) {
		if err != nil {
			return keys, err
		}
		for _, v := range pg.Items {
			keys = append(keys, w.key(v))
		}
		if n++; n == k {
			break
		}
	}
	return keys, nil
}

func (w wirePaginator[T]) cursor() string { return w.p.Cursor() }

func wireStageKey(s sessions.StageSession) string      { return s.StageARN + "/" + s.ID }
func wireStudioKey(s sessions.StreamingSession) string { return s.StudioID + "/" + s.ID }

// A wireSide is one of the two operations, set up for the fault tests.
type wireSide struct {
	name   string
	op     fakeaws.Op
	parent string
	// server starts a server holding wireFaultItems sessions of the parent.
	server func(t *testing.T, opts ...fakeaws.Option) *fakeaws.Server
	// want is the full listing as keys.
	want []string
	// list makes a paginator from srv's client, starting at cursor.
	list func(srv *fakeaws.Server, cursor string, opts ...sessions.Option) (wireLister, error)
}

func wireSides() []wireSide {
	stageData := fakeaws.GenStageSessions(wireFaultItems, 21)
	studioData := fakeaws.GenStreamingSessions(wireFaultItems, 22)
	stage := wireSide{
		name: "stage", op: fakeaws.OpListStageSessions, parent: wireARN,
		server: func(t *testing.T, opts ...fakeaws.Option) *fakeaws.Server {
			return wireServer(t, append(opts, fakeaws.WithStage(wireARN, stageData))...)
		},
		list: func(srv *fakeaws.Server, cursor string, opts ...sessions.Option) (wireLister, error) {
			p, err := sessions.StageSessions(srv.StageClient(), sessions.StageQuery{StageARN: wireARN},
				append(opts, sessions.PageSize(wireFaultPageSize), sessions.StartingToken(cursor))...)
			return wirePaginator[sessions.StageSession]{p, wireStageKey}, err
		},
	}
	for _, s := range stageData.All() {
		stage.want = append(stage.want, wireARN+"/"+s.SessionID)
	}
	studio := wireSide{
		name: "studio", op: fakeaws.OpListStreamingSessions, parent: wireStudio,
		server: func(t *testing.T, opts ...fakeaws.Option) *fakeaws.Server {
			return wireServer(t, append(opts, fakeaws.WithStudio(wireStudio, studioData), fakeaws.WithStudioPageSize(wireFaultPageSize))...)
		},
		list: func(srv *fakeaws.Server, cursor string, opts ...sessions.Option) (wireLister, error) {
			p, err := sessions.StreamingSessions(srv.StudioClient(), sessions.StudioQuery{StudioID: wireStudio},
				append(opts, sessions.StartingToken(cursor))...)
			return wirePaginator[sessions.StreamingSession]{p, wireStudioKey}, err
		},
	}
	for _, s := range studioData.All() {
		studio.want = append(studio.want, wireStudio+"/"+s.ID)
	}
	return []wireSide{stage, studio}
}

func wireMustList(t *testing.T, side wireSide, srv *fakeaws.Server, cursor string, opts ...sessions.Option) wireLister {
	t.Helper()
	l, err := side.list(srv, cursor, opts...)
	if err != nil {
		t.Fatalf("%s paginator from cursor %q: %v", side.name, cursor, err)
	}
	return l
}

// wireAPIError checks that err reaches a smithy.APIError with code.
func wireAPIError(t *testing.T, err error, code string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != code {
		t.Errorf("err = %v, want a smithy.APIError with code %s", err, code)
	}
}

// wireAs checks that errors.As(err, &target) holds for the type of *E.
func wireAs[E error](t *testing.T, err error) {
	t.Helper()
	var target E
	if !errors.As(err, &target) {
		t.Errorf("err = %v (%T), want errors.As to reach %T", err, errors.Unwrap(err), target)
	}
}

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

// A wireFaultCase is one row of the fault matrix.
type wireFaultCase struct {
	name   string
	faults []fakeaws.Fault // Op and Parent are set for the side under test
	// failAt is the page number whose request fails for good; 0 means
	// the listing completes.
	failAt int
	// requests is the number of requests the first listing sends;
	// studioRequests, if not 0, is that number for studios.
	requests, studioRequests int
	// clear removes the faults before resuming (for endless faults).
	clear bool
	// check checks the error for the side ("stage" or "studio").
	check func(t *testing.T, side string, err error)
}

// requestsFor returns the number of requests the first listing sends for
// the side ("stage" or "studio").
func (tc wireFaultCase) requestsFor(side string) int {
	if side == "studio" && tc.studioRequests != 0 {
		return tc.studioRequests
	}
	return tc.requests
}

// wireFaultCases are the rows of the fault matrix: each scripted fault,
// absorbed by the retryer and past its budget, and the ways a body breaks.
var wireFaultCases = []wireFaultCase{
	{
		name:     "throttling absorbed by the retryer",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultThrottle, Request: 2, Times: 2}},
		requests: wireFaultPages + 2,
	},
	{
		name:     "throttling past the retry budget",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultThrottle, Request: 2, Times: 3}},
		failAt:   2,
		requests: 1 + 3,
		check: func(t *testing.T, side string, err error) {
			wireAPIError(t, err, "ThrottlingException")
			if side == "studio" {
				wireAs[*nimbletypes.ThrottlingException](t, err)
			}
		},
	},
	{
		name:     "500 absorbed",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultInternal, Request: 3}},
		requests: wireFaultPages + 1,
	},
	{
		name:     "500 past the retry budget",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultInternal, Request: 3, Times: 3}},
		failAt:   3,
		requests: 2 + 3,
		check: func(t *testing.T, side string, err error) {
			if side == "studio" {
				wireAs[*nimbletypes.InternalServerErrorException](t, err)
				return
			}
			wireAPIError(t, err, "InternalServerException")
		},
	},
	{
		name:     "503 absorbed",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultUnavailable, Request: 1, Times: 2}},
		requests: wireFaultPages + 2,
	},
	{
		name:     "503 past the retry budget",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultUnavailable, Request: 7, Times: 3}},
		failAt:   7,
		requests: 6 + 3,
		check: func(t *testing.T, _ string, err error) {
			wireAPIError(t, err, "ServiceUnavailableException")
		},
	},
	{
		name:     "validation error is not retried",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultValidation, Request: 4}},
		failAt:   4,
		requests: 4,
		check: func(t *testing.T, side string, err error) {
			if side == "studio" {
				wireAs[*nimbletypes.ValidationException](t, err)
				return
			}
			wireAs[*ivstypes.ValidationException](t, err)
		},
	},
	{
		name:     "access denied",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultError, Request: 2, Status: 403, Code: "AccessDeniedException", Message: "not yours"}},
		failAt:   2,
		requests: 2,
		check: func(t *testing.T, side string, err error) {
			if side == "studio" {
				wireAs[*nimbletypes.AccessDeniedException](t, err)
				return
			}
			wireAs[*ivstypes.AccessDeniedException](t, err)
		},
	},
	{
		name:     "resource not found",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultError, Request: 1, Status: 404, Code: "ResourceNotFoundException", Message: "gone"}},
		failAt:   1,
		requests: 1,
		check: func(t *testing.T, side string, err error) {
			if side == "studio" {
				wireAs[*nimbletypes.ResourceNotFoundException](t, err)
				return
			}
			wireAPIError(t, err, "ResourceNotFoundException") // not modelled for ListStageSessions
		},
	},
	{
		name:     "malformed JSON",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultMalformedJSON, Request: 2}},
		failAt:   2,
		requests: 2,
		check: func(t *testing.T, _ string, err error) {
			wireAs[*smithy.DeserializationError](t, err)
		},
	},
	{
		name:     "truncated body",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultTruncatedBody, Request: 5}},
		failAt:   5,
		requests: 5,
		check: func(t *testing.T, _ string, err error) {
			wireAs[*smithy.DeserializationError](t, err)
		},
	},
	{
		name:     "body shorter than its Content-Length",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultShortBody, Request: 2}},
		failAt:   2,
		requests: 2, // a 200 whose body fails to decode is not retried
		check:    wireCutBody,
	},
	{
		name:     "connection closed mid-body",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultHangUp, Request: 3}},
		failAt:   3,
		requests: 3,
		check:    wireCutBody,
	},
	{
		name:     "connection dropped before the response, retried",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultDropConnection, Request: 3}},
		requests: wireFaultPages + 1,
	},
	{
		name:   "connection dropped past the retry budget",
		faults: []fakeaws.Fault{{Kind: fakeaws.FaultDropConnection, Request: 3, Times: -1}},
		failAt: 3,
		// net/http itself resends a GET (but not a POST) once when a
		// reused connection closes before any response, so the
		// studio's first attempt costs two requests.
		requests: 2 + 3, studioRequests: 2 + 4,
		clear: true,
		check: func(t *testing.T, _ string, err error) {
			wireAs[*retry.MaxAttemptsError](t, err)
			if !errors.Is(err, io.EOF) {
				t.Errorf("err = %v, want errors.Is(err, io.EOF)", err)
			}
		},
	},
	{
		name:     "run of empty pages with tokens",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultEmptyPage, Request: 2, Times: 5}},
		requests: wireFaultPages + 5,
	},
	{
		name:     "empty page before the last",
		faults:   []fakeaws.Fault{{Kind: fakeaws.FaultEmptyPage, Request: wireFaultPages, Times: 3}},
		requests: wireFaultPages + 3,
	},
	{
		name: "mixed faults absorbed",
		faults: []fakeaws.Fault{
			{Kind: fakeaws.FaultThrottle, Request: 2, Times: 2},
			{Kind: fakeaws.FaultEmptyPage, Request: 5, Times: 2},
			{Kind: fakeaws.FaultUnavailable, Request: 8},
			{Kind: fakeaws.FaultNone, Request: 1, Times: -1, Latency: time.Millisecond},
		},
		requests: wireFaultPages + 5,
	},
}

func TestWireFaultMatrix(t *testing.T) {
	for _, tc := range wireFaultCases {
		for _, side := range wireSides() {
			for _, prefetch := range []int{0, 2} {
				t.Run(fmt.Sprintf("%s/%s/prefetch%d", tc.name, side.name, prefetch), func(t *testing.T) {
					wireFaultRun(t, tc, side, prefetch)
				})
			}
		}
	}
}

// wireFaultRun lists the side through the case's faults and checks what
// the listing delivered, its requests and its error; after a failure it
// checks the resumes too.
func wireFaultRun(t *testing.T, tc wireFaultCase, side wireSide, prefetch int) {
	srv := side.server(t)
	for _, f := range tc.faults {
		f.Op, f.Parent = side.op, side.parent
		srv.Inject(f)
	}
	p := wireMustList(t, side, srv, "", sessions.Prefetch(prefetch))
	got, err := p.take(context.Background(), -1)
	want := side.want
	if tc.failAt > 0 {
		want = side.want[:(tc.failAt-1)*wireFaultPageSize]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items delivered (-want +got):\n%s", diff)
	}
	requests := tc.requestsFor(side.name)
	if r := srv.Requests(side.op); r != int64(requests) {
		t.Errorf("requests = %d, want %d", r, requests)
	}
	if tc.failAt == 0 {
		if err != nil {
			t.Fatalf("err = %v, want the listing to complete", err)
		}
		if c := p.cursor(); c != "" {
			t.Errorf("Cursor() after the end = %q, want \"\"", c)
		}
		return
	}
	wireCheckListError(t, err, side, tc.failAt)
	if tc.check != nil {
		tc.check(t, side.name, err)
	}
	wireFaultResume(t, tc, side, srv, p, len(got), prefetch)
}

// wireFaultResume checks the resumes after the listing p failed having
// delivered n items. The fault window is spent: a new paginator from the
// cursor delivers exactly the rest, and so does the same paginator ranged
// again (it retries the failed page).
func wireFaultResume(t *testing.T, tc wireFaultCase, side wireSide, srv *fakeaws.Server, p wireLister, n, prefetch int) {
	t.Helper()
	ctx := context.Background()
	if tc.clear {
		srv.ClearFaults()
	}
	rest := side.want[n:]
	again, err := wireMustList(t, side, srv, p.cursor(), sessions.Prefetch(prefetch)).take(ctx, -1)
	if err != nil {
		t.Fatalf("resume from Cursor: %v", err)
	}
	if diff := cmp.Diff(rest, again); diff != "" {
		t.Errorf("resumed from Cursor (-want +got):\n%s", diff)
	}
	again, err = p.take(ctx, -1)
	if err != nil {
		t.Fatalf("ranging again: %v", err)
	}
	if diff := cmp.Diff(rest, again); diff != "" {
		t.Errorf("ranging again over the same paginator (-want +got):\n%s", diff)
	}
	if r, want := srv.Requests(side.op), int64(tc.requestsFor(side.name)+2*(wireFaultPages-tc.failAt+1)); r != want {
		t.Errorf("requests after both resumes = %d, want %d", r, want)
	}
}

// wireCheckListError checks that err is a *ListError for the side's
// operation and parent at page, and that its message names both.
func wireCheckListError(t *testing.T, err error, side wireSide, page int) {
	t.Helper()
	var le *sessions.ListError
	if !errors.As(err, &le) {
		t.Fatalf("err = %v, want a *sessions.ListError", err)
	}
	if le.Op != string(side.op) || le.Parent != side.parent || le.Page != page {
		t.Errorf("ListError{Op: %q, Parent: %q, Page: %d}, want {%q, %q, %d}", le.Op, le.Parent, le.Page, side.op, side.parent, page)
	}
	if msg := err.Error(); !strings.Contains(msg, fmt.Sprintf("page %d", page)) || !strings.Contains(msg, side.parent) {
		t.Errorf("err = %q, want it to name page %d and %s", msg, page, side.parent)
	}
}

// wireCutBody checks the error for a 200 whose body ends early.
func wireCutBody(t *testing.T, _ string, err error) {
	t.Helper()
	wireAs[*smithy.DeserializationError](t, err)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("err = %v, want errors.Is(err, io.ErrUnexpectedEOF)", err)
	}
}

// wireMergeSetup starts a server with n stages of items sessions each, the
// stage fail of which (if ≥ 0) is throttled past the retry budget from its
// second request on, and returns a paginator for each stage.
func wireMergeSetup(t *testing.T, n, items, fail int, opts ...sessions.Option) (*fakeaws.Server, [][]string, []*sessions.Paginator[sessions.StageSession]) {
	t.Helper()
	srv := wireServer(t, fakeaws.WithLatency(time.Millisecond))
	if fail >= 0 {
		srv.Inject(fakeaws.Fault{Kind: fakeaws.FaultThrottle, Op: fakeaws.OpListStageSessions, Parent: wireStageARN(fail), Request: 2, Times: -1})
	}
	client := srv.StageClient()
	want := make([][]string, n)
	ps := make([]*sessions.Paginator[sessions.StageSession], n)
	for i := range n {
		data := fakeaws.GenStageSessions(items, uint64(100+i))
		srv.AddStage(wireStageARN(i), data)
		for _, s := range data.All() {
			want[i] = append(want[i], wireStageARN(i)+"/"+s.SessionID)
		}
		ps[i] = mustStage(t, client, sessions.StageQuery{StageARN: wireStageARN(i)}, append(opts, sessions.PageSize(wireFaultPageSize))...)
	}
	return srv, want, ps
}

func TestWireMergeOneSourceFails(t *testing.T) {
	const stages, items, fail = 5, 3 * wireFaultPageSize, 1
	for _, prefetch := range []int{0, 2} {
		t.Run(fmt.Sprintf("prefetch%d", prefetch), func(t *testing.T) {
			srv, want, ps := wireMergeSetup(t, stages, items, fail, sessions.Prefetch(prefetch))
			got := make([][]string, stages)
			index := map[string]int{}
			for i := range stages {
				index[wireStageARN(i)] = i
			}
			var errs []error
			for s, err := range sessions.Merge(context.Background(), 3, ps...) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				i := index[s.StageARN]
				got[i] = append(got[i], wireStageKey(s))
			}
			want[fail] = want[fail][:wireFaultPageSize]
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("items per stage (-want +got):\n%s", diff)
			}
			if len(errs) != 1 {
				t.Fatalf("errors = %v, want exactly one, from %s", errs, wireStageARN(fail))
			}
			wireCheckListError(t, errs[0], wireSide{op: fakeaws.OpListStageSessions, parent: wireStageARN(fail)}, 2)
			wireAPIError(t, errs[0], "ThrottlingException")

			// The failed source's cursor resumes exactly once the service
			// recovers.
			srv.ClearFaults()
			rest, err := sessions.Collect(mustStage(t, srv.StageClient(), sessions.StageQuery{StageARN: wireStageARN(fail)},
				sessions.PageSize(wireFaultPageSize), sessions.StartingToken(ps[fail].Cursor())).All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if len(rest) != items-wireFaultPageSize || wireStageKey(rest[0]) != wireStageARN(fail)+"/"+fakeaws.GenStageSessions(items, uint64(100+fail)).At(wireFaultPageSize).SessionID {
				t.Errorf("resumed %d items from %s, want the %d after the first page", len(rest), wireStageARN(fail), items-wireFaultPageSize)
			}
		})
	}
}

func TestWireMergeBreakLeavesNothing(t *testing.T) {
	const stages, items = 6, 4 * wireFaultPageSize
	for _, tc := range []struct {
		name  string
		fail  int // the stage that fails, or -1
		after int // items received before breaking out
	}{
		{"while all run", -1, 45},
		{"after a source failed", 2, 3 * items},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, want, ps := wireMergeSetup(t, stages, items, tc.fail, sessions.Prefetch(2))
			got := map[string][]string{}
			n := 0
			for s, err := range sessions.Merge(context.Background(), 4, ps...) {
				if err == nil {
					got[s.StageARN] = append(got[s.StageARN], wireStageKey(s))
				}
				if n++; n == tc.after {
					break
				}
			}
			// Every cursor points just after the items this loop received.
			srv.ClearFaults()
			for i, p := range ps {
				var rest []sessions.StageSession
				if c := p.Cursor(); c != "" { // "" means the stage was listed to the end
					var err error
					rest, err = sessions.Collect(mustStage(t, srv.StageClient(), sessions.StageQuery{StageARN: wireStageARN(i)},
						sessions.PageSize(wireFaultPageSize), sessions.StartingToken(c)).All(context.Background()))
					if err != nil {
						t.Fatalf("resume %s: %v", wireStageARN(i), err)
					}
				}
				all := got[wireStageARN(i)]
				for _, s := range rest {
					all = append(all, wireStageKey(s))
				}
				if diff := cmp.Diff(want[i], all); diff != "" {
					t.Errorf("%s: received, then resumed from Cursor (-want +got):\n%s", wireStageARN(i), diff)
				}
			}
			srv.Close()
			goleak.VerifyNone(t)
		})
	}
}
