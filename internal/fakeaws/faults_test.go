//lint:file-ignore SA1019 the Nimble SDK is deprecated as a whole; this package exists to test it.

package fakeaws_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

func isType[T error](err error) bool {
	var target T
	return errors.As(err, &target)
}

func hasCode(code string) func(error) bool {
	return func(err error) bool {
		var ae smithy.APIError
		return errors.As(err, &ae) && ae.ErrorCode() == code
	}
}

func generic(code string) func(error) bool {
	return func(err error) bool {
		var ge *smithy.GenericAPIError
		return errors.As(err, &ge) && ge.Code == code
	}
}

// Each fault kind, as WIRE.md says the SDK reports it, with and without
// the SDK's retries.
func TestFaultKinds(t *testing.T) {
	isDeser := isType[*smithy.DeserializationError]
	for _, tc := range []struct {
		name       string
		fault      fakeaws.Fault
		stage      func(error) bool
		studio     func(error) bool
		retried    bool
		statusSeen int
	}{
		{"throttle", fakeaws.Fault{Kind: fakeaws.FaultThrottle},
			generic("ThrottlingException"), isType[*nimbletypes.ThrottlingException], true, 429},
		{"internal", fakeaws.Fault{Kind: fakeaws.FaultInternal},
			generic("InternalServerException"), isType[*nimbletypes.InternalServerErrorException], true, 500},
		{"unavailable", fakeaws.Fault{Kind: fakeaws.FaultUnavailable},
			generic("ServiceUnavailableException"), generic("ServiceUnavailableException"), true, 503},
		{"validation", fakeaws.Fault{Kind: fakeaws.FaultValidation},
			isType[*ivstypes.ValidationException], isType[*nimbletypes.ValidationException], false, 400},
		{"custom access denied", fakeaws.Fault{Kind: fakeaws.FaultError, Status: 403, Code: "AccessDeniedException", Message: "no"},
			isType[*ivstypes.AccessDeniedException], isType[*nimbletypes.AccessDeniedException], false, 403},
		{"custom conflict", fakeaws.Fault{Kind: fakeaws.FaultError, Status: 409, Code: "ConflictException"},
			generic("ConflictException"), isType[*nimbletypes.ConflictException], false, 409},
		{"malformed JSON", fakeaws.Fault{Kind: fakeaws.FaultMalformedJSON}, isDeser, isDeser, false, 200},
		{"truncated body", fakeaws.Fault{Kind: fakeaws.FaultTruncatedBody}, isDeser, isDeser, false, 200},
		{"short body", fakeaws.Fault{Kind: fakeaws.FaultShortBody}, isDeser, isDeser, false, 200},
		{"hang up mid-body", fakeaws.Fault{Kind: fakeaws.FaultHangUp}, isDeser, isDeser, false, 0},
		{"drop connection", fakeaws.Fault{Kind: fakeaws.FaultDropConnection},
			isType[*smithyhttp.RequestSendError], isType[*smithyhttp.RequestSendError], true, 0},
	} {
		for _, retries := range []bool{false, true} {
			name := tc.name + map[bool]string{false: " no retries", true: " retries"}[retries]
			t.Run(name, func(t *testing.T) {
				f := tc.fault
				f.Times = -1
				srv := newServer(t, fakeaws.WithStage(stageARN, fakeaws.GenStageSessions(5, 1)),
					fakeaws.WithStudio(studioID, fakeaws.GenStreamingSessions(5, 1)), fakeaws.WithFaults(f), fakeaws.WithRequestLog(10))
				stageOpts, studioOpts := []func(*ivsrealtime.Options){}, []func(*nimble.Options){}
				if !retries {
					stageOpts, studioOpts = append(stageOpts, noRetryStage), append(studioOpts, noRetryStudio)
				}
				wantAttempts := int64(1)
				if retries && tc.retried {
					wantAttempts = 3
				}

				out, err := srv.StageClient(stageOpts...).ListStageSessions(context.Background(), stageIn(nil))
				if err == nil || out != nil || !tc.stage(err) {
					t.Errorf("ListStageSessions: (%v, %v), want an error of the expected kind", out, err)
				}
				if got := srv.Requests(fakeaws.OpListStageSessions); got != wantAttempts {
					t.Errorf("ListStageSessions requests = %d, want %d", got, wantAttempts)
				}
				out2, err := srv.StudioClient(studioOpts...).ListStreamingSessions(context.Background(), studioIn())
				if err == nil || out2 != nil || !tc.studio(err) {
					t.Errorf("ListStreamingSessions: (%v, %v), want an error of the expected kind", out2, err)
				}
				if got := srv.Requests(fakeaws.OpListStreamingSessions); got != wantAttempts {
					t.Errorf("ListStreamingSessions requests = %d, want %d", got, wantAttempts)
				}
				if st := srv.Stats(); st.Faults != 2*wantAttempts {
					t.Errorf("Stats().Faults = %d, want %d", st.Faults, 2*wantAttempts)
				}
				for _, r := range srv.Log() {
					if r.Fault != f.Kind || r.Status != tc.statusSeen {
						t.Errorf("log entry %+v, want fault %v and status %d", r, f.Kind, tc.statusSeen)
					}
				}
			})
		}
	}
}

// The documented error details reach the caller.
func TestFaultErrorDetails(t *testing.T) {
	srv := newServer(t, fakeaws.WithStage(stageARN, fakeaws.GenStageSessions(5, 1)),
		fakeaws.WithStudio(studioID, fakeaws.GenStreamingSessions(5, 1)),
		fakeaws.WithFaults(fakeaws.Fault{Kind: fakeaws.FaultValidation, Times: -1, Op: fakeaws.OpListStageSessions},
			fakeaws.Fault{Kind: fakeaws.FaultThrottle, Times: -1, Op: fakeaws.OpListStreamingSessions}))
	_, err := srv.StageClient(noRetryStage).ListStageSessions(context.Background(), stageIn(nil))
	var ve *ivstypes.ValidationException
	if !errors.As(err, &ve) {
		t.Fatalf("error %v, want *ValidationException", err)
	}
	// WIRE.md pitfall: the text lands in ExceptionMessage, never in Message.
	if ve.Message != nil || aws.ToString(ve.ExceptionMessage) != "injected validation failure" || ve.ErrorMessage() != "" ||
		aws.ToString(ve.XAmznErrorType) != "ValidationException:http://internal.amazon.com/coral/com.amazonaws.ivs/" {
		t.Errorf("ValidationException = %+v", ve)
	}
	_, err = srv.StudioClient(noRetryStudio).ListStreamingSessions(context.Background(), studioIn())
	var te *nimbletypes.ThrottlingException
	if !errors.As(err, &te) {
		t.Fatalf("error %v, want *ThrottlingException", err)
	}
	if diff := cmp.Diff(map[string]string{"retryAfterSeconds": "1"}, te.Context); diff != "" || te.ErrorMessage() != "Rate exceeded" || aws.ToString(te.Code) != "ThrottlingException" {
		t.Errorf("ThrottlingException = %+v; context diff (-want +got):\n%s", te, diff)
	}
	if !hasCode("ThrottlingException")(err) {
		t.Errorf("error %v does not reach smithy.APIError", err)
	}
}

// Throttling within the retryer's budget is absorbed: the listing is
// complete and the server saw the extra attempts.
func TestRetriedFaultsAbsorbed(t *testing.T) {
	data := fakeaws.GenStageSessions(30, 2)
	srv := newServer(t, fakeaws.WithStage(stageARN, data), fakeaws.WithStudio(studioID, fakeaws.GenStreamingSessions(30, 2)),
		fakeaws.WithStudioPageSize(10),
		fakeaws.WithFaults(
			fakeaws.Fault{Kind: fakeaws.FaultThrottle, Op: fakeaws.OpListStageSessions, Request: 2, Times: 2},
			fakeaws.Fault{Kind: fakeaws.FaultInternal, Op: fakeaws.OpListStreamingSessions, Request: 2, Times: 1},
			fakeaws.Fault{Kind: fakeaws.FaultDropConnection, Op: fakeaws.OpListStreamingSessions, Request: 4, Times: 2},
		))
	got, pages, err := listStage(t, srv.StageClient(), stageIn(aws.Int32(10)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stageSDK(data.Items()), got, ignoreSDK); diff != "" {
		t.Errorf("items mismatch (-want +got):\n%s", diff)
	}
	if n := srv.Requests(fakeaws.OpListStageSessions); pages != 3 || n != 5 {
		t.Errorf("pages = %d, requests = %d; want 3 pages in 5 requests", pages, n)
	}
	items, pages, err := listStudio(t, srv.StudioClient(), studioIn())
	if err != nil || len(items) != 30 {
		t.Fatalf("studio: %d items, err %v", len(items), err)
	}
	if n := srv.Requests(fakeaws.OpListStreamingSessions); pages != 3 || n != 6 {
		t.Errorf("studio pages = %d, requests = %d; want 3 pages in 6 requests", pages, n)
	}
}

// Request numbers count per fault, among the requests it selects.
func TestFaultSelection(t *testing.T) {
	srv := newServer(t, fakeaws.WithStage(stageARN, fakeaws.GenStageSessions(10, 1)),
		fakeaws.WithStage(stageARN2, fakeaws.GenStageSessions(10, 2)),
		fakeaws.WithStudio(studioID, fakeaws.GenStreamingSessions(10, 1)), fakeaws.WithRequestLog(100))
	srv.Inject(fakeaws.Fault{Kind: fakeaws.FaultValidation, Parent: stageARN2, Request: 2, Times: 2},
		fakeaws.Fault{Kind: fakeaws.FaultThrottle, Op: fakeaws.OpListStreamingSessions, Request: 3})
	stage, studio := srv.StageClient(noRetryStage), srv.StudioClient(noRetryStudio)
	ctx := context.Background()
	var got []string
	call := func(f func() error) {
		err := f()
		got = append(got, map[bool]string{true: "ok", false: errorCode(err)}[err == nil])
	}
	in2 := &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(stageARN2)}
	for range 4 {
		call(func() error { _, err := stage.ListStageSessions(ctx, stageIn(nil)); return err })
		call(func() error { _, err := stage.ListStageSessions(ctx, in2); return err })
		call(func() error { _, err := studio.ListStreamingSessions(ctx, studioIn()); return err })
	}
	want := []string{
		"ok", "ok", "ok",
		"ok", "ValidationException", "ok",
		"ok", "ValidationException", "ThrottlingException",
		"ok", "ok", "ok",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outcomes mismatch (-want +got):\n%s", diff)
	}
	// ClearFaults stops them.
	srv.Inject(fakeaws.Fault{Kind: fakeaws.FaultValidation, Times: -1})
	srv.ClearFaults()
	if _, err := stage.ListStageSessions(ctx, stageIn(nil)); err != nil {
		t.Errorf("after ClearFaults: %v", err)
	}
}

// pageRec is what a hand-written loop saw on one page.
type pageRec struct {
	Sent, Got string // tokens
	Items     []string
}

// walkStage pages by hand with ListStageSessions and stops at the first
// token seen before (any earlier one, not only the adjacent one), the way
// the library's loop guard does, or after limit pages.
func walkStage(t *testing.T, c *ivsrealtime.Client, maxResults int32, limit int) (pages []pageRec, looped bool) {
	t.Helper()
	seen := map[string]bool{}
	var tok *string
	for range limit {
		out, err := c.ListStageSessions(context.Background(), &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(stageARN), MaxResults: aws.Int32(maxResults), NextToken: tok})
		if err != nil {
			t.Fatal(err)
		}
		rec := pageRec{Sent: aws.ToString(tok), Got: aws.ToString(out.NextToken)}
		for _, s := range out.StageSessions {
			rec.Items = append(rec.Items, aws.ToString(s.SessionId))
		}
		pages = append(pages, rec)
		if tok != nil {
			seen[*tok] = true
		}
		if out.NextToken == nil || *out.NextToken == "" {
			return pages, false
		}
		if seen[*out.NextToken] {
			return pages, true
		}
		tok = out.NextToken
	}
	return pages, false
}

func ids(data fakeaws.Dataset[fakeaws.StageSession], from, to int) []string {
	var out []string
	for i := from; i < to && i < data.Len(); i++ {
		out = append(out, data.At(i).SessionID)
	}
	return out
}

func flatten(pages []pageRec) []string {
	var out []string
	for _, p := range pages {
		out = append(out, p.Items...)
	}
	return out
}

func TestTokenFaults(t *testing.T) {
	data := fakeaws.GenStageSessions(20, 5)
	t.Run("repeat token", func(t *testing.T) { testRepeatToken(t, data) })
	t.Run("repeat on first request", func(t *testing.T) {
		srv := newServer(t, fakeaws.WithStage(stageARN, data), fakeaws.WithFaults(fakeaws.Fault{Kind: fakeaws.FaultRepeatToken, Request: 1, Times: 2}))
		pages, looped := walkStage(t, srv.StageClient(), 5, 50)
		// Request 1 has no token to repeat, so it points back at its own
		// page; request 2 then repeats that token.
		if !looped || len(pages) != 2 || pages[1].Sent != pages[1].Got {
			t.Fatalf("pages %+v, looped %v", pages, looped)
		}
		if diff := cmp.Diff(append(ids(data, 0, 5), ids(data, 0, 5)...), flatten(pages)); diff != "" {
			t.Errorf("items mismatch (-want +got):\n%s", diff)
		}
	})
	for _, k := range []int{1, 2, 3} {
		t.Run("cycle of "+string(rune('0'+k)), func(t *testing.T) { testTokenCycle(t, data, k) })
	}
	t.Run("empty pages", func(t *testing.T) { testEmptyPages(t, data) })
}

// testRepeatToken checks a page that returns its own token once, as walked
// by hand and by the SDK's paginator with and without its guard.
func testRepeatToken(t *testing.T, data fakeaws.Dataset[fakeaws.StageSession]) {
	srv := newServer(t, fakeaws.WithStage(stageARN, data), fakeaws.WithFaults(fakeaws.Fault{Kind: fakeaws.FaultRepeatToken, Request: 2}))
	pages, looped := walkStage(t, srv.StageClient(), 3, 50)
	if !looped || len(pages) != 2 || pages[1].Got != pages[1].Sent {
		t.Fatalf("pages %+v, looped %v; want the 2nd page to return its own token", pages, looped)
	}
	if diff := cmp.Diff(ids(data, 0, 6), flatten(pages)); diff != "" {
		t.Errorf("items mismatch (-want +got):\n%s", diff)
	}
	// The SDK paginator without the guard fetches the page twice
	// and then carries on, since the fault lasted one request.
	srv2 := newServer(t, fakeaws.WithStage(stageARN, data), fakeaws.WithFaults(fakeaws.Fault{Kind: fakeaws.FaultRepeatToken, Request: 2}))
	got, n, err := listStage(t, srv2.StageClient(), stageIn(aws.Int32(3)))
	if err != nil || len(got) != 23 || n != 8 {
		t.Errorf("SDK paginator: %d items in %d pages, err %v; want 23 items (3 repeated) in 8 pages", len(got), n, err)
	}
	// With StopOnDuplicateToken it stops early and loses the rest.
	srv3 := newServer(t, fakeaws.WithStage(stageARN, data), fakeaws.WithFaults(fakeaws.Fault{Kind: fakeaws.FaultRepeatToken, Request: 2}))
	got, n, err = listStage(t, srv3.StageClient(), stageIn(aws.Int32(3)), func(o *ivsrealtime.ListStageSessionsPaginatorOptions) { o.StopOnDuplicateToken = true })
	if err != nil || len(got) != 6 || n != 2 {
		t.Errorf("SDK paginator with StopOnDuplicateToken: %d items in %d pages, err %v; want 6 in 2", len(got), n, err)
	}
}

// testTokenCycle checks a cycle of k tokens entered at the second page, and
// that the SDK's guard catches only a cycle of one.
func testTokenCycle(t *testing.T, data fakeaws.Dataset[fakeaws.StageSession], k int) {
	srv := newServer(t, fakeaws.WithStage(stageARN, data), fakeaws.WithFaults(fakeaws.Fault{Kind: fakeaws.FaultTokenCycle, K: k, Request: 2}))
	pages, looped := walkStage(t, srv.StageClient(), 2, 50)
	// Page 1 is normal, page 2 enters the cycle, then k pages
	// inside it; the last one returns the cycle's first token.
	if !looped || len(pages) != 2+k || pages[len(pages)-1].Got != pages[2].Sent {
		t.Fatalf("pages %+v, looped %v; want a cycle of %d closing after %d pages", pages, looped, k, 2+k)
	}
	if diff := cmp.Diff(ids(data, 0, 2*(2+k)), flatten(pages)); diff != "" {
		t.Errorf("items before the loop closes mismatch (-want +got):\n%s", diff)
	}
	// The SDK's guard only catches k == 1.
	srv2 := newServer(t, fakeaws.WithStage(stageARN, data), fakeaws.WithFaults(fakeaws.Fault{Kind: fakeaws.FaultTokenCycle, K: k, Request: 2}))
	p := ivsrealtime.NewListStageSessionsPaginator(srv2.StageClient(), stageIn(aws.Int32(2)), func(o *ivsrealtime.ListStageSessionsPaginatorOptions) { o.StopOnDuplicateToken = true })
	n := 0
	for ; p.HasMorePages() && n < 30; n++ {
		if _, err := p.NextPage(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if stopped := n < 30; stopped != (k == 1) {
		t.Errorf("SDK paginator with StopOnDuplicateToken stopped after %d pages; want it to stop only for k == 1", n)
	}
}

// testEmptyPages checks a run of three empty pages that carry tokens: not
// the end, and not a loop, for a walk by hand or the SDK's paginator.
func testEmptyPages(t *testing.T, data fakeaws.Dataset[fakeaws.StageSession]) {
	srv := newServer(t, fakeaws.WithStage(stageARN, data), fakeaws.WithFaults(fakeaws.Fault{Kind: fakeaws.FaultEmptyPage, Request: 2, Times: 3}))
	pages, looped := walkStage(t, srv.StageClient(), 8, 50)
	if looped || len(pages) != 6 {
		t.Fatalf("pages %+v, looped %v; want 6 pages and no repeated token", pages, looped)
	}
	for i := 1; i <= 3; i++ {
		if len(pages[i].Items) != 0 || pages[i].Got == "" {
			t.Errorf("page %d = %+v, want empty with a token", i+1, pages[i])
		}
	}
	if diff := cmp.Diff(ids(data, 0, 20), flatten(pages)); diff != "" {
		t.Errorf("items mismatch (-want +got):\n%s", diff)
	}
	// The SDK's paginator goes on through empty pages too.
	srv2 := newServer(t, fakeaws.WithStage(stageARN, data), fakeaws.WithFaults(fakeaws.Fault{Kind: fakeaws.FaultEmptyPage, Request: 2, Times: 3}))
	got, n, err := listStage(t, srv2.StageClient(), stageIn(aws.Int32(8)), func(o *ivsrealtime.ListStageSessionsPaginatorOptions) { o.StopOnDuplicateToken = true })
	if err != nil || len(got) != 20 || n != 6 {
		t.Errorf("SDK paginator: %d items in %d pages, err %v; want 20 in 6", len(got), n, err)
	}
}

// Token faults on a filtered studio listing serve the filtered view.
func TestStudioTokenCycleFiltered(t *testing.T) {
	data := fakeaws.GenStreamingSessions(200, 11)
	user := fakeaws.GenUsers[1]
	var want []string
	for _, s := range data.Items() {
		if s.CreatedBy == user {
			want = append(want, s.ID)
		}
	}
	srv := newServer(t, fakeaws.WithStudio(studioID, data), fakeaws.WithStudioPageSize(3),
		fakeaws.WithFaults(fakeaws.Fault{Kind: fakeaws.FaultTokenCycle, K: 2, Request: 1}, fakeaws.Fault{Kind: fakeaws.FaultEmptyPage, Request: 2}))
	c := srv.StudioClient()
	seen := map[string]bool{}
	var got []string
	var tok *string
	for range 20 {
		out, err := c.ListStreamingSessions(context.Background(), &nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID), CreatedBy: aws.String(user), NextToken: tok})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range out.Sessions {
			got = append(got, aws.ToString(s.SessionId))
		}
		if tok != nil {
			seen[*tok] = true
		}
		if out.NextToken == nil || seen[*out.NextToken] {
			break
		}
		tok = out.NextToken
	}
	// Request 1 enters the cycle (C1); request 2 is an empty page that
	// resumes where C1 pointed; then normal pages follow, since the empty
	// page's token left the cycle.
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items mismatch (-want +got):\n%s", diff)
	}
}
