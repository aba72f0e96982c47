package sessions

import "errors"

// errGoexit is the panic raised on the ranging goroutine when a transport,
// a Where filter or an [OnPage] hook called runtime.Goexit on a goroutine
// of Prefetch or Merge, as t.Fatal, t.FailNow or require.* in a mock do. On
// the ranging goroutine, Goexit simply ends the range; on another goroutine
// it cannot, and ending the range with an error would let the loop go on as
// if the listing had failed, so the range ends with this panic, as it does
// for a panic on that goroutine.
var errGoexit = errors.New("sessions: a transport, Where or OnPage called runtime.Goexit (t.Fatal, t.FailNow or require.* in a mock?) on a goroutine of Prefetch or Merge; call it only on the goroutine that ranges")

// endedEarly returns what ended a goroutine before it returned, for a
// deferred call that recovered v: the panic's value, or errGoexit if the
// goroutine neither returned nor panicked (recover returns nil during
// runtime.Goexit). It returns nil if the goroutine returned.
func endedEarly(v any, returned bool) any {
	if v == nil && !returned {
		return errGoexit
	}
	return v
}
