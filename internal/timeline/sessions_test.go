package timeline_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/timeline"
)

func TestStageLanes(t *testing.T) {
	const b, a = "arn:aws:ivs:us-west-2:111122223333:stage/Bbb", "arn:aws:ivs:eu-west-1:111122223333:stage/Aaa"
	ss := []sessions.StageSession{
		{StageARN: b, ID: "st-1", StartTime: at(0), EndTime: at(5)},
		{StageARN: a, ID: "st-2", StartTime: at(1)},
		{StageARN: b, ID: "st-3", StartTime: at(2), EndTime: at(3)},
	}
	want := []timeline.Lane{
		{Name: a, Label: "stage/Aaa · eu-west-1", Spans: []timeline.Span{{ID: "st-2", Start: at(1), Active: true}}},
		{Name: b, Label: "stage/Bbb · us-west-2", Spans: []timeline.Span{ended("st-1", 0, 5), ended("st-3", 2, 3)}},
	}
	if diff := cmp.Diff(want, timeline.StageLanes(ss)); diff != "" {
		t.Errorf("StageLanes() mismatch (-want +got):\n%s", diff)
	}
}

func TestStageLanesNamed(t *testing.T) {
	arn := func(region, id string) string { return "arn:aws:ivs:" + region + ":111122223333:stage/" + id }
	var ss []sessions.StageSession
	var stages []sessions.Stage
	for _, st := range []struct{ region, id, name string }{
		{"us-west-2", "S10", "Demo10"}, {"us-west-2", "S2", "Demo2"}, {"eu-west-1", "E1", "Demo1"},
		{"us-west-2", "U1", "Demo1"}, {"us-west-2", "Twin2", "Twin"}, {"us-west-2", "Twin1", "Twin"},
		{"us-west-2", "Anon", ""}, {"us-east-1", "Unlisted", "-"},
	} {
		ss = append(ss, sessions.StageSession{StageARN: arn(st.region, st.id), ID: "st-" + st.id, StartTime: at(0)})
		if st.name != "-" {
			stages = append(stages, sessions.Stage{ARN: arn(st.region, st.id), Name: st.name})
		}
	}
	var got []string
	for _, l := range timeline.StageLanes(ss, stages...) {
		got = append(got, l.Label)
	}
	want := []string{
		"Demo1 · eu-west-1", "Demo1 · us-west-2", "Demo2 · us-west-2", "Demo10 · us-west-2",
		"stage/Anon · us-west-2", "stage/Unlisted · us-east-1",
		"Twin · us-west-2 · Twin1", "Twin · us-west-2 · Twin2",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("StageLanes() labels mismatch (-want +got):\n%s", diff)
	}
}

func TestStreamingSpan(t *testing.T) {
	created, started, stopped, updated := at(0), at(2), at(60), at(61)
	tests := []struct {
		name string
		s    sessions.StreamingSession
		want timeline.Span
	}{
		{"stopped", sessions.StreamingSession{ID: "s", State: sessions.StateStopped, CreatedAt: created, StartedAt: started, StoppedAt: stopped, UpdatedAt: updated},
			timeline.Span{ID: "s", Start: started, End: stopped, State: "STOPPED"}},
		{"ready: active", sessions.StreamingSession{ID: "s", State: sessions.StateReady, CreatedAt: created, StartedAt: started, UpdatedAt: updated},
			timeline.Span{ID: "s", Start: started, Active: true, State: "READY"}},
		{"ready with a stop time: active, as --active keeps it", sessions.StreamingSession{ID: "s", State: sessions.StateReady, StartedAt: started, StoppedAt: stopped},
			timeline.Span{ID: "s", Start: started, Active: true, State: "READY"}},
		{"being created: active from creation", sessions.StreamingSession{ID: "s", State: sessions.StateCreateInProgress, CreatedAt: created},
			timeline.Span{ID: "s", Start: created, Active: true, State: "CREATE_IN_PROGRESS"}},
		{"creation failed: ends at its last update", sessions.StreamingSession{ID: "s", State: sessions.StateCreateFailed, CreatedAt: created, UpdatedAt: updated},
			timeline.Span{ID: "s", Start: created, End: updated, State: "CREATE_FAILED"}},
		{"deleted without a stop time", sessions.StreamingSession{ID: "s", State: sessions.StateDeleted, CreatedAt: created, StartedAt: started, UpdatedAt: updated},
			timeline.Span{ID: "s", Start: started, End: updated, State: "DELETED"}},
		{"being deleted: not active", sessions.StreamingSession{ID: "s", State: sessions.StateDeleteInProgress, StartedAt: started, StoppedAt: stopped, UpdatedAt: updated},
			timeline.Span{ID: "s", Start: started, End: stopped, State: "DELETE_IN_PROGRESS"}},
		{"stop failed: not active, ends at its last update", sessions.StreamingSession{ID: "s", State: sessions.StateStopFailed, CreatedAt: created, StartedAt: started, UpdatedAt: updated},
			timeline.Span{ID: "s", Start: started, End: updated, State: "STOP_FAILED"}},
		{"a state not known yet: not active, as --active does not keep it", sessions.StreamingSession{ID: "s", State: "HIBERNATING", CreatedAt: created, StartedAt: started, UpdatedAt: updated},
			timeline.Span{ID: "s", Start: started, End: updated, State: "HIBERNATING"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, timeline.StreamingSpan(tt.s)); diff != "" {
				t.Errorf("StreamingSpan() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStreamingLanes(t *testing.T) {
	ss := []sessions.StreamingSession{
		{StudioID: "studio-2", ID: "s1", OwnedBy: "bob", State: sessions.StateReady, StartedAt: at(1)},
		{StudioID: "studio-1", ID: "s2", OwnedBy: "bob", State: sessions.StateStopped, StartedAt: at(2), StoppedAt: at(3)},
		{StudioID: "studio-1", ID: "s3", OwnedBy: "", State: sessions.StateReady, StartedAt: at(4)},
	}
	names := func(lanes []timeline.Lane) (out [][2]string) {
		for _, l := range lanes {
			out = append(out, [2]string{l.Name, l.Label})
		}
		return out
	}
	if diff := cmp.Diff([][2]string{{"studio-1", "studio-1"}, {"studio-2", "studio-2"}}, names(timeline.StreamingLanes(ss, timeline.ByStudio))); diff != "" {
		t.Errorf("lanes ByStudio mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][2]string{{"", "(none)"}, {"bob", "bob"}}, names(timeline.StreamingLanes(ss, timeline.ByOwner))); diff != "" {
		t.Errorf("lanes ByOwner mismatch (-want +got):\n%s", diff)
	}
}

func TestWithIdleStages(t *testing.T) {
	const busy, idle = "arn:aws:ivs:us-west-2:111122223333:stage/Busy", "arn:aws:ivs:us-west-2:111122223333:stage/Idle"
	stages := []sessions.Stage{{ARN: busy, Name: "room-10"}, {ARN: idle, Name: "room-9"}}
	lanes := timeline.StageLanes([]sessions.StageSession{{StageARN: busy, ID: "st-1", StartTime: at(0), EndTime: at(1)}}, stages...)
	got := timeline.WithIdleStages(lanes, stages...)
	want := []timeline.Lane{
		{Name: idle, Label: "room-9 · us-west-2"},
		{Name: busy, Label: "room-10 · us-west-2", Spans: []timeline.Span{ended("st-1", 0, 1)}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("WithIdleStages() mismatch (-want +got):\n%s", diff)
	}
}
