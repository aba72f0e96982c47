//lint:file-ignore SA1019 the Nimble SDK is deprecated as a whole; this package exists to test it.

package fakeaws_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

var tokenForm = regexp.MustCompile(`^[a-zA-Z0-9+/=_-]+$`)

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The WIRE.md §4 example pages, served and decoded by the real clients.
func TestWireExampleStage(t *testing.T) {
	data := fakeaws.FromSlice([]fakeaws.StageSession{
		{SessionID: "st-1a2b3c4d5e6f7", StartTime: mustTime(t, "2024-05-01T10:00:00Z"), EndTime: mustTime(t, "2024-05-01T11:00:00.123Z")},
		{SessionID: "st-7g8h9i0j1k2l3", StartTime: mustTime(t, "2024-05-02T10:00:00+02:00")},
		{SessionID: "st-3m4n5o6p7q8r9", StartTime: mustTime(t, "2024-05-03T10:00:00Z")},
	})
	srv := newServer(t, fakeaws.WithStage(stageARN, data), fakeaws.WithRequestLog(10))
	got, pages, err := listStage(t, srv.StageClient(), stageIn(aws.Int32(2)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stageSDK(data.Items()), got, ignoreSDK); diff != "" {
		t.Errorf("items mismatch (-want +got):\n%s", diff)
	}
	if got[1].EndTime != nil || got[2].EndTime != nil {
		t.Errorf("active sessions decoded with EndTime %v, %v; want nil", got[1].EndTime, got[2].EndTime)
	}
	if !got[1].StartTime.Equal(time.Date(2024, 5, 2, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("offset start time decoded as %v", got[1].StartTime)
	}
	if pages != 2 {
		t.Errorf("pages = %d, want 2", pages)
	}
	log := srv.Log()
	if len(log) != 2 || log[0].NextToken != nil || log[1].NextToken == nil || *log[1].MaxResults != 2 {
		t.Fatalf("request log = %+v, want a first request without token and a second with one, both maxResults 2", log)
	}
	if tok := *log[1].NextToken; len(tok) > 1024 || !tokenForm.MatchString(tok) {
		t.Errorf("token %q does not have the documented form", tok)
	}
}

func TestWireExampleStudio(t *testing.T) {
	data := fakeaws.FromSlice([]fakeaws.StreamingSession{
		{ID: "session-1", CreatedBy: "user-a", State: "READY", StatusCode: "STREAMING_SESSION_READY",
			CreatedAt: mustTime(t, "2023-01-02T03:04:05Z"), BackupMode: "AUTOMATIC", MaxBackupsToRetain: 3,
			VolumeConfiguration: fakeaws.VolumeConfiguration{SizeGiB: 500, ThroughputMiBps: 125, IOPS: 3000}},
		{ID: "session-2", CreatedBy: "user-a", State: "STOPPED", StoppedAt: mustTime(t, "2023-01-03T00:00:00.5Z")},
		{ID: "session-3", CreatedBy: "user-b", State: "SOME_FUTURE_STATE"},
	})
	srv := newServer(t, fakeaws.WithStudio(studioID, data), fakeaws.WithStudioPageSize(1))
	in := studioIn()
	in.CreatedBy = aws.String("user-a")
	got, pages, err := listStudio(t, srv.StudioClient(), in)
	if err != nil {
		t.Fatal(err)
	}
	want := []nimbletypes.StreamingSession{
		{SessionId: aws.String("session-1"), CreatedBy: aws.String("user-a"), State: nimbletypes.StreamingSessionStateReady,
			StatusCode: nimbletypes.StreamingSessionStatusCodeStreamingSessionReady,
			CreatedAt:  aws.Time(time.Date(2023, 1, 2, 3, 4, 5, 0, time.UTC)), BackupMode: nimbletypes.SessionBackupModeAutomatic,
			MaxBackupsToRetain:  3,
			VolumeConfiguration: &nimbletypes.VolumeConfiguration{Size: aws.Int32(500), Throughput: aws.Int32(125), Iops: aws.Int32(3000)}},
		{SessionId: aws.String("session-2"), CreatedBy: aws.String("user-a"), State: nimbletypes.StreamingSessionStateStopped,
			StoppedAt: aws.Time(time.Date(2023, 1, 3, 0, 0, 0, 5e8, time.UTC))},
	}
	if diff := cmp.Diff(want, got, ignoreSDK); diff != "" {
		t.Errorf("items mismatch (-want +got):\n%s", diff)
	}
	if pages != 2 {
		t.Errorf("pages = %d, want 2 (no token after the last match)", pages)
	}
	// Unknown enum values pass through untouched.
	all, _, err := listStudio(t, srv.StudioClient(), studioIn())
	if err != nil || len(all) != 3 || all[2].State != "SOME_FUTURE_STATE" {
		t.Errorf("unfiltered listing: %d items, err %v; want the unknown state kept", len(all), err)
	}
}

// rawRequest sends an unsigned-but-plausible request, to look at the bytes.
func rawRequest(t *testing.T, method, url, auth, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-west-2/"+auth+"/aws4_request, SignedHeaders=host, Signature=00")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func TestWireBytes(t *testing.T) {
	data := fakeaws.FromSlice([]fakeaws.StageSession{
		{SessionID: "st-AAAAAAAAAAAAA", StartTime: mustTime(t, "2024-05-01T10:00:00Z")},
		{SessionID: "st-BBBBBBBBBBBBB", StartTime: mustTime(t, "2024-05-02T10:00:00.25+02:00")},
		{SessionID: "st-CCCCCCCCCCCCC", StartTime: mustTime(t, "2024-05-03T10:00:00Z"), EndTime: mustTime(t, "2024-05-03T11:00:00Z")},
	})
	srv := newServer(t, fakeaws.WithStage(stageARN, data))
	defer http.DefaultClient.CloseIdleConnections()

	resp, body := rawRequest(t, "POST", srv.URL+"/ListStageSessions", "ivs", `{"stageArn":"`+stageARN+`"}`)
	want := `{"stageSessions":[{"sessionId":"st-AAAAAAAAAAAAA","startTime":"2024-05-01T10:00:00Z","endTime":null},` +
		`{"sessionId":"st-BBBBBBBBBBBBB","startTime":"2024-05-02T10:00:00.25+02:00"},` +
		`{"sessionId":"st-CCCCCCCCCCCCC","startTime":"2024-05-03T10:00:00Z","endTime":"2024-05-03T11:00:00Z"}]}`
	if diff := cmp.Diff(want, body); diff != "" {
		t.Errorf("body mismatch (-want +got):\n%s", diff)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" || resp.Header.Get("X-Amzn-RequestId") != "req-0001" {
		t.Errorf("status %d, headers %v", resp.StatusCode, resp.Header)
	}

	for _, tc := range []struct {
		name, method, path, auth, body string
		status                         int
		errType, bodyPart              string
	}{
		{"ivs validation", "POST", "/ListStageSessions", "ivs", `{"stageArn":"not-an-arn"}`, 400,
			"ValidationException:http://internal.amazon.com/coral/com.amazonaws.ivs/", `{"exceptionMessage":"stageArn does not match pattern ^arn:aws:ivs:`},
		{"nimble not found", "GET", "/2020-08-01/studios/nope/streaming-sessions", "nimble", "", 404,
			"ResourceNotFoundException", `{"code":"ResourceNotFoundException","message":"Studio not found: nope","context":{"resourceId":"nope"}}`},
		{"unsigned", "POST", "/ListStageSessions", "", `{"stageArn":"` + stageARN + `"}`, 403,
			"MissingAuthenticationTokenException:", `{"exceptionMessage":"Missing Authentication Token"}`},
		{"wrong signing name", "POST", "/ListStageSessions", "ivsrealtime", `{"stageArn":"` + stageARN + `"}`, 403,
			"InvalidSignatureException:", `Credential should be scoped to correct service: 'ivs'.`},
		{"unknown path", "GET", "/nothing", "nimble", "", 404, "UnknownOperationException", `"code":"UnknownOperationException"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := rawRequest(t, tc.method, srv.URL+tc.path, tc.auth, tc.body)
			if resp.StatusCode != tc.status || !strings.HasPrefix(resp.Header.Get("X-Amzn-ErrorType"), tc.errType) ||
				!strings.Contains(body, tc.bodyPart) || resp.Header.Get("Content-Type") != "application/json" {
				t.Errorf("got %d %q %q, want %d %q containing %q", resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), body, tc.status, tc.errType, tc.bodyPart)
			}
		})
	}
}

// Special characters round-trip through the hand-written encoder.
func TestWireEscaping(t *testing.T) {
	item := fakeaws.StreamingSession{
		ID:            "session-é",
		StatusMessage: "quote \" backslash \\ newline \n tab \t nul \x00 snowman ☃ bad \xff",
		Tags:          map[string]string{"k\"ey": "välue", "<html>": "&amp;"},
		CreatedAt:     time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.FixedZone("", -7*3600)),
	}
	srv := newServer(t, fakeaws.WithStudio(studioID, fakeaws.FromSlice([]fakeaws.StreamingSession{item})))
	got, _, err := listStudio(t, srv.StudioClient(), studioIn())
	if err != nil {
		t.Fatal(err)
	}
	want := fakeaws.StreamingSessionSDK(&item)
	want.StatusMessage = aws.String(strings.ToValidUTF8(item.StatusMessage, "\uFFFD"))
	if diff := cmp.Diff([]nimbletypes.StreamingSession{want}, got, ignoreSDK); diff != "" {
		t.Errorf("items mismatch (-want +got):\n%s", diff)
	}
}

func TestStageValidation(t *testing.T) {
	srv := newServer(t, fakeaws.WithStage(stageARN, fakeaws.GenStageSessions(10, 1)))
	c := srv.StageClient(noRetryStage)
	for _, tc := range []struct {
		name string
		in   *ivsrealtime.ListStageSessionsInput
		code string
	}{
		{"maxResults 0", stageIn(aws.Int32(0)), "ValidationException"},
		{"maxResults -1", stageIn(aws.Int32(-1)), "ValidationException"},
		{"maxResults 101", stageIn(aws.Int32(101)), "ValidationException"},
		{"maxResults 500", stageIn(aws.Int32(500)), "ValidationException"},
		{"malformed ARN", &ivsrealtime.ListStageSessionsInput{StageArn: aws.String("not-an-arn")}, "ValidationException"},
		{"token pattern", &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(stageARN), NextToken: aws.String("no spaces!")}, "ValidationException"},
		{"token too long", &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(stageARN), NextToken: aws.String(strings.Repeat("a", 1025))}, "ValidationException"},
		{"unknown stage", &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(stageARN2)}, "ResourceNotFoundException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.ListStageSessions(context.Background(), tc.in)
			if errorCode(err) != tc.code {
				t.Fatalf("error %v has code %q, want %q", err, errorCode(err), tc.code)
			}
			var ve *ivstypes.ValidationException
			if tc.code == "ValidationException" && (!errors.As(err, &ve) || ve.ExceptionMessage == nil || *ve.ExceptionMessage == "") {
				t.Errorf("error %v is not a *ValidationException with an ExceptionMessage", err)
			}
			var ge *smithy.GenericAPIError
			if tc.code == "ResourceNotFoundException" && !errors.As(err, &ge) {
				t.Errorf("error %T is not a *smithy.GenericAPIError (ListStageSessions does not model it)", err)
			}
		})
	}
	// A nil ARN is rejected by the SDK before anything is sent.
	before := srv.Stats().Requests
	if _, err := c.ListStageSessions(context.Background(), &ivsrealtime.ListStageSessionsInput{}); err == nil {
		t.Error("nil StageArn: no error")
	}
	if after := srv.Stats().Requests; after != before {
		t.Errorf("nil StageArn sent %d requests, want 0", after-before)
	}
}

func TestStudioNotFoundAndEscaping(t *testing.T) {
	const odd = "team/a b%c"
	srv := newServer(t, fakeaws.WithStudio(odd, fakeaws.GenStreamingSessions(3, 1)), fakeaws.WithRequestLog(10))
	c := srv.StudioClient(noRetryStudio)
	_, err := c.ListStreamingSessions(context.Background(), studioIn())
	var nf *nimbletypes.ResourceNotFoundException
	if !errors.As(err, &nf) || nf.Context["resourceId"] != studioID {
		t.Errorf("unknown studio: error %v, want *ResourceNotFoundException naming it", err)
	}
	got, _, err := listStudio(t, c, &nimble.ListStreamingSessionsInput{StudioId: aws.String(odd)})
	if err != nil || len(got) != 3 {
		t.Errorf("studio %q: %d items, err %v; want 3", odd, len(got), err)
	}
	if log := srv.Log(); len(log) != 2 || log[1].Parent != odd {
		t.Errorf("log = %+v, want the second request for %q", log, odd)
	}
}

func TestUnsignedClientRejected(t *testing.T) {
	srv := newServer(t, fakeaws.WithStage(stageARN, fakeaws.GenStageSessions(3, 1)))
	c := srv.StageClient(noRetryStage, func(o *ivsrealtime.Options) { o.Credentials = aws.AnonymousCredentials{} })
	_, err := c.ListStageSessions(context.Background(), stageIn(nil))
	if errorCode(err) != "MissingAuthenticationTokenException" {
		t.Errorf("anonymous client: error %v, want MissingAuthenticationTokenException", err)
	}
}
