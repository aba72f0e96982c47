//lint:file-ignore SA1019 the Nimble SDK marks every API deprecated; these tests run its real client against a local endpoint.

package sessions_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// The example responses of WIRE.md §4, verbatim.
const (
	wireExampleARN         = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	wireExampleStagePage1  = `{"stageSessions":[{"sessionId":"st-1a2b3c4d5e6f7","startTime":"2024-05-01T10:00:00Z","endTime":"2024-05-01T11:00:00.123Z"},{"sessionId":"st-7g8h9i0j1k2l3","startTime":"2024-05-02T10:00:00+02:00"}],"nextToken":"eyJwIjoyfQ=="}`
	wireExampleStagePage2  = `{"stageSessions":[{"sessionId":"st-3m4n5o6p7q8r9","startTime":"2024-05-03T10:00:00Z","endTime":null}]}`
	wireExampleStudioPage1 = `{"sessions":[{"sessionId":"session-1","state":"READY","statusCode":"STREAMING_SESSION_READY","createdAt":"2023-01-02T03:04:05Z","backupMode":"AUTOMATIC","maxBackupsToRetain":3,"volumeConfiguration":{"size":500,"throughput":125,"iops":3000}}],"nextToken":"page-2"}`
	wireExampleStudioPage2 = `{"sessions":[{"sessionId":"session-2","state":"STOPPED","stoppedAt":"2023-01-03T00:00:00.5Z"}]}`
	wireExampleIVSInvalid  = `{"exceptionMessage":"stageArn does not match pattern"}`
	wireExampleThrottled   = `{"code":"ThrottlingException","message":"Rate exceeded","context":{"retryAfterSeconds":"1"}}`
)

// wireRaw is an httptest server whose answers a test writes by hand, with
// the SDK clients pointed at it (one attempt per request, no retries).
type wireRaw struct {
	ivs *ivsrealtime.Client
	nim *nimble.Client
}

func wireRawServer(tb testing.TB, h http.HandlerFunc) wireRaw {
	tb.Helper()
	srv := httptest.NewServer(h)
	tr := &http.Transport{}
	tb.Cleanup(func() {
		srv.Close()
		tr.CloseIdleConnections()
	})
	hc := &http.Client{Transport: tr}
	return wireRaw{
		ivs: ivsrealtime.New(ivsrealtime.Options{Region: fakeaws.Region, BaseEndpoint: aws.String(srv.URL), Credentials: fakeaws.Credentials(), HTTPClient: hc, RetryMaxAttempts: 1}, sessions.ClientMaxRate(0)),
		nim: nimble.New(nimble.Options{Region: fakeaws.Region, BaseEndpoint: aws.String(srv.URL), Credentials: fakeaws.Credentials(), HTTPClient: hc, RetryMaxAttempts: 1}),
	}
}

// wireWrite answers like the services: JSON, a request ID, and for errors
// the X-Amzn-ErrorType header.
func wireWrite(w http.ResponseWriter, status int, errType, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-Requestid", "req-0001")
	if errType != "" {
		w.Header().Set("X-Amzn-Errortype", errType)
	}
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// wireExampleHandler serves the WIRE.md §4 pages, choosing page 1 or 2 by
// the token the client sent.
func wireExampleHandler(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/ListStageSessions":
		var in struct{ NextToken string }
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			wireWrite(w, http.StatusBadRequest, "ValidationException", `{"exceptionMessage":"bad body"}`)
			return
		}
		body := wireExampleStagePage1
		if in.NextToken == "eyJwIjoyfQ==" {
			body = wireExampleStagePage2
		}
		wireWrite(w, http.StatusOK, "", body)
	case r.URL.Path == "/2020-08-01/studios/studio-abc/streaming-sessions":
		body := wireExampleStudioPage1
		if r.URL.Query().Get("nextToken") == "page-2" {
			body = wireExampleStudioPage2
		}
		wireWrite(w, http.StatusOK, "", body)
	default:
		http.NotFound(w, r)
	}
}

func TestWireExamplePagesDecode(t *testing.T) {
	raw := wireRawServer(t, wireExampleHandler)
	ctx := context.Background()

	t.Run("stage", func(t *testing.T) {
		p := mustStage(t, raw.ivs, sessions.StageQuery{StageARN: wireExampleARN}, sessions.PageSize(2))
		got, err := sessions.Collect(p.All(ctx))
		if err != nil {
			t.Fatal(err)
		}
		want := []sessions.StageSession{
			{StageARN: wireExampleARN, ID: "st-1a2b3c4d5e6f7", StartTime: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), EndTime: time.Date(2024, 5, 1, 11, 0, 0, 123e6, time.UTC)},
			{StageARN: wireExampleARN, ID: "st-7g8h9i0j1k2l3", StartTime: time.Date(2024, 5, 2, 8, 0, 0, 0, time.UTC)},
			{StageARN: wireExampleARN, ID: "st-3m4n5o6p7q8r9", StartTime: time.Date(2024, 5, 3, 10, 0, 0, 0, time.UTC)},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("All() mismatch (-want +got):\n%s", diff)
		}
		if len(got) == 3 {
			if got[0].Active() || !got[1].Active() || !got[2].Active() {
				t.Errorf("Active() = %v %v %v, want false true true (a missing and a null endTime are both active)", got[0].Active(), got[1].Active(), got[2].Active())
			}
			if d := got[0].Duration(time.Time{}); d != time.Hour+123*time.Millisecond {
				t.Errorf("Duration = %v, want 1h0m0.123s", d)
			}
		}
	})

	t.Run("studio", func(t *testing.T) {
		p := wireMustStudio(t, raw.nim, sessions.StudioQuery{StudioID: "studio-abc"})
		got, err := sessions.Collect(p.All(ctx))
		if err != nil {
			t.Fatal(err)
		}
		want := []sessions.StreamingSession{
			{StudioID: "studio-abc", ID: "session-1", State: sessions.StateReady, StatusCode: sessions.StatusCode("STREAMING_SESSION_READY"),
				CreatedAt: time.Date(2023, 1, 2, 3, 4, 5, 0, time.UTC), BackupMode: sessions.BackupMode("AUTOMATIC"), MaxBackupsToRetain: 3,
				VolumeConfiguration: sessions.VolumeConfiguration{SizeGiB: 500, ThroughputMiBps: 125, IOPS: 3000}},
			{StudioID: "studio-abc", ID: "session-2", State: sessions.StateStopped, StoppedAt: time.Date(2023, 1, 3, 0, 0, 0, 5e8, time.UTC)},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("All() mismatch (-want +got):\n%s", diff)
		}
	})

	t.Run("studio filters verified on the client", func(t *testing.T) {
		// The example pages answer whatever the filter; their sessions carry
		// no createdBy, so a CreatedBy query must keep none of them.
		p := wireMustStudio(t, raw.nim, sessions.StudioQuery{StudioID: "studio-abc", CreatedBy: "user-a", SessionIDs: []string{"session-1", "session-2"}})
		got, err := sessions.Collect(p.All(ctx))
		if err != nil || len(got) != 0 {
			t.Errorf("All() = %d items, %v; want none, nil", len(got), err)
		}
	})
}

func TestWireExampleErrors(t *testing.T) {
	raw := wireRawServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ListStageSessions" {
			wireWrite(w, http.StatusBadRequest, "ValidationException:http://internal.amazon.com/coral/com.amazonaws.ivs/", wireExampleIVSInvalid)
			return
		}
		wireWrite(w, http.StatusTooManyRequests, "ThrottlingException", wireExampleThrottled)
	})
	ctx := context.Background()

	_, err := sessions.Collect(mustStage(t, raw.ivs, sessions.StageQuery{StageARN: wireExampleARN}).All(ctx))
	var invalid *ivstypes.ValidationException
	if !errors.As(err, &invalid) || aws.ToString(invalid.ExceptionMessage) != "stageArn does not match pattern" {
		t.Errorf("stage err = %v, want *types.ValidationException with the exceptionMessage", err)
	}

	_, err = sessions.Collect(wireMustStudio(t, raw.nim, sessions.StudioQuery{StudioID: "studio-abc"}).All(ctx))
	var throttled *nimbletypes.ThrottlingException
	if !errors.As(err, &throttled) || throttled.ErrorMessage() != "Rate exceeded" || throttled.Context["retryAfterSeconds"] != "1" {
		t.Errorf("studio err = %v, want *types.ThrottlingException with message and context", err)
	}
	var le *sessions.ListError
	if !errors.As(err, &le) || le.Op != "ListStreamingSessions" || le.Parent != "studio-abc" || le.Page != 1 {
		t.Errorf("studio err = %#v, want a *ListError for ListStreamingSessions studio-abc page 1", le)
	}
}

func TestWireTimestampsWithOffsetsAndFractions(t *testing.T) {
	ist := time.FixedZone("IST", 5*3600+1800)
	nyc := time.FixedZone("EST", -5*3600)
	items := []fakeaws.StageSession{
		{SessionID: "st-0000000000001", StartTime: time.Date(2024, 2, 29, 23, 59, 59, 999999999, ist), EndTime: time.Date(2024, 3, 1, 0, 0, 0, 1, nyc)},
		{SessionID: "st-0000000000002", StartTime: time.Date(2024, 3, 1, 12, 0, 0, 120000000, nyc)},
		{SessionID: "st-0000000000003", StartTime: time.Date(2024, 3, 2, 1, 2, 3, 4000, time.UTC), EndTime: time.Date(2024, 3, 2, 2, 0, 0, 0, ist)},
		{SessionID: "st-0000000000004", StartTime: time.Date(2024, 3, 3, 0, 0, 0, 0, ist)},
	}
	data := fakeaws.FromSlice(items)
	srv := wireServer(t, fakeaws.WithStage(wireARN, data))
	got, err := sessions.Collect(mustStage(t, srv.StageClient(), sessions.StageQuery{StageARN: wireARN}, sessions.PageSize(3)).All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wireStageWant(wireARN, data, sessions.StageQuery{}), got); diff != "" {
		t.Errorf("All() mismatch (-want +got):\n%s", diff)
	}
	for i, s := range got {
		if s.Active() != items[i].EndTime.IsZero() {
			t.Errorf("item %d: Active() = %v, want %v", i, s.Active(), items[i].EndTime.IsZero())
		}
	}
}
