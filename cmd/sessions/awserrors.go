package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

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
		return fmt.Sprintf("An error occurred (%s) when calling the %s operation%s: %s", api.ErrorCode(), op, retryInfo(err), apiMessage(api))
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

// botoErrorBodies is an HTTP client that rewrites the error answers the
// SDK cannot read (a proxy's HTML page, a text "404 page not found", an
// empty body) into the AWS JSON error botocore reads from them, so that
// the SDK reports the code and message the AWS CLI prints.
type botoErrorBodies struct{ c aws.HTTPClient }

func (b botoErrorBodies) Do(r *http.Request) (*http.Response, error) {
	resp, err := b.c.Do(r)
	if err != nil || resp.StatusCode < 300 {
		return resp, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	rest := io.Reader(eofReader{})
	if err != nil {
		rest = errReader{err} // the SDK sees the failure it would have seen
	} else {
		body = botoErrorBody(resp, body)
		resp.ContentLength = int64(len(body))
		resp.Header.Del("Content-Length")
	}
	resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), rest))
	return resp, nil
}

// maxErrorBody bounds what an error answer is read into memory for.
const maxErrorBody = 1 << 20

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// botoErrorBody returns the body of an error answer as botocore's
// rest-json parser reads it, as AWS JSON: a 5xx whose body is empty or an
// HTML page is the status and its reason ("502", "Bad Gateway"); a body
// that is not JSON is the message as it is, an empty one no message; the
// code is the x-amzn-ErrorType header's, else the body's, else the
// status. Bodies the SDK reads alike, and JSON that is no object, stay.
func botoErrorBody(resp *http.Response, body []byte) []byte {
	status := strconv.Itoa(resp.StatusCode)
	trimmed := bytes.TrimSpace(body)
	if resp.StatusCode >= 500 && (len(trimmed) == 0 || bytes.HasPrefix(trimmed, []byte("<html>"))) {
		resp.Header.Del("X-Amzn-ErrorType") // botocore does not look at it here
		return awsErrorJSON(status, http.StatusText(resp.StatusCode))
	}
	var obj map[string]json.RawMessage
	switch {
	case len(trimmed) == 0:
		return awsErrorJSON(status, "")
	case json.Unmarshal(body, &obj) != nil:
		if json.Valid(body) {
			return body
		}
		return awsErrorJSON(status, string(body))
	}
	for k := range obj {
		if strings.EqualFold(k, "__type") || strings.EqualFold(k, "code") {
			return body
		}
	}
	obj["__type"] = json.RawMessage(strconv.Quote(status))
	b, _ := json.Marshal(obj) // raw members of a decoded object encode again
	return b
}

func awsErrorJSON(code, message string) []byte {
	b, _ := json.Marshal(struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}{code, message})
	return b
}

// retriesExhausted is an operation's error when its last attempt was the
// last one allowed: botocore then adds "(reached max retries: N)" to the
// message, whether or not that last error could have been retried.
type retriesExhausted struct {
	retries int
	err     error
}

func (e *retriesExhausted) Error() string { return e.err.Error() }
func (e *retriesExhausted) Unwrap() error { return e.err }

type attemptsKey struct{}

// countAttempts returns the stack option that counts an operation's
// attempts and marks its error with retriesExhausted when it made all
// maxAttempts of them.
func countAttempts(maxAttempts int) func(*middleware.Stack) error {
	return func(s *middleware.Stack) error {
		outer := middleware.InitializeMiddlewareFunc("sessionsCountAttempts", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			n := new(int)
			out, md, err := next.HandleInitialize(context.WithValue(ctx, attemptsKey{}, n), in)
			if err != nil && *n >= maxAttempts {
				err = &retriesExhausted{retries: *n - 1, err: err}
			}
			return out, md, err
		})
		if err := s.Initialize.Add(outer, middleware.Before); err != nil {
			return err
		}
		each := middleware.FinalizeMiddlewareFunc("sessionsAttempt", func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			if n, ok := ctx.Value(attemptsKey{}).(*int); ok {
				*n++ // attempts follow one another: no lock
			}
			return next.HandleFinalize(ctx, in)
		})
		return s.Finalize.Insert(each, "Retry", middleware.After)
	}
}

// retryInfo is botocore's note on an error that used every attempt.
func retryInfo(err error) string {
	var re *retriesExhausted
	if errors.As(err, &re) {
		return fmt.Sprintf(" (reached max retries: %d)", re.retries)
	}
	return ""
}
