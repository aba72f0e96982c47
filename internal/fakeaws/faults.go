package fakeaws

import (
	"strconv"
	"sync/atomic"
	"time"
)

// An Op names one of the two operations the server speaks.
type Op string

// The operations, as they appear in [Fault.Op] and [Request.Op].
const (
	OpListStageSessions     Op = "ListStageSessions"
	OpListStreamingSessions Op = "ListStreamingSessions"
)

// A FaultKind is what an injected [Fault] does to a response.
type FaultKind int

// The fault kinds. What each one looks like through the SDK clients is
// described on the constant; the package tests check every claim.
const (
	// FaultNone is no fault. A Fault of this kind with a Latency only
	// delays the normal response.
	FaultNone FaultKind = iota

	// FaultThrottle answers 429 ThrottlingException. Nimble clients get
	// *types.ThrottlingException; IVS has no such type, so they get a
	// *smithy.GenericAPIError with Code "ThrottlingException". Both retry it.
	FaultThrottle

	// FaultInternal answers 500: InternalServerErrorException for Nimble
	// (*types.InternalServerErrorException) and InternalServerException for
	// IVS (a *smithy.GenericAPIError, since ListStageSessions does not
	// model it). Both retry it.
	FaultInternal

	// FaultUnavailable answers 503 ServiceUnavailableException, which
	// neither operation models (*smithy.GenericAPIError); it is retried.
	FaultUnavailable

	// FaultValidation answers 400 ValidationException
	// (*types.ValidationException for both services); not retried.
	FaultValidation

	// FaultError answers with the Fault's Status, Code and Message, in the
	// service's error shape.
	FaultError

	// FaultMalformedJSON answers 200 with a body that is not JSON: the SDK
	// returns a *smithy.DeserializationError and does not retry.
	FaultMalformedJSON

	// FaultTruncatedBody answers 200 with the page cut in the middle of an
	// object and a Content-Length that matches what is sent: a
	// *smithy.DeserializationError, not retried.
	FaultTruncatedBody

	// FaultShortBody answers 200 with a Content-Length larger than the body
	// it sends, then closes the connection, so the client reads an
	// unexpected EOF.
	FaultShortBody

	// FaultHangUp takes over the connection, writes the status line, the
	// headers and half of the body, and closes it.
	FaultHangUp

	// FaultDropConnection takes over the connection and closes it without
	// writing anything, like a connection reset before the response; the
	// SDK sees a connection error.
	FaultDropConnection

	// FaultRepeatToken serves the normal page but returns the request's own
	// token as nextToken, so the next request asks for the same page again
	// (an adjacent token loop while the fault lasts). On a request without
	// a token it returns a fresh token for the same page instead, since
	// there is nothing to repeat.
	FaultRepeatToken

	// FaultTokenCycle serves the normal page but starts a cycle of K
	// tokens (K ≥ 1; 0 means 2): C1 → C2 → … → CK → C1. The first visit to
	// Cj serves the j-th page after the faulted one, so a client that stops
	// at the first repeated token has seen every item up to there exactly
	// once. A cycle, once entered, never ends: the cycle tokens keep
	// cycling whatever the fault script says, like a broken service would.
	FaultTokenCycle

	// FaultEmptyPage answers with no items and a fresh token for the same
	// position, so the listing continues where it was once the fault stops.
	// Use Times for runs of empty pages.
	FaultEmptyPage
)

var faultNames = [...]string{
	FaultNone: "None", FaultThrottle: "Throttle", FaultInternal: "Internal",
	FaultUnavailable: "Unavailable", FaultValidation: "Validation", FaultError: "Error",
	FaultMalformedJSON: "MalformedJSON", FaultTruncatedBody: "TruncatedBody",
	FaultShortBody: "ShortBody", FaultHangUp: "HangUp", FaultDropConnection: "DropConnection", FaultRepeatToken: "RepeatToken",
	FaultTokenCycle: "TokenCycle", FaultEmptyPage: "EmptyPage",
}

// String returns the kind's name without the "Fault" prefix.
func (k FaultKind) String() string {
	if k >= 0 && int(k) < len(faultNames) {
		return faultNames[k]
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

// A Fault is a scripted misbehaviour for a window of requests.
//
// A Fault selects requests by Op and Parent (empty selects all) and counts
// only the requests it selects, from 1, in the order they arrive — retries
// included, since every attempt is a request. It fires on requests
// Request through Request+Times-1 of that count. So
// Fault{Op: OpListStageSessions, Parent: arn, Request: 2, Times: 3} fires on
// the 2nd, 3rd and 4th ListStageSessions request for that stage, however many
// other requests the server sees in between.
//
// When several faults fire on one request, their latencies add up and the
// first one (in the order they were injected) whose Kind is not FaultNone
// decides the response.
type Fault struct {
	Kind FaultKind
	// Op restricts the fault to one operation; "" means both.
	Op Op
	// Parent restricts the fault to one stage ARN or studio ID; "" means all.
	Parent string
	// Request is the first request, counting from 1, that the fault fires
	// on; 0 means 1.
	Request int
	// Times is how many consecutive selected requests it fires on; 0 means
	// 1 and a negative value means every request from Request on.
	Times int
	// Latency delays the response before anything is written. The delay
	// ends early if the client gives up or the server closes.
	Latency time.Duration
	// K is the cycle length for FaultTokenCycle.
	K int
	// Status, Code and Message are the error for FaultError. Status 0 means
	// 400 and an empty Code means "ValidationException".
	Status  int
	Code    string
	Message string
}

// rule is a Fault with its own request counter; the counter is atomic so
// concurrent requests draw distinct numbers without a lock.
type rule struct {
	Fault
	seen atomic.Int64
}

// fires counts a selected request and reports whether it falls in the window.
func (r *rule) fires(op Op, parent string) bool {
	if (r.Op != "" && r.Op != op) || (r.Parent != "" && r.Parent != parent) {
		return false
	}
	n := int(r.seen.Add(1))
	first := max(r.Request, 1)
	if n < first {
		return false
	}
	return r.Times < 0 || n < first+max(r.Times, 1)
}
