//lint:file-ignore SA1019 the Nimble SDK marks every API deprecated; these tests run its real client against a local endpoint.

package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

func TestWireFaultMatrix(t *testing.T) {
	for _, tc := range []struct {
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
	}{
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
	} {
		for _, side := range wireSides() {
			for _, prefetch := range []int{0, 2} {
				t.Run(fmt.Sprintf("%s/%s/prefetch%d", tc.name, side.name, prefetch), func(t *testing.T) {
					srv := side.server(t)
					for _, f := range tc.faults {
						f.Op, f.Parent = side.op, side.parent
						srv.Inject(f)
					}
					ctx := context.Background()
					p := wireMustList(t, side, srv, "", sessions.Prefetch(prefetch))
					got, err := p.take(ctx, -1)
					want := side.want
					if tc.failAt > 0 {
						want = side.want[:(tc.failAt-1)*wireFaultPageSize]
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("items delivered (-want +got):\n%s", diff)
					}
					requests := tc.requests
					if side.name == "studio" && tc.studioRequests != 0 {
						requests = tc.studioRequests
					}
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

					// The fault window is spent: a new paginator from the
					// cursor delivers exactly the rest, and so does the same
					// paginator ranged again (it retries the failed page).
					if tc.clear {
						srv.ClearFaults()
					}
					rest := side.want[len(got):]
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
					if r, want := srv.Requests(side.op), int64(requests+2*(wireFaultPages-tc.failAt+1)); r != want {
						t.Errorf("requests after both resumes = %d, want %d", r, want)
					}
				})
			}
		}
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
