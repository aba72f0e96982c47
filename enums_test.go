package sessions_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/sessionkit/sessions"
)

func TestParseEnums(t *testing.T) {
	for _, s := range sessions.States() {
		got, err := sessions.ParseState(strings.ToLower(string(s)))
		if err != nil || got != s || !got.IsKnown() {
			t.Errorf("ParseState(%q) = %q, %v", strings.ToLower(string(s)), got, err)
		}
	}
	codes := []sessions.StatusCode{sessions.StatusReady, sessions.StatusInsufficientCapacity, sessions.StatusAMIValidationError, sessions.StatusStartInProgress}
	if len(sessions.States()) != 11 {
		t.Errorf("got %d states, want 11", len(sessions.States()))
	}
	for _, c := range codes {
		if got, err := sessions.ParseStatusCode(string(c)); err != nil || got != c {
			t.Errorf("ParseStatusCode(%q) = %q, %v", c, got, err)
		}
	}
	_, err := sessions.ParseState("RUNNING")
	var ie *sessions.InputError
	if !errors.As(err, &ie) || ie.Field != "State" || !strings.Contains(ie.Reason, "READY") || !strings.Contains(ie.Reason, "START_FAILED") {
		t.Errorf("ParseState(RUNNING) error = %v, want one listing the valid states", err)
	}
	for name, parse := range map[string]func(string) error{
		"AutomaticTerminationMode": func(s string) error { _, err := sessions.ParseAutomaticTerminationMode(s); return err },
		"BackupMode":               func(s string) error { _, err := sessions.ParseBackupMode(s); return err },
		"PersistenceMode":          func(s string) error { _, err := sessions.ParsePersistenceMode(s); return err },
		"VolumeRetentionMode":      func(s string) error { _, err := sessions.ParseVolumeRetentionMode(s); return err },
		"StageStatus":              func(s string) error { _, err := sessions.ParseStageStatus(s); return err },
		"StatusCode":               func(s string) error { _, err := sessions.ParseStatusCode(s); return err },
	} {
		if err := parse("bogus"); !errors.As(err, &ie) || ie.Field != name {
			t.Errorf("Parse%s(bogus) = %v, want an InputError for %s", name, err, name)
		}
	}
	for _, m := range []string{"activated", "DEACTIVATED"} {
		if _, err := sessions.ParseAutomaticTerminationMode(m); err != nil {
			t.Error(err)
		}
		if _, err := sessions.ParsePersistenceMode(m); err != nil {
			t.Error(err)
		}
	}
}

func TestStateGroups(t *testing.T) {
	var failed, transitional []sessions.State
	for _, s := range sessions.States() {
		if s.Failed() {
			failed = append(failed, s)
		}
		if s.Transitional() {
			transitional = append(transitional, s)
		}
	}
	if len(failed) != 4 || len(transitional) != 4 {
		t.Errorf("Failed: %v, Transitional: %v; want 4 of each", failed, transitional)
	}
	if !sessions.StatusInsufficientCapacity.IsError() || !sessions.StatusAMIValidationError.IsError() || sessions.StatusReady.IsError() {
		t.Error("StatusCode.IsError misclassifies")
	}
}

func TestEnumTextRoundTrip(t *testing.T) {
	type doc struct {
		State  sessions.State
		Code   sessions.StatusCode
		Status sessions.StageStatus
	}
	in := doc{State: "HIBERNATING", Code: sessions.StatusReady, Status: sessions.StageEnded}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Errorf("round trip of %s = %+v, %v", b, out, err)
	}
	if err := json.Unmarshal([]byte(`{"Status":"RUNNING"}`), &out); err == nil {
		t.Error("StageStatus accepted RUNNING")
	}
}

func TestStageStatusRoundTrips(t *testing.T) {
	for _, s := range []sessions.StageStatus{sessions.StageActive, sessions.StageEnded, sessions.AnyStatus} {
		if got, err := sessions.ParseStageStatus(s.String()); err != nil || got != s {
			t.Errorf("ParseStageStatus(%q) = %q, %v; want %q", s.String(), got, err, s)
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var got sessions.StageStatus
		if err := json.Unmarshal(b, &got); err != nil || got != s {
			t.Errorf("json.Unmarshal(%s) = %q, %v; want %q", b, got, err, s)
		}
		if err := got.UnmarshalText([]byte(s.String())); err != nil || got != s {
			t.Errorf("UnmarshalText(%q) = %q, %v; want %q", s.String(), got, err, s)
		}
	}
}
