//lint:file-ignore SA1019 the Nimble SDK is deprecated as a whole; this package exists to test it.

package fakeaws

import (
	"math"
	"time"

	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"
)

// A StudioHistory describes the streaming sessions of one studio as they
// could have happened on Nimble Studio, up to Now: workstations launched
// through the working day (in Zone) and rarely at night or at weekends;
// the newest still starting or running, those of the last hours mostly
// running, older ones stopped and the oldest deleted, with a few failures.
type StudioHistory struct {
	// Now is the instant the history ends at: nothing happened after it.
	Now time.Time
	// Sessions is how many streaming sessions the studio has had.
	Sessions int
	// Seed picks every choice; the same history gives the same sessions.
	Seed uint64
	// Zone is where the studio's artists work; nil means UTC.
	Zone *time.Location
}

// Dataset returns the studio's streaming sessions, newest CreatedAt first.
// Every field is filled as the session's state implies, with no time after
// Now but the scheduled StopAt and TerminateAt.
func (h StudioHistory) Dataset() Dataset[StreamingSession] {
	zone := h.Zone
	if zone == nil {
		zone = time.UTC
	}
	return walk(h.Sessions, h.Now, func(i int, next time.Time) (StreamingSession, time.Time) {
		r := mix(mix(h.Seed^0x73747564696f) + uint64(i)*0x9e3779b97f4a7c15)
		gap := time.Duration(float64(launchGap(next.In(zone))) * -math.Log(1-unit(r)))
		created := next.Add(-10*time.Second - gap).UTC().Truncate(time.Millisecond)
		sc := stateByAge(h.Now.Sub(created), mix(r^1))
		s := streamingSession(uniqueID("session-", h.Seed, i), mix(r^2), sc, created)
		if sc.state == nimbletypes.StreamingSessionStateReady && s.StopAt.Before(h.Now) && !s.StopAt.IsZero() {
			// Automatic termination would have stopped it by now.
			s = streamingSession(s.ID, mix(r^2), statusCodesByState[stoppedIndex], created)
		}
		notAfter(&s, h.Now)
		return s, created
	})
}

// launchGap is the mean time between two launches around t: minutes in
// working hours, hours in the evening, and longer at night and weekends.
func launchGap(t time.Time) time.Duration {
	switch h := t.Hour(); {
	case t.Weekday() == time.Saturday || t.Weekday() == time.Sunday:
		return 8 * time.Hour
	case h >= 8 && h < 19:
		return 25 * time.Minute
	case h >= 19 && h < 23:
		return 2 * time.Hour
	}
	return 5 * time.Hour
}

// stoppedIndex is the position of STOPPED in statusCodesByState.
var stoppedIndex = func() int {
	for i, sc := range statusCodesByState {
		if sc.state == nimbletypes.StreamingSessionStateStopped {
			return i
		}
	}
	panic("fakeaws: no STOPPED state")
}()

// stateMixes gives, by the age of a session, how likely each state is, in
// percent.
var stateMixes = []struct {
	upTo time.Duration
	mix  map[nimbletypes.StreamingSessionState]int
}{
	{5 * time.Minute, map[nimbletypes.StreamingSessionState]int{
		nimbletypes.StreamingSessionStateCreateInProgress: 30, nimbletypes.StreamingSessionStateStartInProgress: 20,
		nimbletypes.StreamingSessionStateReady: 45, nimbletypes.StreamingSessionStateCreateFailed: 5}},
	{10 * time.Hour, map[nimbletypes.StreamingSessionState]int{
		nimbletypes.StreamingSessionStateReady: 58, nimbletypes.StreamingSessionStateStopped: 20,
		nimbletypes.StreamingSessionStateStopInProgress: 3, nimbletypes.StreamingSessionStateStartFailed: 3,
		nimbletypes.StreamingSessionStateCreateFailed: 4, nimbletypes.StreamingSessionStateDeleted: 10,
		nimbletypes.StreamingSessionStateDeleteInProgress: 2}},
	{7 * 24 * time.Hour, map[nimbletypes.StreamingSessionState]int{
		nimbletypes.StreamingSessionStateStopped: 45, nimbletypes.StreamingSessionStateDeleted: 35,
		nimbletypes.StreamingSessionStateReady: 12, nimbletypes.StreamingSessionStateStopFailed: 2,
		nimbletypes.StreamingSessionStateDeleteFailed: 2, nimbletypes.StreamingSessionStateCreateFailed: 4}},
	{math.MaxInt64, map[nimbletypes.StreamingSessionState]int{
		nimbletypes.StreamingSessionStateDeleted: 75, nimbletypes.StreamingSessionStateStopped: 18,
		nimbletypes.StreamingSessionStateDeleteFailed: 2, nimbletypes.StreamingSessionStateCreateFailed: 5}},
}

// stateByAge picks the state of a session created age ago.
func stateByAge(age time.Duration, r uint64) stateCodes {
	for _, m := range stateMixes {
		if age > m.upTo {
			continue
		}
		roll := int(r % 100)
		// statusCodesByState fixes the order, so the pick is repeatable.
		for _, sc := range statusCodesByState {
			if roll < m.mix[sc.state] {
				return sc
			}
			roll -= m.mix[sc.state]
		}
	}
	return statusCodesByState[stoppedIndex]
}

// notAfter moves the times of s that would lie after now (a session
// started or stopped minutes after it was created) to just before now.
func notAfter(s *StreamingSession, now time.Time) {
	for _, t := range []*time.Time{&s.StartedAt, &s.StoppedAt, &s.UpdatedAt} {
		if t.After(now) {
			*t = now.Add(-time.Second)
			if t.Before(s.CreatedAt) {
				*t = s.CreatedAt
			}
		}
	}
}
