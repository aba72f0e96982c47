package sessions_test

//lint:file-ignore SA1019 the typed-nil *nimble.Client case needs the deprecated Nimble SDK.

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/nimble"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

func TestBadInputSendsNothing(t *testing.T) {
	stage := stageSvc(testARN, stageData(testARN, 10))
	studio := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{"studio-1": studioData("studio-1", 10)}, PageSize: 5}
	cursors := badInputCursorsFrom(t, stage, studio)

	for _, tc := range badStageInputs(cursors) {
		t.Run("stage/"+tc.name, func(t *testing.T) {
			_, err := sessions.StageSessions(stage, tc.q, tc.opts...)
			checkInputError(t, err, tc.field)
		})
	}
	t.Run("stage/nil transport", func(t *testing.T) {
		_, err := sessions.StageSessions(nil, sessions.StageQuery{StageARN: testARN})
		checkInputError(t, err, "transport")
	})
	for _, tc := range badStudioInputs(cursors) {
		t.Run("studio/"+tc.name, func(t *testing.T) {
			_, err := sessions.StreamingSessions(studio, tc.q, tc.opts...)
			checkInputError(t, err, tc.field)
		})
	}
	t.Run("studio/nil transport", func(t *testing.T) {
		_, err := sessions.StreamingSessions(nil, sessions.StudioQuery{StudioID: "s"})
		checkInputError(t, err, "transport")
	})
	if len(stage.Recorded()) != 0 || len(studio.Recorded()) != 0 {
		t.Errorf("bad input sent %d stage and %d studio requests, want none", len(stage.Recorded()), len(studio.Recorded()))
	}
}

// A badInput is a query and options that a constructor must refuse with
// an *InputError naming field.
type badInput[Q any] struct {
	name  string
	q     Q
	opts  []sessions.Option
	field string
}

// badInputCursors are valid cursors, for the cases that hand one to a
// listing it does not belong to.
type badInputCursors struct {
	stage      string // testARN's first page
	otherStage string // another stage's first page
	sizedStage string // testARN's first page with PageSize(10)
	studio     string // studio-1's first page, created by alice
}

// badInputCursorsFrom takes the cursors from new paginators over the
// services, which sends no request.
func badInputCursorsFrom(t *testing.T, stage *sessionstest.StageService, studio *sessionstest.StudioService) badInputCursors {
	t.Helper()
	otherStage := mustStage(t, stage, sessions.StageQuery{StageARN: "arn:aws:ivs:us-west-2:111122223333:stage/Other1"})
	sized := mustStage(t, stage, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(10))
	stageCursor := mustStage(t, stage, sessions.StageQuery{StageARN: testARN}).Cursor()
	studioP, err := sessions.StreamingSessions(studio, sessions.StudioQuery{StudioID: "studio-1", CreatedBy: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	return badInputCursors{stage: stageCursor, otherStage: otherStage.Cursor(), sizedStage: sized.Cursor(), studio: studioP.Cursor()}
}

// badStageInputs are the stage queries and options StageSessions refuses.
func badStageInputs(c badInputCursors) []badInput[sessions.StageQuery] {
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	return []badInput[sessions.StageQuery]{
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
		{"truncated cursor", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.StartingToken(c.stage[:len(c.stage)-3])}, "StartingToken"},
		{"tampered cursor", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.StartingToken(tamper(c.stage))}, "StartingToken"},
		{"cursor of another stage", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.StartingToken(c.otherStage)}, "StartingToken"},
		{"cursor of another page size", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.StartingToken(c.sizedStage), sessions.PageSize(20)}, "StartingToken"},
		{"cursor of a studio", sessions.StageQuery{StageARN: testARN}, []sessions.Option{sessions.StartingToken(c.studio)}, "StartingToken"},
	}
}

// badStudioInputs are the studio queries and options StreamingSessions
// refuses.
func badStudioInputs(c badInputCursors) []badInput[sessions.StudioQuery] {
	return []badInput[sessions.StudioQuery]{
		{"empty studio", sessions.StudioQuery{}, nil, "StudioQuery.StudioID"},
		{"page size", sessions.StudioQuery{StudioID: "studio-1"}, []sessions.Option{sessions.PageSize(10)}, "PageSize"},
		{"empty session ID", sessions.StudioQuery{StudioID: "studio-1", SessionIDs: []string{"a", ""}}, nil, "StudioQuery.SessionIDs[1]"},
		{"duplicate session ID", sessions.StudioQuery{StudioID: "studio-1", SessionIDs: []string{"a", "b", "a"}}, nil, "StudioQuery.SessionIDs[2]"},
		{"unknown state", sessions.StudioQuery{StudioID: "studio-1", States: []sessions.State{sessions.StateReady, "RUNNING"}}, nil, "StudioQuery.States[1]"},
		{"max items 0", sessions.StudioQuery{StudioID: "studio-1"}, []sessions.Option{sessions.MaxItems(0)}, "MaxItems"},
		{"cursor of another filter", sessions.StudioQuery{StudioID: "studio-1", CreatedBy: "bob"}, []sessions.Option{sessions.StartingToken(c.studio)}, "StartingToken"},
		{"cursor of another studio", sessions.StudioQuery{StudioID: "studio-2", CreatedBy: "alice"}, []sessions.Option{sessions.StartingToken(c.studio)}, "StartingToken"},
		{"cursor of a stage", sessions.StudioQuery{StudioID: "studio-1"}, []sessions.Option{sessions.StartingToken(c.stage)}, "StartingToken"},
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

// FuzzConstructors feeds arbitrary queries and options to both
// constructors: each returns a paginator or an *InputError, nothing else.
func FuzzConstructors(f *testing.F) {
	f.Add(testARN, "ACTIVE", "READY,stopped", "", 10, 5, 1, "", uint8(0))
	f.Add("arn:aws:ivs:x:1:stage/a", "any", "ready", "a,b,a", 0, 0, -1, "sessions.v1.AAAA", uint8(0xff))
	f.Add("", "", "", "", 101, -1, 101, "t\x00", uint8(3))
	f.Fuzz(func(t *testing.T, arn, status, states, sessionIDs string, pageSize, maxItems, prefetch int, token string, mask uint8) {
		var opts []sessions.Option
		var zero sessions.Option
		for i, o := range []sessions.Option{zero, sessions.PageSize(pageSize), sessions.MaxItems(maxItems), sessions.Prefetch(prefetch), sessions.StartingToken(token), sessions.OnPage(nil)} {
			if mask&(1<<i) != 0 {
				opts = append(opts, o)
			}
		}
		check := func(name string, ok bool, err error) {
			var ie *sessions.InputError
			if ok == (err != nil) || err != nil && !errors.As(err, &ie) {
				t.Fatalf("%s: paginator %v, err %v; want a paginator or an *InputError", name, ok, err)
			}
		}
		sq := sessions.StageQuery{StageARN: arn, Status: sessions.StageStatus(status)}
		p, err := sessions.StageSessions(&sessionstest.StageService{}, sq, opts...)
		check("StageSessions", p != nil, err)
		if mask&0x80 != 0 {
			p, err = sessions.StageSessions((*ivsrealtime.Client)(nil), sq, opts...)
			check("StageSessions(nil client)", p != nil, err)
		}
		q := sessions.StudioQuery{StudioID: arn, CreatedBy: status}
		for _, s := range strings.Split(states, ",") {
			q.States = append(q.States, sessions.State(s))
		}
		if sessionIDs != "" {
			q.SessionIDs = strings.Split(sessionIDs, ",")
		}
		sp, err := sessions.StreamingSessions(&sessionstest.StudioService{}, q, opts...)
		check("StreamingSessions", sp != nil, err)
		if mask&0x40 != 0 {
			sp, err = sessions.StreamingSessions((*nimble.Client)(nil), q, opts...)
			check("StreamingSessions(nil client)", sp != nil, err)
		}
	})
}

// Wrapped sentinels do not repeat the package prefix.
func TestErrorTextsHaveOnePrefix(t *testing.T) {
	svc := &regressScripted{pages: map[string]regressPage{"": {ids: []string{"a"}, next: "A"}, "A": {ids: []string{"b"}, next: "A"}}}
	_, err := sessions.Collect(mustStage(t, svc, sessions.StageQuery{StageARN: testARN}).All(context.Background()))
	if !errors.Is(err, sessions.ErrTokenLoop) {
		t.Fatalf("err = %v, want ErrTokenLoop", err)
	}
	want := "sessions: ListStageSessions " + testARN + " page 2: the service repeated a page token"
	if err.Error() != want {
		t.Errorf("err.Error() = %q, want %q", err, want)
	}
}
