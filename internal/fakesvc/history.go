package fakesvc

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// A Span is one stage session as far as the rules of a stage's history go:
// its ID and times. A zero End means the session is active.
type Span struct {
	ID         string
	Start, End time.Time
}

// NewestFirst orders spans as ListStageSessions lists them: most recent
// start first. AWS does not document an order; the service is reported to
// list this way, and the fakes serve it so. Nothing in the library may rely
// on it: it is there so that fakes look like the service, not for
// correctness.
func NewestFirst(a, b Span) int { return b.Start.Compare(a.Start) }

// A HistoryError is a rule of a stage's history that a session breaks.
type HistoryError struct {
	// Index is the position of the offending session in the slice given
	// to [CheckHistory]; Other, if not -1, is the session it clashes with.
	Index, Other int
	Reason       string
}

func (e *HistoryError) Error() string { return e.Reason }

// CheckHistory returns the first rule that the sessions of one stage
// break, or nil. A stage has one session at a time (from the first
// participant joining to the last leaving), so sessions never overlap and at
// most one is active, the newest; a session has a start time, an ID of the
// service's form ("st-" and 13 letters or digits) and does not end before it
// starts. The sessions may come in any order.
func CheckHistory(spans []Span) *HistoryError {
	for i, s := range spans {
		switch {
		case !ValidStageSessionID(s.ID):
			return &HistoryError{Index: i, Other: -1, Reason: fmt.Sprintf("session ID %q is not of the service's form: \"st-\" and 13 letters or digits", s.ID)}
		case s.Start.IsZero():
			return &HistoryError{Index: i, Other: -1, Reason: fmt.Sprintf("session %s has no startTime", s.ID)}
		case !s.End.IsZero() && s.End.Before(s.Start):
			return &HistoryError{Index: i, Other: -1, Reason: fmt.Sprintf("session %s ends (%s) before it starts (%s)", s.ID, stamp(s.End), stamp(s.Start))}
		}
	}
	order := make([]int, len(spans))
	for i := range order {
		order[i] = i
	}
	// Oldest first, then each session must end before the next begins.
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Or(spans[a].Start.Compare(spans[b].Start), cmp.Compare(a, b)) })
	for k := 1; k < len(order); k++ {
		prev, cur := order[k-1], order[k]
		p, c := spans[prev], spans[cur]
		switch {
		case p.End.IsZero() && c.End.IsZero():
			return &HistoryError{Index: cur, Other: prev, Reason: fmt.Sprintf("sessions %s and %s are both active (no endTime); a stage has at most one session at a time", p.ID, c.ID)}
		case p.End.IsZero():
			return &HistoryError{Index: prev, Other: cur, Reason: fmt.Sprintf("session %s is active (no endTime) but a later session %s started at %s; only the newest session can be active", p.ID, c.ID, stamp(c.Start))}
		case p.End.After(c.Start):
			return &HistoryError{Index: cur, Other: prev, Reason: fmt.Sprintf("session %s (from %s) overlaps session %s (%s to %s); a stage has one session at a time", c.ID, stamp(c.Start), p.ID, stamp(p.Start), stamp(p.End))}
		}
	}
	return nil
}

// ValidStageSessionID reports whether id has the form of an IVS stage
// session ID: "st-" and 13 ASCII letters or digits.
func ValidStageSessionID(id string) bool {
	if len(id) != 16 || id[:3] != "st-" {
		return false
	}
	for i := 3; i < len(id); i++ {
		if c := id[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

func stamp(t time.Time) string { return t.Format(time.RFC3339Nano) }
