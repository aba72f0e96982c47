package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"

	"github.com/sessionkit/sessions"
)

// describe returns the AWS CLI's message for a failed request.
func describe(err error) string {
	var api smithy.APIError
	var le *sessions.ListError
	op := ""
	if errors.As(err, &le) {
		op = le.Op
	}
	var oe *smithy.OperationError
	if errors.As(err, &oe) {
		op = oe.OperationName
	}
	var ue *url.Error
	switch {
	case errors.Is(err, sessions.ErrTokenLoop):
		return "The same next token was received twice: the service returned a page token it had already returned; stopped instead of looping"
	case errors.As(err, &api) && isResponseError(err):
		return fmt.Sprintf("An error occurred (%s) when calling the %s operation: %s", api.ErrorCode(), op, apiMessage(api))
	case errors.As(err, &ue):
		var oe *net.OpError
		switch {
		case errors.As(err, &oe) && oe.Op == "dial" && oe.Timeout():
			return fmt.Sprintf("Connect timeout on endpoint URL: %q", ue.URL)
		case ue.Timeout():
			return fmt.Sprintf("Read timeout on endpoint URL: %q", ue.URL)
		}
		return fmt.Sprintf("Could not connect to the endpoint URL: %q", ue.URL)
	}
	return oneLine(err.Error())
}

// isResponseError reports whether err came from a response of the service
// (exit status 254), as opposed to a failure to get one.
func isResponseError(err error) bool {
	var re *awshttp.ResponseError
	return errors.As(err, &re) && re.HTTPStatusCode() >= 300
}

// exitCode returns the AWS CLI's exit status for a failed listing.
func exitCode(err error) int {
	var api smithy.APIError
	switch {
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.As(err, &api) && isResponseError(err):
		return exitService
	}
	return exitFailure
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
