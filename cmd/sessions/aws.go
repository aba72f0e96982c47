package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/sessionkit/sessions"
)

// A configLoader returns the AWS configuration for a region and a profile,
// either of which may be "" for the chain's default.
type configLoader func(ctx context.Context, region, profile string) (aws.Config, error)

// loadDefaultConfig reads the standard AWS configuration chain, as the AWS
// CLI does: environment, shared config and credentials files, SSO, web
// identity, container and instance roles.
func loadDefaultConfig(ctx context.Context, region, profile string) (aws.Config, error) {
	var opts []func(*config.LoadOptions) error
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	if profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(profile))
	}
	return config.LoadDefaultConfig(ctx, opts...)
}

// awsConfig loads the configuration for c's --region and --profile and
// checks that it names a region, since the SDK would only say so at the
// first request.
func awsConfig(ctx context.Context, e env, c *common) (aws.Config, error) {
	cfg, err := e.loadConfig(ctx, c.region, c.profile)
	var noProfile config.SharedConfigProfileNotExistError
	switch {
	case errors.As(err, &noProfile):
		return cfg, usagef("--profile %q: no such profile in the shared config or credentials file", noProfile.Profile)
	case err != nil:
		return cfg, fmt.Errorf("loading the AWS configuration: %w", err)
	case cfg.Region == "":
		return cfg, usagef("--region: no region is configured; pass --region, set AWS_REGION, or set region in the profile")
	}
	return cfg, nil
}

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
	return out, md, nil
}

// describe returns a one-line account of a listing error: the service's
// error code and message first, then where it happened.
func describe(err error) string {
	var le *sessions.ListError
	where := ""
	if errors.As(err, &le) {
		where = fmt.Sprintf(" (%s %s, page %d", le.Op, le.Parent, le.Page)
		var re *awshttp.ResponseError
		if errors.As(err, &re) && re.ServiceRequestID() != "" {
			where += ", request ID " + re.ServiceRequestID()
		}
		where += ")"
	}
	var api smithy.APIError
	switch {
	case errors.Is(err, context.Canceled):
		return "interrupted" + where
	case errors.Is(err, sessions.ErrTokenLoop):
		return "the service returned a page token it had already returned; stopped instead of looping" + where
	case errors.As(err, &api):
		return api.ErrorCode() + ": " + apiMessage(err, api) + where
	case le != nil:
		return oneLine(le.Err.Error()) + where
	}
	return oneLine(err.Error())
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
	case msg == "":
		msg = "(no message)"
	}
	return oneLine(msg)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
