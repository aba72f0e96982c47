package sessions

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"

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
// ErrorMessage() carry it. Responses that already carry a message (a
// "message" key in any case, as the SDK matches it) or whose
// exceptionMessage is not a JSON string are left alone, and passing the
// option twice is harmless.
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
		body = withMessage(body)
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

// withMessage returns body with "message" set to its "exceptionMessage"
// when that is a JSON string and body has no message the SDK would read:
// the SDK decodes the message into a string field matched ignoring case
// (encoding/json's rule), so "Message" or "MESSAGE" is one too, and any
// other value there would make its decoding fail. The key is put first and
// the rest of the body is kept byte for byte, so nothing else changes.
func withMessage(body []byte) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return body
	}
	var text string
	if json.Unmarshal(m["exceptionMessage"], &text) != nil || bytes.Equal(m["exceptionMessage"], []byte("null")) {
		return body
	}
	for k := range m {
		if strings.EqualFold(k, "message") {
			return body
		}
	}
	open := bytes.IndexByte(body, '{') + 1 // an object, and the key makes it non-empty
	out := make([]byte, 0, len(body)+len(m["exceptionMessage"])+len(`"message":,`))
	out = append(out, body[:open]...)
	out = append(out, `"message":`...)
	out = append(out, m["exceptionMessage"]...)
	out = append(out, ',')
	return append(out, body[open:]...)
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
