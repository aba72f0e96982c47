package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/sessionkit/sessions"
)

// stageClient returns an IVS Real-Time client for cfg and --endpoint-url.
func stageClient(cfg aws.Config, endpoint string) *ivsrealtime.Client {
	return ivsrealtime.NewFromConfig(cfg, func(o *ivsrealtime.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			return st.Deserialize.Add(exceptionMessage{}, middleware.After)
		})
	})
}

// exceptionMessage copies "exceptionMessage", where IVS puts the text of its
// errors, to "message" in an error response's body. The SDK reads only
// "message" for errors the operation does not model (ResourceNotFound,
// InternalServer, Throttling...), and would otherwise report "UnknownError".
// It sits next to the transport, below the operation's deserializer.
type exceptionMessage struct{}

func (exceptionMessage) ID() string { return "sessions/ExceptionMessage" }

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
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return out, md, nil
}

// apiMessage returns the message of a service error. IVS's modelled errors
// carry it in ExceptionMessage and leave ErrorMessage empty.
func apiMessage(err error, api smithy.APIError) string {
	msg := api.ErrorMessage()
	var ve *ivstypes.ValidationException
	var ae *ivstypes.AccessDeniedException
	switch {
	case msg != "" && msg != "UnknownError":
	case errors.As(err, &ve) && ve.ExceptionMessage != nil:
		msg = *ve.ExceptionMessage
	case errors.As(err, &ae) && ae.ExceptionMessage != nil:
		msg = *ae.ExceptionMessage
	case msg == "UnknownError":
		msg = ""
	}
	return oneLine(msg)
}

// optionNames maps the fields and options of the library's InputError to
// the options that set them.
var optionNames = []struct{ field, option string }{
	{"StageQuery.StageARN", "--stage-arn"},
	{"StageQuery.StartedAfter", "--started-after"},
	{"StageQuery.StartedBefore", "--started-before"},
	{"StageQuery.Status", "--active/--ended"},
	{"StudioQuery.StudioID", "--studio-id"},
	{"StudioQuery.SessionIDs", "--session-ids"},
	{"StudioQuery.States", "--state"},
	{"StartedAfter", "--started-after"},
	{"StartedBefore", "--started-before"},
	{"SessionIDs", "--session-ids"},
	{"PageSize", "--page-size"},
	{"MaxItems", "--max-items"},
	{"StartingToken", "--starting-token"},
	{"Prefetch", "--prefetch"},
	{"State", "--state"},
	{"limit", "--concurrency"},
}

// paramError2 turns the library's *InputError into a parameter error
// (exit status 252) naming the option; other errors pass through.
func paramError2(err error) error {
	var ie *sessions.InputError
	if !errors.As(err, &ie) {
		return err
	}
	name := ie.Field
	for _, m := range optionNames {
		if name == m.field || strings.HasPrefix(name, m.field+"[") {
			name = m.option
			break
		}
	}
	reason := ie.Reason
	for _, m := range optionNames {
		if strings.Contains(m.field, ".") {
			continue // a reason names a sibling field by its short name
		}
		for _, after := range []string{"[", " ", ")"} {
			reason = strings.ReplaceAll(reason, m.field+after, m.option+after)
		}
	}
	reason = strings.ReplaceAll(reason, "a cursor from Paginator.Cursor", "a NextToken printed by sessions")
	return paramf("Parameter validation failed:\n%s %q: %s", name, shorten(ie.Value), reason)
}
