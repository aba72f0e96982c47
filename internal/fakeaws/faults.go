package fakeaws

import "github.com/sessionkit/sessions/internal/fakesvc"

// An Op names one of the operations the server speaks.
type Op = fakesvc.Op

// The operations, as they appear in [Fault.Op] and [Request.Op].
const (
	OpListStageSessions     = fakesvc.OpListStageSessions
	OpListStreamingSessions = fakesvc.OpListStreamingSessions
	OpListStages            = fakesvc.OpListStages
)

// A FaultKind is what an injected [Fault] does to a response.
type FaultKind = fakesvc.FaultKind

// The fault kinds. What each one looks like through the SDK clients is
// described here; the package tests check every claim.
const (
	// FaultNone is no fault. A Fault of this kind with a Latency only
	// delays the normal response.
	FaultNone = fakesvc.FaultNone

	// FaultThrottle answers 429 ThrottlingException. Nimble clients get
	// *types.ThrottlingException; IVS has no such type, so they get a
	// *smithy.GenericAPIError with Code "ThrottlingException". Both retry it.
	FaultThrottle = fakesvc.FaultThrottle

	// FaultInternal answers 500: InternalServerErrorException for Nimble
	// (*types.InternalServerErrorException) and InternalServerException for
	// IVS (a *smithy.GenericAPIError, since the IVS operations do not model
	// it). Both retry it.
	FaultInternal = fakesvc.FaultInternal

	// FaultUnavailable answers 503 ServiceUnavailableException, which no
	// operation models (*smithy.GenericAPIError); it is retried.
	FaultUnavailable = fakesvc.FaultUnavailable

	// FaultValidation answers 400 ValidationException
	// (*types.ValidationException for both services); not retried.
	FaultValidation = fakesvc.FaultValidation

	// FaultError answers with the Fault's Status, Code and Message, in the
	// service's error shape.
	FaultError = fakesvc.FaultError

	// FaultMalformedJSON answers 200 with a body that is not JSON: the SDK
	// returns a *smithy.DeserializationError and does not retry.
	FaultMalformedJSON = fakesvc.FaultMalformedJSON

	// FaultTruncatedBody answers 200 with the page cut in the middle of an
	// object and a Content-Length that matches what is sent: a
	// *smithy.DeserializationError, not retried.
	FaultTruncatedBody = fakesvc.FaultTruncatedBody

	// FaultShortBody answers 200 with a Content-Length larger than the body
	// it sends, then closes the connection, so the client reads an
	// unexpected EOF.
	FaultShortBody = fakesvc.FaultShortBody

	// FaultHangUp takes over the connection, writes the status line, the
	// headers and half of the body, and closes it.
	FaultHangUp = fakesvc.FaultHangUp

	// FaultDropConnection takes over the connection and closes it without
	// writing anything, like a connection reset before the response; the
	// SDK sees a connection error.
	FaultDropConnection = fakesvc.FaultDropConnection

	// FaultRepeatToken serves the normal page but returns the request's own
	// token as nextToken, so the next request asks for the same page again
	// (an adjacent token loop while the fault lasts). On a request without
	// a token it returns a fresh token for the same page instead, since
	// there is nothing to repeat.
	FaultRepeatToken = fakesvc.FaultRepeatToken

	// FaultTokenCycle serves the normal page but starts a cycle of K
	// tokens (K ≥ 1; 0 means 2): C1 → C2 → … → CK → C1. The first visit to
	// Cj serves the j-th page after the faulted one, so a client that stops
	// at the first repeated token has seen every item up to there exactly
	// once. A cycle, once entered, never ends: the cycle tokens keep
	// cycling whatever the fault script says, like a broken service would.
	FaultTokenCycle = fakesvc.FaultTokenCycle

	// FaultEmptyPage answers with no items and a fresh token for the same
	// position; K empty pages (0 means 1) follow one another, each with its
	// own token, and then the listing continues where it was. Use Times
	// for further runs.
	FaultEmptyPage = fakesvc.FaultEmptyPage
)

// A Fault is a scripted misbehaviour for a window of requests.
//
// A Fault selects requests by Op and Parent (empty selects all; for
// ListStages the parent is the region) and counts only the requests it
// selects, from 1, in the order they arrive — retries included, since every
// attempt is a request. It fires on requests Request through
// Request+Times-1 of that count. So
// Fault{Op: OpListStageSessions, Parent: arn, Request: 2, Times: 3} fires on
// the 2nd, 3rd and 4th ListStageSessions request for that stage, however many
// other requests the server sees in between.
//
// When several faults fire on one request, their latencies add up and the
// first one (in the order they were injected) whose Kind is not FaultNone
// decides the response.
type Fault = fakesvc.Fault
