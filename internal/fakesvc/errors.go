package fakesvc

import (
	"net/http"
	"strconv"
)

// An Error is a service error as the service sends it: an HTTP status, an
// error code (the exception's name) and a message, plus Nimble's context.
type Error struct {
	Status  int
	Code    string
	Message string
	Context map[string]string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Invalid returns a 400 ValidationException; field, if not "", goes into
// the context.
func Invalid(msg, field string) *Error {
	e := &Error{Status: http.StatusBadRequest, Code: "ValidationException", Message: msg}
	if field != "" {
		e.Context = map[string]string{"field": field}
	}
	return e
}

// NotFound returns a 404 ResourceNotFoundException for the resource id.
func NotFound(msg, id string) *Error {
	return &Error{Status: http.StatusNotFound, Code: "ResourceNotFoundException", Message: msg, Context: map[string]string{"resourceId": id}}
}

// Throttled returns the 429 ThrottlingException both services send.
func Throttled() *Error {
	return &Error{Status: http.StatusTooManyRequests, Code: "ThrottlingException", Message: "Rate exceeded", Context: map[string]string{"retryAfterSeconds": "1"}}
}

// FaultResponse returns the error an error fault answers op with, or nil if f
// is not an error fault.
func FaultResponse(op Op, f Fault) *Error {
	switch f.Kind {
	case FaultThrottle:
		return Throttled()
	case FaultInternal:
		code := "InternalServerErrorException"
		if op != OpListStreamingSessions {
			code = "InternalServerException"
		}
		return &Error{Status: http.StatusInternalServerError, Code: code, Message: "An internal error occurred"}
	case FaultUnavailable:
		return &Error{Status: http.StatusServiceUnavailable, Code: "ServiceUnavailableException", Message: "Service unavailable"}
	case FaultValidation:
		return Invalid("injected validation failure", "fault")
	case FaultError:
		e := &Error{Status: f.Status, Code: f.Code, Message: f.Message}
		if e.Status == 0 {
			e.Status = http.StatusBadRequest
		}
		if e.Code == "" {
			e.Code = "ValidationException"
		}
		return e
	}
	return nil
}

// Page sizes of the IVS operations, which take maxResults.
const (
	DefaultMaxResults = 50
	MaxMaxResults     = 100
)

// CheckMaxResults returns the page size an IVS request asks for (the
// default when nil) or the error for one out of range.
func CheckMaxResults(n *int32) (int, *Error) {
	if n == nil {
		return DefaultMaxResults, nil
	}
	if *n < 1 || *n > MaxMaxResults {
		return 0, Invalid("maxResults must be between 1 and "+strconv.Itoa(MaxMaxResults)+", got "+strconv.Itoa(int(*n)), "maxResults")
	}
	return int(*n), nil
}

// CheckToken returns the error for a token that does not have the services'
// documented form: at most 1024 characters of [a-zA-Z0-9+/=_-].
func CheckToken(s string) *Error {
	ok := len(s) <= maxTokenLen
	for i := 0; ok && i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '+', c == '/', c == '=', c == '_', c == '-':
		default:
			ok = false
		}
	}
	if !ok {
		return Invalid("nextToken does not match pattern", "nextToken")
	}
	return nil
}
