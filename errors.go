package sessions

import (
	"errors"
	"strconv"
)

// ErrTokenLoop is returned, wrapped in a [*ListError], when the service hands
// back a page token it has already returned in the same listing: the same
// token twice in a row or a longer cycle. The items of the page that carried
// the repeated token are delivered first; then the listing stops instead of
// reading the same pages forever. A cursor taken after that is refused with
// an [*InputError] that wraps ErrTokenLoop.
var ErrTokenLoop = errors.New("the service repeated a page token")

// ErrStageDeleted is wrapped, together with the service's
// ResourceNotFoundException, in the [*ListError] that an [AccountSessions]
// fan-out yields for a stage that no longer exists (deleted after the
// listing began, or named in AccountQuery.StageARNs and not found). Its
// sessions are gone with it, so the stage counts as finished: the error is
// yielded once, the other stages go on, and no resume asks for it again.
var ErrStageDeleted = errors.New("the stage no longer exists; its listing counts as finished")

// An InputError reports bad input: a query field, an option or a starting
// token that the service would reject or that this package cannot honour.
// Constructors return it before any request is sent.
type InputError struct {
	Field  string // the field or option, e.g. "StageQuery.StageARN" or "PageSize"
	Value  string // the offending value, as the caller gave it
	Reason string // what is allowed
	Err    error  // the cause, if any (ErrTokenLoop for a cursor of a looping listing)
}

// Error names the field, the value and what is allowed.
func (e *InputError) Error() string {
	return "sessions: invalid " + e.Field + " " + strconv.Quote(e.Value) + ": " + e.Reason
}

// Unwrap returns the cause, or nil.
func (e *InputError) Unwrap() error { return e.Err }

// A ListError records a failed page request, a token loop, a cancelled
// context or a range that could not start, and where in the listing it
// happened. Err is the transport's error, the context's, [ErrTokenLoop] or
// [ErrConcurrentRange]; [errors.As] reaches the SDK's exception types and
// smithy.APIError through it.
type ListError struct {
	Op     string // the operation: "ListStageSessions", "ListStreamingSessions" or "ListStages"; for a range over a Fanout that could not start, "NewFanout" or "AccountSessions"
	Parent string // the stage ARN or studio ID being listed; for ListStages, the region ("" if unknown)
	Page   int    // the number of the request, counting from 1; 0 with ErrConcurrentRange
	Err    error
}

// Error names the operation, the parent and the page, then the cause.
func (e *ListError) Error() string {
	parent := e.Parent
	if parent != "" { // ListStages through a transport that does not name its region
		parent += " "
	}
	return "sessions: " + e.Op + " " + parent + "page " + strconv.Itoa(e.Page) + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *ListError) Unwrap() error { return e.Err }

// errNilContext returns the error a range over a nil context yields.
func errNilContext() error {
	return &InputError{Field: "ctx", Value: "<nil>", Reason: "must be a context.Context, such as context.Background()"}
}
