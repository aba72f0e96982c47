package sessions_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sessionkit/sessions"
)

func TestBadInputSendsNothing(t *testing.T) {
	stage := &stageFake{data: stageData(testARN, 10)}
	studio := &studioFake{data: studioData("studio-1", 10), pageSize: 5}
	otherStage := mustStage(t, stage, sessions.StageQuery{StageARN: "arn:aws:ivs:us-west-2:111122223333:stage/Other1"})
	sized := mustStage(t, stage, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(10))
	stageCursor := mustStage(t, stage, sessions.StageQuery{StageARN: testARN}).Cursor()
	studioP, err := sessions.StreamingSessions(studio, sessions.StudioQuery{StudioID: "studio-1", CreatedBy: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	studioCursor := studioP.Cursor()
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

	stageCases := []struct {
		name  string
		q     sessions.StageQuery
		opts  []sessions.Option
		field string
	}{
		{"empty ARN", sessions.StageQuery{}, nil, "StageQuery.StageARN"},
		{"malformed ARN", sessions.StageQuery{StageARN: "not-an-arn"}, nil, "StageQuery.StageARN"},
		{"too long ARN", sessions.StageQuery{StageARN: "arn:aws:ivs:us-west-2:111122223333:stage/" + strings.Repeat("a", 100)}, nil, "StageQuery.StageARN"},
		{"wrong service", sessions.StageQuery{StageARN: "arn:aws:s3:us-west-2:111122223333:stage/AbCd"}, nil, "StageQuery.StageARN"},
		{"wrong resource", sessions.StageQuery{StageARN: "arn:aws:ivs:us-west-2:111122223333:channel/AbCd"}, nil, "StageQuery.StageARN"},
		{"unknown status", sessions.StageQuery{StageARN: testARN, Status: "RUNNING"}, nil, "StageQuery.Status"},
		{"empty time range", sessions.StageQuery{StageARN: testARN, StartedAfter: t0, StartedBefore: t0}, nil, "StageQuery.StartedBefore"},
		{"page size 0", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.PageSize(0)}, "PageSize"},
		{"page size 101", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.PageSize(101)}, "PageSize"},
		{"page size -1", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.PageSize(-1)}, "PageSize"},
		{"max items 0", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.MaxItems(0)}, "MaxItems"},
		{"max items -5", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.MaxItems(-5)}, "MaxItems"},
		{"prefetch -1", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.Prefetch(-1)}, "Prefetch"},
		{"prefetch 101", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.Prefetch(101)}, "Prefetch"},
		{"token with bad characters", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.StartingToken("abc def!")}, "StartingToken"},
		{"token too long", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.StartingToken(strings.Repeat("a", 1025))}, "StartingToken"},
		{"garbage cursor", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.StartingToken("sessions.v1.!!!")}, "StartingToken"},
		{"truncated cursor", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.StartingToken(stageCursor[:len(stageCursor)-3])}, "StartingToken"},
		{"tampered cursor", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.StartingToken(tamper(stageCursor))}, "StartingToken"},
		{"cursor of another stage", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.StartingToken(otherStage.Cursor())}, "StartingToken"},
		{"cursor of another page size", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.StartingToken(sized.Cursor())}, "StartingToken"},
		{"cursor of a studio", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.StartingToken(studioCursor)}, "StartingToken"},
	}
	for _, tc := range stageCases {
		t.Run("stage/"+tc.name, func(t *testing.T) {
			_, err := sessions.StageSessions(stage, tc.q, tc.opts...)
			checkInputError(t, err, tc.field)
		})
	}
	t.Run("stage/nil transport", func(t *testing.T) {
		_, err := sessions.StageSessions(nil, sessions.StageQuery{StageARN: testARN})
		checkInputError(t, err, "transport")
	})

	studioCases := []struct {
		name  string
		q     sessions.StudioQuery
		opts  []sessions.Option
		field string
	}{
		{"empty studio", sessions.StudioQuery{}, nil, "StudioQuery.StudioID"},
		{"page size", sessions.StudioQuery{StudioID: "studio-1"}, []sessions.Option{sessions.PageSize(10)}, "PageSize"},
		{"empty session ID", sessions.StudioQuery{StudioID: "studio-1", SessionIDs: []string{"a", ""}}, nil, "StudioQuery.SessionIDs[1]"},
		{"duplicate session ID", sessions.StudioQuery{StudioID: "studio-1", SessionIDs: []string{"a", "b", "a"}}, nil, "StudioQuery.SessionIDs[2]"},
		{"unknown state", sessions.StudioQuery{StudioID: "studio-1", States: []sessions.State{sessions.StateReady, "RUNNING"}}, nil, "StudioQuery.States[1]"},
		{"max items 0", sessions.StudioQuery{StudioID: "studio-1"}, []sessions.Option{sessions.MaxItems(0)}, "MaxItems"},
		{"cursor of another filter", sessions.StudioQuery{StudioID: "studio-1", CreatedBy: "bob"}, []sessions.Option{sessions.StartingToken(studioCursor)}, "StartingToken"},
		{"cursor of another studio", sessions.StudioQuery{StudioID: "studio-2", CreatedBy: "alice"}, []sessions.Option{sessions.StartingToken(studioCursor)}, "StartingToken"},
		{"cursor of a stage", sessions.StudioQuery{StudioID: "studio-1"}, []sessions.Option{sessions.StartingToken(stageCursor)}, "StartingToken"},
	}
	for _, tc := range studioCases {
		t.Run("studio/"+tc.name, func(t *testing.T) {
			_, err := sessions.StreamingSessions(studio, tc.q, tc.opts...)
			checkInputError(t, err, tc.field)
		})
	}
	t.Run("studio/nil transport", func(t *testing.T) {
		_, err := sessions.StreamingSessions(nil, sessions.StudioQuery{StudioID: "s"})
		checkInputError(t, err, "transport")
	})
	if stage.requests() != 0 || len(studio.calls) != 0 {
		t.Errorf("bad input sent %d stage and %d studio requests, want none", stage.requests(), len(studio.calls))
	}
}

func checkInputError(t *testing.T, err error, field string) {
	t.Helper()
	var ie *sessions.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want *sessions.InputError", err)
	}
	if ie.Field != field {
		t.Errorf("Field = %q, want %q (err: %v)", ie.Field, field, err)
	}
	if !strings.HasPrefix(err.Error(), "sessions: invalid "+field) || ie.Reason == "" {
		t.Errorf("err.Error() = %q, want it to name %s and say what is allowed", err, field)
	}
}

// tamper flips one character in the middle of a cursor.
func tamper(c string) string {
	b := []byte(c)
	i := len(b) - 8
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}
