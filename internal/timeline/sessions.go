package timeline

import (
	"cmp"
	"strings"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/stagearn"
)

// StageSpan returns s as a span: from StartTime to EndTime, active while
// it has no EndTime.
func StageSpan(s sessions.StageSession) Span {
	return Span{ID: s.ID, Start: s.StartTime, End: s.EndTime, Active: s.Active()}
}

// StageLanes returns a lane per stage, with the sessions of each in the
// order given. A lane is labelled with the stage's name and region
// ("DemoStage1 · us-west-2"), from the stages given (as ListStages
// describes them), or with the resource part of its ARN
// ("stage/AbCdEf123456 · us-west-2") for a stage not among them or without
// a name; two stages of one label are told apart by their ARN's ID. Lanes
// are in [SortLanes] order.
func StageLanes(ss []sessions.StageSession, stages ...sessions.Stage) []Lane {
	return nameStages(group(ss, func(s *sessions.StageSession) string { return s.StageARN }, StageSpan), stages)
}

// WithIdleStages returns lanes, from [StageLanes], with an empty lane for
// each of stages that has no lane, so that a picture shows the stages
// that were idle; lanes are named and sorted as StageLanes names and sorts
// them.
func WithIdleStages(lanes []Lane, stages ...sessions.Stage) []Lane {
	have := make(map[string]bool, len(lanes))
	for i := range lanes {
		have[lanes[i].Name] = true
	}
	for _, st := range stages {
		if !have[st.ARN] {
			have[st.ARN] = true
			lanes = append(lanes, Lane{Name: st.ARN})
		}
	}
	return nameStages(lanes, stages)
}

func nameStages(lanes []Lane, stages []sessions.Stage) []Lane {
	names := make(map[string]string, len(stages))
	for _, st := range stages {
		names[st.ARN] = st.Name
	}
	seen := map[string]int{}
	for i := range lanes {
		lanes[i].Label = stageLabel(lanes[i].Name, names[lanes[i].Name])
		seen[lanes[i].Label]++
	}
	for i := range lanes {
		if l := &lanes[i]; seen[l.Label] > 1 && names[l.Name] != "" {
			l.Label += " · " + strings.TrimPrefix(shortName(l.Name), "stage/")
		}
	}
	SortLanes(lanes)
	return lanes
}

// stageLabel names a stage's lane: its name, or the resource part of its
// ARN, and its region.
func stageLabel(arn, name string) string {
	label := cmp.Or(name, shortName(arn))
	if r := stagearn.Region(arn); r != "" {
		label += " · " + r
	}
	return label
}

// StreamingSpan returns s as a span, with its state. A streaming session
// runs from StartedAt, or CreatedAt when it never started. It is active
// exactly when [Running] says so; otherwise it ends at StoppedAt, or at
// UpdatedAt, the time of its last change, when it never stopped.
func StreamingSpan(s sessions.StreamingSession) Span {
	sp := Span{ID: s.ID, Start: s.StartedAt, State: string(s.State), Active: Running(s.State)}
	if sp.Start.IsZero() {
		sp.Start = s.CreatedAt
	}
	if !sp.Active {
		sp.End = cmp.Or(s.StoppedAt, s.UpdatedAt)
	}
	return sp
}

// Running reports whether a streaming session in state s counts as
// active: READY, or on its way in or out of it (being created, started or
// stopped). The command's --active keeps exactly these, and the picture
// and the summary count exactly these as running; failed states, stopped,
// deleted and states not known yet are not.
func Running(s sessions.State) bool {
	return s == sessions.StateReady || s.Transitional() && s != sessions.StateDeleteInProgress
}

// ByStudio names the lane of a streaming session for [StreamingLanes]: its
// studio.
func ByStudio(s *sessions.StreamingSession) string { return s.StudioID }

// ByOwner names the lane of a streaming session for [StreamingLanes]: the
// user who owns it.
func ByOwner(s *sessions.StreamingSession) string { return s.OwnedBy }

// StreamingLanes returns a lane per name that lane gives the sessions
// ([ByStudio], [ByOwner]), in [SortLanes] order, with the sessions of each in
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
	SortLanes(lanes)
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
