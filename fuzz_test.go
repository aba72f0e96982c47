package sessions_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
)

// The fuzz targets serve arbitrary response bodies, with a status picked
// from a few the services use, to the real SDK clients and list through the
// library. Whatever the body, the listing must end with an error or with
// valid items, never panic or hang. Every request gets the same answer, so a
// page with a nextToken is followed by the same page with the same token,
// which must end in ErrTokenLoop after exactly two requests.

// wireFuzzStatuses are the statuses a fuzz input can pick; 200 is the most
// interesting, so it comes up most.
var wireFuzzStatuses = []int{200, 200, 200, 200, 400, 403, 404, 429, 500, 503}

// wireFuzzServer is a raw server that answers every request with the
// current status and body, and counts requests.
type wireFuzzServer struct {
	wireRaw
	status   atomic.Int64
	body     atomic.Pointer[[]byte]
	requests atomic.Int64
}

func newWireFuzzServer(f *testing.F) *wireFuzzServer {
	s := &wireFuzzServer{}
	s.wireRaw = wireRawServer(f, func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Amzn-Requestid", "req-fuzz")
		w.WriteHeader(int(s.status.Load()))
		w.Write(*s.body.Load())
	})
	return s
}

// set makes the server answer with body and the status code picks, and
// resets the request count.
func (s *wireFuzzServer) set(code uint8, body []byte) int {
	status := wireFuzzStatuses[int(code)%len(wireFuzzStatuses)]
	s.status.Store(int64(status))
	s.body.Store(&body)
	s.requests.Store(0)
	return status
}

// wireShadowPage decodes body the way the SDK's restJson1 deserializers
// see it (encoding/json into generic values, exact member names, the last
// of repeated members) and returns, for each item of the list member, the
// values of the string members fields ("" when absent or null) joined by
// "|", and the nextToken. ok is false when the body is not a JSON object or
// null.
func wireShadowPage(body []byte, list string, fields []string) (values []string, next string, ok bool) {
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var doc any
	if err := d.Decode(&doc); err != nil {
		return nil, "", false
	}
	if doc == nil {
		return nil, "", true
	}
	m, isMap := doc.(map[string]any)
	if !isMap {
		return nil, "", false
	}
	next, _ = m["nextToken"].(string)
	items, _ := m[list].([]any)
	for _, it := range items {
		obj, _ := it.(map[string]any)
		var vs []string
		for _, f := range fields {
			v, _ := obj[f].(string)
			vs = append(vs, v)
		}
		values = append(values, strings.Join(vs, "|"))
	}
	return values, next, true
}

// wireFuzzCheck checks the outcome of a listing of one fuzzed page: keys
// are the items' values of the shadowed fields, joined by "|".
func wireFuzzCheck(t *testing.T, status int, body []byte, list string, fields []string, keys []string, err error, requests int64) {
	t.Helper()
	if status != http.StatusOK {
		var le *sessions.ListError
		if !errors.As(err, &le) || le.Page != 1 || len(keys) != 0 || requests != 1 {
			t.Fatalf("status %d: %d items, %d requests, err %v; want none, 1 request and a *ListError for page 1", status, len(keys), requests, err)
		}
		return
	}
	if err != nil {
		if !errors.As(err, new(*sessions.ListError)) {
			t.Fatalf("err = %v (%T), want a *ListError", err, err)
		}
		if requests > 2 {
			t.Fatalf("%d requests for a listing whose every page is the same, want at most 2", requests)
		}
	}
	want, next, ok := wireShadowPage(body, list, fields)
	if !ok {
		return // the SDK may still accept it (an empty body, for one); only the absence of a panic counts
	}
	switch {
	case err == nil && next != "":
		t.Fatalf("listing ended without error although every page carries nextToken %q", next)
	case err == nil:
		if diff := cmp.Diff(want, keys, wireOpts); diff != "" {
			t.Fatalf("items (-want +got):\n%s", diff)
		}
	case errors.Is(err, sessions.ErrTokenLoop):
		if next == "" || requests != 2 {
			t.Fatalf("ErrTokenLoop after %d requests with nextToken %q; want it after 2 with a token", requests, next)
		}
		if diff := cmp.Diff(append(append([]string(nil), want...), want...), keys, wireOpts); diff != "" {
			t.Fatalf("items of the two pages before the loop (-want +got):\n%s", diff)
		}
	}
}

// wireFuzzContext bounds one listing; a hang fails the input.
func wireFuzzContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func FuzzStagePageDecoding(f *testing.F) {
	for _, seed := range []struct {
		code uint8 // index into wireFuzzStatuses
		body string
	}{
		{0, wireExampleStagePage1},
		{0, wireExampleStagePage2},
		{4, wireExampleIVSInvalid},
		{7, `{"exceptionMessage":"Rate exceeded"}`},
		{8, `<html><body>Internal error</body></html>`},
		{0, ``},
		{0, `null`},
		{0, `{}`},
		{0, `[]`},
		{0, `{"stageSessions":null}`},
		{0, `{"stageSessions":[null,{}]}`},
		{0, `{"stageSessions":[],"nextToken":"next"}`},
		{0, `{"stageSessions":[{"sessionId":"st-1"}],"nextToken":""}`},
		{0, `{"stageSessions":[{"sessionId":1}]}`},
		{0, `{"stageSessions":[{"sessionId":"st-1","startTime":1714557600}]}`},
		{0, `{"stageSessions":[{"sessionId":"st-1","startTime":"yesterday"}]}`},
		{0, `{"stageSessions":[{"sessionId":"st-1","endTime":"2024-05-01T11:00:00.123456789-07:30"}]}`},
		{0, `{"stageSessions":[{"sessionId":"st-\ud800"}],"stageSessions":[{"sessionId":"st-2"}],"unknown":{"a":[1,2]}}`},
		{0, `{"stageSessions":{"sessionId":"st-1"}}`},
		{0, `{"nextToken":5}`},
		{0, wireExampleStagePage1[:len(wireExampleStagePage1)/2]},
		{0, strings.Repeat("[", 10000)},
		{0, `{"stageSessions":[{"sessionId":"st-1"}]} trailing garbage`},
	} {
		f.Add(seed.code, []byte(seed.body))
	}
	srv := newWireFuzzServer(f)
	f.Fuzz(func(t *testing.T, code uint8, body []byte) {
		status := srv.set(code, body)
		p, err := sessions.StageSessions(srv.ivs, sessions.StageQuery{StageARN: wireExampleARN})
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for s, err := range p.All(wireFuzzContext(t)) {
			if err != nil {
				wireFuzzCheck(t, status, body, "stageSessions", []string{"sessionId"}, keys, err, srv.requests.Load())
				return
			}
			if s.StageARN != wireExampleARN {
				t.Fatalf("StageARN = %q, want %q", s.StageARN, wireExampleARN)
			}
			keys = append(keys, s.ID)
		}
		wireFuzzCheck(t, status, body, "stageSessions", []string{"sessionId"}, keys, nil, srv.requests.Load())
	})
}

func FuzzStudioPageDecoding(f *testing.F) {
	for _, seed := range []struct {
		code uint8
		body string
	}{
		{0, wireExampleStudioPage1},
		{0, wireExampleStudioPage2},
		{7, wireExampleThrottled},
		{4, `{"code":"ValidationException","message":"sessionIds malformed","context":{"field":"sessionIds"}}`},
		{6, `{"__type":"com.amazonaws.nimble#ResourceNotFoundException"}`},
		{0, ``},
		{0, `{}`},
		{0, `{"sessions":[null]}`},
		{0, `{"sessions":[{"sessionId":"s-1","state":"HIBERNATING","statusCode":"NEW_CODE","backupMode":"SOMETIMES"}]}`},
		{0, `{"sessions":[{"sessionId":"s-1","tags":{"a":"b","c":null}}],"nextToken":"t"}`},
		{0, `{"sessions":[{"sessionId":"s-1","tags":{"a":1}}]}`},
		{0, `{"sessions":[{"sessionId":"s-1","maxBackupsToRetain":1e99}]}`},
		{0, `{"sessions":[{"sessionId":"s-1","maxBackupsToRetain":2.5}]}`},
		{0, `{"sessions":[{"sessionId":"s-1","volumeConfiguration":{"size":-1,"iops":"x"}}]}`},
		{0, `{"sessions":[{"sessionId":"s-1","createdAt":"2023-01-02T03:04:05"}]}`},
		{0, `{"sessions":[{"sessionId":"s-1","stoppedAt":1672531200}]}`},
		{0, wireExampleStudioPage1[:len(wireExampleStudioPage1)-3]},
	} {
		f.Add(seed.code, []byte(seed.body))
	}
	srv := newWireFuzzServer(f)
	f.Fuzz(func(t *testing.T, code uint8, body []byte) {
		status := srv.set(code, body)
		p, err := sessions.StreamingSessions(srv.nim, sessions.StudioQuery{StudioID: "studio-abc"})
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for s, err := range p.All(wireFuzzContext(t)) {
			if err != nil {
				wireFuzzCheck(t, status, body, "sessions", []string{"sessionId", "state"}, keys, err, srv.requests.Load())
				return
			}
			if s.StudioID != "studio-abc" {
				t.Fatalf("StudioID = %q, want studio-abc", s.StudioID)
			}
			keys = append(keys, s.ID+"|"+string(s.State))
		}
		wireFuzzCheck(t, status, body, "sessions", []string{"sessionId", "state"}, keys, nil, srv.requests.Load())
	})
}
