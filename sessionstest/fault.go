package sessionstest

import (
	"fmt"
	"strconv"

	"github.com/sessionkit/sessions/internal/fakesvc"
)

// A Fault makes a fake service misbehave on one call. Build one with
// [ErrorAt], [Throttle], [RepeatToken], [TokenCycle] or [EmptyPages], narrow
// it to one stage or studio with [Fault.For], and list it in the service's
// Faults field.
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
	default:
		return "Fault{}"
	}
	if f.f.Parent != "" {
		s += ".For(" + f.f.Parent + ")"
	}
	return s
}
