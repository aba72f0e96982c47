package timeline

import (
	"slices"
	"strings"

	"github.com/sessionkit/sessions"
)

// StageSpan returns s as a span: from StartTime to EndTime, active while
// it has no EndTime.
func StageSpan(s sessions.StageSession) Span {
	return Span{ID: s.ID, Start: s.StartTime, End: s.EndTime, Active: s.Active()}
}

// StageLanes returns a lane per stage, ordered by stage ARN, with the
// sessions of each in the order given. A lane is labelled with the
// resource part of its ARN ("stage/AbCdEf123456").
func StageLanes(ss []sessions.StageSession) []Lane {
	return group(ss, func(s *sessions.StageSession) string { return s.StageARN }, StageSpan)
}

// StreamingSpan returns s as a span. A streaming session runs from
// StartedAt, or CreatedAt when it never started, to StoppedAt. Without
// StoppedAt it is active unless its state says it is not running
// (STOPPED, DELETED, CREATE_FAILED, START_FAILED): then it ends at
// UpdatedAt, the time of its last change.
func StreamingSpan(s sessions.StreamingSession) Span {
	sp := Span{ID: s.ID, Start: s.StartedAt, End: s.StoppedAt}
	if sp.Start.IsZero() {
		sp.Start = s.CreatedAt
	}
	if sp.End.IsZero() {
		switch s.State {
		case sessions.StateStopped, sessions.StateDeleted, sessions.StateCreateFailed, sessions.StateStartFailed:
			sp.End = s.UpdatedAt
		default:
			sp.Active = true
		}
	}
	return sp
}

// ByStudio names the lane of a streaming session for [StreamingLanes]: its
// studio.
func ByStudio(s *sessions.StreamingSession) string { return s.StudioID }

// ByOwner names the lane of a streaming session for [StreamingLanes]: the
// user who owns it.
func ByOwner(s *sessions.StreamingSession) string { return s.OwnedBy }

// StreamingLanes returns a lane per name that lane gives the sessions
// ([ByStudio], [ByOwner]), ordered by name, with the sessions of each in
// the order given.
func StreamingLanes(ss []sessions.StreamingSession, lane func(*sessions.StreamingSession) string) []Lane {
	return group(ss, lane, StreamingSpan)
}

func group[T any](items []T, name func(*T) string, span func(T) Span) []Lane {
	index := map[string]int{}
	var lanes []Lane
	for i := range items {
		n := name(&items[i])
		j, ok := index[n]
		if !ok {
			j = len(lanes)
			index[n] = j
			lanes = append(lanes, Lane{Name: n, Label: shortName(n)})
		}
		lanes[j].Spans = append(lanes[j].Spans, span(items[i]))
	}
	slices.SortFunc(lanes, func(a, b Lane) int { return strings.Compare(a.Name, b.Name) })
	return lanes
}

// shortName returns the resource part of an ARN ("stage/AbCdEf123456"),
// or name itself when it is not an ARN; "(none)" for an empty name.
func shortName(name string) string {
	if name == "" {
		return "(none)"
	}
	if strings.HasPrefix(name, "arn:") && strings.Count(name, ":") >= 5 {
		return name[strings.LastIndexByte(name, ':')+1:]
	}
	return name
}
