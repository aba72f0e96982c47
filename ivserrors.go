package sessions

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// IVSErrorMessages is an option for *ivsrealtime.Client that gives IVS
// errors their text. IVS sends it as "exceptionMessage", which the SDK reads
// only into the ExceptionMessage field of the errors it models for an
// operation; every other error (throttling, internal errors, a stage that
// does not exist) then reads "UnknownError" or nothing. With this option the
// text is the error's message too: err.Error() and smithy.APIError's
// ErrorMessage() carry it. Responses that already carry a "message" are
// left alone, and passing the option twice is harmless.
//
//	client := ivsrealtime.NewFromConfig(cfg, sessions.IVSErrorMessages)
func IVSErrorMessages(o *ivsrealtime.Options) {
	o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
		if _, ok := st.Deserialize.Get(exceptionMessage{}.ID()); ok {
			return nil
		}
		// After: next to the transport, below the operation's deserializer,
		// so that the SDK decodes the rewritten body; Before: above it, so
		// that it sees the typed error the SDK made.
		if err := st.Deserialize.Add(exceptionMessage{}, middleware.After); err != nil {
			return err
		}
		return st.Deserialize.Add(modelledMessage{}, middleware.Before)
	})
}

// exceptionMessage copies "exceptionMessage" to "message" in the body of an
// error response, where the SDK looks for the message of errors it does not
// model.
type exceptionMessage struct{}

func (exceptionMessage) ID() string { return "sessions/IVSErrorMessages" }

func (exceptionMessage) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
	out, md, err := next.HandleDeserialize(ctx, in)
	resp, ok := out.RawResponse.(*smithyhttp.Response)
	if err != nil || !ok || resp.StatusCode < 300 || resp.Body == nil {
		return out, md, err
	}
	body, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	if rerr == nil {
		var m map[string]json.RawMessage
		if json.Unmarshal(body, &m) == nil && m["message"] == nil && m["exceptionMessage"] != nil {
			m["message"] = m["exceptionMessage"]
			if b, err := json.Marshal(m); err == nil {
				body = b
			}
		}
	}
	// A body that could not be read in full is passed on as far as it
	// got, then its read error, so that the SDK reports it as it would
	// have without the option.
	var rest io.Reader = bytes.NewReader(body)
	if rerr != nil {
		rest = io.MultiReader(rest, failingReader{rerr})
	}
	resp.Body = io.NopCloser(rest)
	// The client's response log (aws.LogResponseWithBody) dumps the body
	// by Content-Length, and fails the request when they disagree.
	resp.ContentLength = int64(len(body))
	return out, md, nil
}

// modelledMessage copies ExceptionMessage to Message in the errors the SDK
// models (ValidationException, AccessDeniedException, ...): its decoder
// fills only the former, and ErrorMessage reads only the latter.
type modelledMessage struct{}

func (modelledMessage) ID() string { return "sessions/IVSErrorMessages.modelled" }

func (modelledMessage) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
	out, md, err := next.HandleDeserialize(ctx, in)
	var api smithy.APIError
	if errors.As(err, &api) {
		if v := reflect.ValueOf(api); v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
			msg, text := v.Elem().FieldByName("Message"), v.Elem().FieldByName("ExceptionMessage")
			if msg.IsValid() && msg.Kind() == reflect.Pointer && text.IsValid() && msg.Type() == text.Type() && msg.CanSet() && msg.IsNil() {
				msg.Set(text)
			}
		}
	}
	return out, md, err
}

type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }
