//lint:file-ignore SA1019 the Nimble SDK is deprecated as a whole; this package exists to test it.

package fakeaws_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"go.uber.org/goleak"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

// Server.Close drops the idle connections of the clients it made, so the
// SDK's transport leaves no goroutine behind and no ignore option is needed.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

const (
	stageARN  = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	stageARN2 = "arn:aws:ivs:us-west-2:111122223333:stage/Other0000001"
	studioID  = "studio-abc"
)

var ignoreSDK = cmpopts.IgnoreUnexported(ivstypes.StageSessionSummary{}, nimbletypes.StreamingSession{}, nimbletypes.VolumeConfiguration{})

func newServer(t testing.TB, opts ...fakeaws.Option) *fakeaws.Server {
	t.Helper()
	srv := fakeaws.New(opts...)
	t.Cleanup(srv.Close)
	return srv
}

func noRetryStage(o *ivsrealtime.Options) { o.RetryMaxAttempts = 1 }
func noRetryStudio(o *nimble.Options)     { o.RetryMaxAttempts = 1 }

// listStage runs the SDK's own paginator to the end or the first error.
func listStage(t testing.TB, c *ivsrealtime.Client, in *ivsrealtime.ListStageSessionsInput, optFns ...func(*ivsrealtime.ListStageSessionsPaginatorOptions)) ([]ivstypes.StageSessionSummary, int, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var items []ivstypes.StageSessionSummary
	pages := 0
	p := ivsrealtime.NewListStageSessionsPaginator(c, in, optFns...)
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return items, pages, err
		}
		pages++
		items = append(items, out.StageSessions...)
		if pages > 100000 {
			t.Fatal("paginator did not stop")
		}
	}
	return items, pages, nil
}

func listStudio(t testing.TB, c *nimble.Client, in *nimble.ListStreamingSessionsInput, optFns ...func(*nimble.ListStreamingSessionsPaginatorOptions)) ([]nimbletypes.StreamingSession, int, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var items []nimbletypes.StreamingSession
	pages := 0
	p := nimble.NewListStreamingSessionsPaginator(c, in, optFns...)
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return items, pages, err
		}
		pages++
		items = append(items, out.Sessions...)
		if pages > 100000 {
			t.Fatal("paginator did not stop")
		}
	}
	return items, pages, nil
}

func stageSDK(items []fakeaws.StageSession) []ivstypes.StageSessionSummary {
	out := make([]ivstypes.StageSessionSummary, len(items))
	for i, it := range items {
		out[i] = it.SDK()
	}
	return out
}

func studioSDK(items []fakeaws.StreamingSession) []nimbletypes.StreamingSession {
	out := make([]nimbletypes.StreamingSession, len(items))
	for i, it := range items {
		out[i] = fakeaws.StreamingSessionSDK(&it)
	}
	return out
}

func stageIn(maxResults *int32) *ivsrealtime.ListStageSessionsInput {
	return &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(stageARN), MaxResults: maxResults}
}

func studioIn() *nimble.ListStreamingSessionsInput {
	return &nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID)}
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// asAPIError returns the smithy API error code of err, or "".
func errorCode(err error) string {
	var ae interface{ ErrorCode() string }
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

func TestStagePaging(t *testing.T) {
	const n = 237
	data := fakeaws.GenStageSessions(n, 42)
	want := stageSDK(data.Items())
	for _, tc := range []struct {
		name       string
		maxResults *int32
		pageSize   int
	}{
		{"default 50", nil, 50},
		{"1", aws.Int32(1), 1},
		{"7", aws.Int32(7), 7},
		{"100", aws.Int32(100), 100},
		{"exact multiple", aws.Int32(79), 79},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, fakeaws.WithStage(stageARN, data))
			got, pages, err := listStage(t, srv.StageClient(), stageIn(tc.maxResults))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, ignoreSDK); diff != "" {
				t.Errorf("items mismatch (-want +got):\n%s", diff)
			}
			if wantPages := ceilDiv(n, tc.pageSize); pages != wantPages || srv.Requests(fakeaws.OpListStageSessions) != int64(wantPages) {
				t.Errorf("pages = %d, requests = %d, want %d", pages, srv.Requests(fakeaws.OpListStageSessions), wantPages)
			}
			if st := srv.Stats(); st.Items != n || st.Bytes == 0 || st.Requests != int64(pages) {
				t.Errorf("Stats() = %+v, want %d items, %d requests and some bytes", st, n, pages)
			}
		})
	}
}

func TestStagePagingEmptyStage(t *testing.T) {
	srv := newServer(t, fakeaws.WithStage(stageARN, fakeaws.Dataset[fakeaws.StageSession]{}))
	got, pages, err := listStage(t, srv.StageClient(), stageIn(nil))
	if err != nil || len(got) != 0 || pages != 1 {
		t.Errorf("empty stage: %d items, %d pages, err %v; want 0 items, 1 page, no error", len(got), pages, err)
	}
}

func TestStudioPaging(t *testing.T) {
	const n = 230
	data := fakeaws.GenStreamingSessions(n, 7)
	want := studioSDK(data.Items())
	for _, size := range []int{1, 10, 23, 100, 0} {
		t.Run("page size "+strconv.Itoa(size), func(t *testing.T) {
			srv := newServer(t, fakeaws.WithStudio(studioID, data), fakeaws.WithStudioPageSize(size))
			got, pages, err := listStudio(t, srv.StudioClient(), studioIn())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, ignoreSDK); diff != "" {
				t.Errorf("items mismatch (-want +got):\n%s", diff)
			}
			eff := size
			if eff < 1 {
				eff = fakeaws.DefaultStudioPageSize
			}
			if pages != ceilDiv(n, eff) {
				t.Errorf("pages = %d, want %d", pages, ceilDiv(n, eff))
			}
		})
	}
}
