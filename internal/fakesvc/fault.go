package fakesvc

import (
	"strconv"
	"sync/atomic"
	"time"
)

// An Op names an operation the fakes serve.
type Op string

// The operations.
const (
	OpListStageSessions     Op = "ListStageSessions"
	OpListStreamingSessions Op = "ListStreamingSessions"
	OpListStages            Op = "ListStages"
)

// A FaultKind is what an injected [Fault] does to a response. The kinds from
// FaultMalformedJSON to FaultDropConnection exist only on the wire; an
// in-memory front end never injects them.
type FaultKind int

// The fault kinds.
const (
	// FaultNone is no fault. A Fault of this kind with a Latency only
	// delays the normal response.
	FaultNone FaultKind = iota

	// FaultThrottle answers 429 ThrottlingException.
	FaultThrottle

	// FaultInternal answers 500: InternalServerErrorException for Nimble,
	// InternalServerException for IVS.
	FaultInternal

	// FaultUnavailable answers 503 ServiceUnavailableException.
	FaultUnavailable

	// FaultValidation answers 400 ValidationException.
	FaultValidation

	// FaultError answers with the Fault's Status, Code and Message.
	FaultError

	// FaultMalformedJSON answers 200 with a body that is not JSON.
	FaultMalformedJSON

	// FaultTruncatedBody answers 200 with the page cut in the middle and a
	// Content-Length that matches what is sent.
	FaultTruncatedBody

	// FaultShortBody answers 200 with a Content-Length larger than the body
	// it sends, then closes the connection.
	FaultShortBody

	// FaultHangUp writes the status line, the headers and half of the body,
	// and closes the connection.
	FaultHangUp

	// FaultDropConnection closes the connection without writing anything.
	FaultDropConnection

	// FaultRepeatToken serves the normal page but returns the request's own
	// token as nextToken (on a first page, a fresh token for the same page).
	FaultRepeatToken

	// FaultTokenCycle serves the normal page but starts a cycle of K tokens
	// (0 means 2): C1 → … → CK → C1, where Cj serves the j-th page after
	// the faulted one. A cycle, once entered, never ends.
	FaultTokenCycle

	// FaultEmptyPage answers with no items and a fresh token; K empty pages
	// (0 means 1) follow one another before the listing goes on where it
	// was.
	FaultEmptyPage
)

var faultNames = [...]string{
	FaultNone: "None", FaultThrottle: "Throttle", FaultInternal: "Internal",
	FaultUnavailable: "Unavailable", FaultValidation: "Validation", FaultError: "Error",
	FaultMalformedJSON: "MalformedJSON", FaultTruncatedBody: "TruncatedBody",
	FaultShortBody: "ShortBody", FaultHangUp: "HangUp", FaultDropConnection: "DropConnection",
	FaultRepeatToken: "RepeatToken", FaultTokenCycle: "TokenCycle", FaultEmptyPage: "EmptyPage",
}

// String returns the kind's name without the "Fault" prefix.
func (k FaultKind) String() string {
	if k >= 0 && int(k) < len(faultNames) {
		return faultNames[k]
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

// Paging reports whether the kind changes a page's token or items rather
// than the response as a whole.
func (k FaultKind) Paging() bool {
	return k == FaultRepeatToken || k == FaultTokenCycle || k == FaultEmptyPage
}

// A Fault is a scripted misbehaviour for a window of requests.
//
// A Fault selects requests by Op and Parent (empty selects all) and counts
// only the requests it selects, from 1, in the order they arrive, retries
// and rejected requests included. It fires on requests Request through
// Request+Times-1 of that count.
//
// When several faults fire on one request, their latencies add up and the
// first one (in the order they were added) whose Kind is not FaultNone
// decides the response.
type Fault struct {
	Kind FaultKind
	// Op restricts the fault to one operation; "" means every operation.
	Op Op
	// Parent restricts the fault to one stage ARN or studio ID (for
	// ListStages, one region); "" means all.
	Parent string
	// Request is the first request, counting from 1, that the fault fires
	// on; 0 means 1.
	Request int
	// Times is how many consecutive selected requests it fires on; 0 means
	// 1 and a negative value means every request from Request on.
	Times int
	// Never makes the fault fire on no request, whatever Times says:
	// sessionstest's Times(0), which the zero Times cannot express.
	Never bool
	// Latency delays the response before anything is written.
	Latency time.Duration
	// K is the cycle length for FaultTokenCycle and the number of empty
	// pages for FaultEmptyPage.
	K int
	// Status, Code and Message are the error for FaultError. Status 0 means
	// 400 and an empty Code means "ValidationException".
	Status  int
	Code    string
	Message string
}

// A Script is an ordered list of faults, each with its own count of the
// requests it selected. The zero Script is empty and ready to use. Fire is
// safe for concurrent use; Add and Clear must not run concurrently with
// Fire.
type Script struct {
	rules []*rule
}

type rule struct {
	Fault
	seen atomic.Int64
}

// Add appends faults; each counts only the requests after it was added.
func (s *Script) Add(faults ...Fault) {
	for _, f := range faults {
		s.rules = append(s.rules, &rule{Fault: f})
	}
}

// Clear removes every fault.
func (s *Script) Clear() { s.rules = nil }

// A Firing is what a script decided for one request.
type Firing struct {
	// Fired reports whether any fault fired, latency-only ones included.
	Fired bool
	// Latency is the sum of the latencies of the faults that fired.
	Latency time.Duration
	// Fault is the deciding fault (Kind FaultNone if none decides).
	Fault Fault
}

// Fire counts a request for op and parent against every fault that selects
// it and returns what fired.
func (s *Script) Fire(op Op, parent string) Firing {
	var out Firing
	decided := false
	for _, r := range s.rules {
		if !r.fires(op, parent) {
			continue
		}
		out.Fired = true
		out.Latency += r.Latency
		if !decided && r.Kind != FaultNone {
			out.Fault, decided = r.Fault, true
		}
	}
	return out
}

func (r *rule) fires(op Op, parent string) bool {
	return r.Selects(op, parent) && r.Fires(int(r.seen.Add(1)))
}

// Selects reports whether f applies to a request of op for parent.
func (f *Fault) Selects(op Op, parent string) bool {
	return (f.Op == "" || f.Op == op) && (f.Parent == "" || f.Parent == parent)
}

// Fires reports whether f fires on the n-th request it selects, counting
// from 1.
func (f *Fault) Fires(n int) bool {
	first := max(f.Request, 1)
	return !f.Never && n >= first && (f.Times < 0 || n < first+max(f.Times, 1))
}
