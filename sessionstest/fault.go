package sessionstest

import (
	"fmt"
	"strconv"
	"time"

	"github.com/sessionkit/sessions/internal/fakesvc"
)

// A Fault makes a fake service misbehave on one call. Build one with
// [ErrorAt], [Throttle], [ServerError], [Unavailable], [RepeatToken],
// [TokenCycle], [EmptyPages], [MalformedBody], [TruncatedBody],
// [DropConnection] or [Slow], narrow it to one stage or studio with
// [Fault.For], make it last with [Fault.Times], and list it in an in-memory
// service's Faults field or pass it to [Server.Inject].
//
// A Fault fires on the call numbered n, counting from 1 every call the
// service has received, in the order they arrived (the order of its Calls
// field), or, after For, only the calls for that parent. Calls that fail
// validation or are cancelled count too. When several faults fire on one
// call, the first in Faults decides it. The zero Fault never fires.
type Fault struct {
	f   fakesvc.Fault
	err error // ErrorAt's error
}

// at returns a Fault of kind on call n.
func at(name string, kind fakesvc.FaultKind, n, k int) Fault {
	if n < 1 {
		panic("sessionstest: " + name + " with a call number " + strconv.Itoa(n) + " < 1")
	}
	return Fault{f: fakesvc.Fault{Kind: kind, Request: n, K: k}}
}

// ErrorAt returns a Fault that makes call n return err, which may be any
// error: an SDK exception, a *smithy.GenericAPIError or one of your own.
// It panics if n < 1 or err is nil.
func ErrorAt(n int, err error) Fault {
	if err == nil {
		panic("sessionstest: ErrorAt with a nil error")
	}
	f := at("ErrorAt", fakesvc.FaultError, n, 0)
	f.err = err
	return f
}

// Throttle returns a Fault that makes call n fail with the throttling error
// the real SDK client returns once its retryer gives up: a
// *smithy.GenericAPIError with Code "ThrottlingException" from a
// [StageService] (ListStageSessions does not model throttling) and a
// *types.ThrottlingException from a [StudioService]. It panics if n < 1.
func Throttle(n int) Fault {
	return at("Throttle", fakesvc.FaultThrottle, n, 0)
}

// RepeatToken returns a Fault that makes call n serve its page as usual but
// return, as the next token, the very token it was asked for: the adjacent
// loop of aws/aws-sdk-go-v2#2958. The fault fires once, so a client that
// asks again gets the same page and then the listing goes on. Call n must
// send a token (it must not ask for the first page); if it does not, the
// call fails with an error saying so. It panics if n < 1.
func RepeatToken(n int) Fault {
	return at("RepeatToken", fakesvc.FaultRepeatToken, n, 0)
}

// TokenCycle returns a Fault that makes call n serve its page as usual and
// start a cycle of k tokens: C1 → C2 → … → Ck → C1. The call asking for Cj
// serves the j-th page after the one served by call n, so a client that
// stops at the first token it has seen before has received every item up to
// there exactly once. Like a broken service, the cycle never ends once
// entered. TokenCycle(n, 1) is a token that repeats itself; k = 2 is A → B →
// A. It panics if n < 1 or k < 1.
func TokenCycle(n, k int) Fault {
	if k < 1 {
		panic("sessionstest: TokenCycle with a cycle length " + strconv.Itoa(k) + " < 1")
	}
	return at("TokenCycle", fakesvc.FaultTokenCycle, n, k)
}

// EmptyPages returns a Fault that inserts k empty pages at call n: call n
// and the k-1 calls following its token return no items and a fresh token
// each, and the call after them serves the page call n would have served.
// Every token differs, so a client must keep going through them. It panics
// if n < 1 or k < 1.
func EmptyPages(n, k int) Fault {
	if k < 1 {
		panic("sessionstest: EmptyPages with a count " + strconv.Itoa(k) + " < 1")
	}
	return at("EmptyPages", fakesvc.FaultEmptyPage, n, k)
}

// ServerError returns a Fault that makes call n fail with a 500: the
// service's internal error (InternalServerException from IVS, a
// *smithy.GenericAPIError; *types.InternalServerErrorException from
// Nimble). SDK clients retry it. It panics if n < 1.
func ServerError(n int) Fault {
	return at("ServerError", fakesvc.FaultInternal, n, 0)
}

// Unavailable returns a Fault that makes call n fail with a 503
// ServiceUnavailableException, which no operation models (a
// *smithy.GenericAPIError). SDK clients retry it. It panics if n < 1.
func Unavailable(n int) Fault {
	return at("Unavailable", fakesvc.FaultUnavailable, n, 0)
}

// MalformedBody returns a Fault that makes call n answer 200 with a body
// that is not JSON. An SDK client returns a *smithy.DeserializationError
// and does not retry; so does an in-memory service. It panics if n < 1.
func MalformedBody(n int) Fault {
	return at("MalformedBody", fakesvc.FaultMalformedJSON, n, 0)
}

// TruncatedBody returns a Fault that makes call n answer 200 with the page
// cut in the middle. An SDK client returns a *smithy.DeserializationError
// and does not retry; so does an in-memory service. It panics if n < 1.
func TruncatedBody(n int) Fault {
	return at("TruncatedBody", fakesvc.FaultTruncatedBody, n, 0)
}

// DropConnection returns a Fault that makes a [Server] close the
// connection of call n without answering; an SDK client sees a connection
// error and retries. An in-memory service returns a
// *smithyhttp.RequestSendError. It panics if n < 1.
func DropConnection(n int) Fault {
	return at("DropConnection", fakesvc.FaultDropConnection, n, 0)
}

// Slow returns a Fault that delays call n by d and then answers normally.
// The delay ends early if the caller's context ends. It panics if n < 1.
func Slow(n int, d time.Duration) Fault {
	f := at("Slow", fakesvc.FaultNone, n, 0)
	f.f.Latency = d
	return f
}

// Times returns a copy of f that fires on k consecutive calls from its
// call on (counted like its first call: all calls, or those of its parent
// after For); k = 0 fires on none, and k < 0 on every call from there on.
// Throttle(1).Times(-1) throttles every call.
func (f Fault) Times(k int) Fault {
	f.f.Times, f.f.Never = k, k == 0
	return f
}

// For returns a copy of f that fires only on calls for parent (a stage ARN
// or a studio ID) and counts only those calls: For(arn) on ErrorAt(2, err)
// fails the second call that lists arn, whatever other stages are listed in
// between.
func (f Fault) For(parent string) Fault {
	f.f.Parent = parent
	return f
}

// String describes f, e.g. "TokenCycle(3, 2).For(studio-1)".
func (f Fault) String() string {
	var s string
	n := f.f.Request
	switch f.f.Kind {
	case fakesvc.FaultError:
		s = fmt.Sprintf("ErrorAt(%d, %v)", n, f.err)
	case fakesvc.FaultThrottle:
		s = fmt.Sprintf("Throttle(%d)", n)
	case fakesvc.FaultRepeatToken:
		s = fmt.Sprintf("RepeatToken(%d)", n)
	case fakesvc.FaultTokenCycle:
		s = fmt.Sprintf("TokenCycle(%d, %d)", n, f.f.K)
	case fakesvc.FaultEmptyPage:
		s = fmt.Sprintf("EmptyPages(%d, %d)", n, f.f.K)
	case fakesvc.FaultInternal:
		s = fmt.Sprintf("ServerError(%d)", n)
	case fakesvc.FaultUnavailable:
		s = fmt.Sprintf("Unavailable(%d)", n)
	case fakesvc.FaultMalformedJSON:
		s = fmt.Sprintf("MalformedBody(%d)", n)
	case fakesvc.FaultTruncatedBody:
		s = fmt.Sprintf("TruncatedBody(%d)", n)
	case fakesvc.FaultDropConnection:
		s = fmt.Sprintf("DropConnection(%d)", n)
	case fakesvc.FaultNone:
		if f.f.Latency == 0 {
			return "Fault{}"
		}
		s = fmt.Sprintf("Slow(%d, %v)", n, f.f.Latency)
	default:
		return "Fault{}"
	}
	if t := f.f.Times; t != 1 && (t != 0 || f.f.Never) {
		s += fmt.Sprintf(".Times(%d)", t)
	}
	if f.f.Parent != "" {
		s += ".For(" + f.f.Parent + ")"
	}
	return s
}
