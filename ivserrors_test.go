package sessions_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/smithy-go"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// IVSErrorMessages gives IVS errors their text, through the real client:
// without it, errors the operation does not model read "UnknownError".
func TestIVSErrorMessages(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault fakeaws.Fault
		code  string
	}{
		{"not modelled", fakeaws.Fault{Kind: fakeaws.FaultError, Status: 404, Code: "ResourceNotFoundException", Message: "stage not found"}, "ResourceNotFoundException"},
		{"modelled", fakeaws.Fault{Kind: fakeaws.FaultError, Status: 400, Code: "ValidationException", Message: "stageArn is bad"}, "ValidationException"},
	} {
		for _, with := range []bool{false, true} {
			t.Run(tc.name, func(t *testing.T) {
				srv := wireServer(t, fakeaws.WithStage(wireARN, fakeaws.GenStageSessions(3, 1)))
				srv.Inject(tc.fault)
				var opts []func(*ivsrealtime.Options)
				if with {
					opts = append(opts, sessions.IVSErrorMessages, sessions.IVSErrorMessages) // twice is harmless
				}
				p := mustStage(t, srv.StageClient(opts...), sessions.StageQuery{StageARN: wireARN})
				_, err := sessions.Collect(p.All(context.Background()))
				var api smithy.APIError
				if !errors.As(err, &api) || api.ErrorCode() != tc.code {
					t.Fatalf("err = %v, want a smithy.APIError with code %s", err, tc.code)
				}
				has := api.ErrorMessage() == tc.fault.Message && strings.Contains(err.Error(), tc.fault.Message)
				if has != with {
					t.Errorf("with the option %v: ErrorMessage() = %q, Error() = %q; want the text %q: %v", with, api.ErrorMessage(), err, tc.fault.Message, with)
				}
				var ve *ivstypes.ValidationException
				if tc.code == "ValidationException" && (!errors.As(err, &ve) || ve.ExceptionMessage == nil || *ve.ExceptionMessage != tc.fault.Message) {
					t.Errorf("ValidationException.ExceptionMessage lost: %v", err)
				}
			})
		}
	}
}

// An error body cut short is reported as without the option: the read
// error reaches the SDK.
func TestIVSErrorMessagesCutBody(t *testing.T) {
	raw := wireRawServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Amzn-Errortype", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.ivs/")
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(404)
		w.Write([]byte(`{"exceptionMessage":"stage not`))
	})
	var msgs []string
	for _, optFns := range [][]func(*ivsrealtime.Options){nil, {sessions.IVSErrorMessages}} {
		client := ivsrealtime.New(raw.ivs.Options(), optFns...)
		p := mustStage(t, client, sessions.StageQuery{StageARN: wireARN})
		_, err := sessions.Collect(p.All(context.Background()))
		if err == nil {
			t.Fatal("no error for a cut error body")
		}
		var le *sessions.ListError
		if !errors.As(err, &le) {
			t.Fatalf("err = %v, want a *ListError", err)
		}
		msgs = append(msgs, le.Err.Error())
	}
	if strings.ReplaceAll(msgs[0], "RequestID: ", "") != strings.ReplaceAll(msgs[1], "RequestID: ", "") {
		t.Errorf("without the option: %q\nwith it: %q\nwant the same error", msgs[0], msgs[1])
	}
}

// IVSErrorMessages copies only a JSON string, and leaves a body that has a
// message under any spelling the SDK reads alone: through the real client,
// the error keeps its code and message (issue 15, item 4). An empty
// message means the one the client gives without the option.
func TestIVSErrorMessagesLeavesOtherBodiesAlone(t *testing.T) {
	for _, tc := range []struct {
		name, body, message string
	}{
		{"number", `{"exceptionMessage":42}`, ""},
		{"object", `{"exceptionMessage":{"text":"no"}}`, ""},
		{"null", `{"exceptionMessage":null}`, ""},
		{"Message kept", `{"Message":"kept","exceptionMessage":"other"}`, "kept"},
		{"MESSAGE kept", `{"exceptionMessage":"other","MESSAGE":"kept"}`, "kept"},
		{"string copied", ` {"exceptionMessage":"the text","x":[1,{"y":2}]}`, "the text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := wireRawServer(t, func(w http.ResponseWriter, r *http.Request) {
				wireWrite(w, 500, "InternalServerException", tc.body)
			})
			var msgs [2]string
			for i, optFns := range [][]func(*ivsrealtime.Options){nil, {sessions.IVSErrorMessages}} {
				p := mustStage(t, ivsrealtime.New(raw.ivs.Options(), optFns...), sessions.StageQuery{StageARN: wireARN})
				_, err := sessions.Collect(p.All(context.Background()))
				var api smithy.APIError
				if !errors.As(err, &api) || api.ErrorCode() != "InternalServerException" {
					t.Fatalf("with the option %v: err = %v, want a smithy.APIError with code InternalServerException", i == 1, err)
				}
				msgs[i] = api.ErrorMessage()
			}
			want := tc.message
			if want == "" {
				want = msgs[0]
			}
			if msgs[1] != want {
				t.Errorf("ErrorMessage() = %q with the option, %q without; want %q", msgs[1], msgs[0], want)
			}
		})
	}
}

// FuzzIVSErrorMessages sends arbitrary error bodies through the real client:
// with the option, an error is an APIError with the same code whenever it
// is one without, and its message is the body's exceptionMessage only when
// that is a string and the body has no message of its own.
func FuzzIVSErrorMessages(f *testing.F) {
	for _, body := range []string{`{"exceptionMessage":"text"}`, `{"exceptionMessage":42}`, `{"Message":"kept","exceptionMessage":"x"}`, `{}`, `[1]`, `not json`, ` {"exceptionMessage":"a\"b","n":{"m":[]}}`} {
		f.Add(body)
	}
	var body atomic.Value
	raw := wireRawServer(f, func(w http.ResponseWriter, r *http.Request) {
		wireWrite(w, 500, "InternalServerException", body.Load().(string))
	})
	with := ivsrealtime.New(raw.ivs.Options(), sessions.IVSErrorMessages)
	f.Fuzz(func(t *testing.T, b string) {
		body.Store(b)
		var apis [2]smithy.APIError
		for i, client := range []*ivsrealtime.Client{raw.ivs, with} {
			_, err := sessions.Collect(mustStage(t, client, sessions.StageQuery{StageARN: wireARN}).All(context.Background()))
			errors.As(err, &apis[i])
		}
		if apis[0] == nil {
			return
		}
		if apis[1] == nil || apis[1].ErrorCode() != apis[0].ErrorCode() {
			t.Fatalf("body %q: without the option %v, with it %v", b, apis[0], apis[1])
		}
		var m map[string]any
		text, isText := "", false
		if json.Unmarshal([]byte(b), &m) == nil {
			text, isText = m["exceptionMessage"].(string)
			for k := range m {
				isText = isText && !strings.EqualFold(k, "message")
			}
		}
		if want := apis[0].ErrorMessage(); isText {
			want = text
			if text == "" {
				want = apis[0].ErrorMessage()
			}
			if got := apis[1].ErrorMessage(); got != want {
				t.Fatalf("body %q: message %q with the option, want %q", b, got, want)
			}
		} else if got := apis[1].ErrorMessage(); got != want {
			t.Fatalf("body %q: message %q with the option, %q without; want it unchanged", b, got, want)
		}
	})
}
