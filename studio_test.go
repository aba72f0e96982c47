package sessions_test

//lint:file-ignore SA1019 the Nimble SDK marks every API deprecated; these tests must use it.

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

func TestStudioFiltersArePushedDownAndVerified(t *testing.T) {
	data := studioData("studio-1", 60)
	for _, tc := range []struct {
		name                          string
		q                             sessions.StudioQuery
		createdBy, ownedBy, sessionID *string
	}{
		{"no filter", sessions.StudioQuery{}, nil, nil, nil},
		{"created by", sessions.StudioQuery{CreatedBy: "bob"}, aws.String("bob"), nil, nil},
		{"owned by", sessions.StudioQuery{OwnedBy: "carol"}, nil, aws.String("carol"), nil},
		{"both", sessions.StudioQuery{CreatedBy: "alice", OwnedBy: "bob"}, aws.String("alice"), aws.String("bob"), nil},
		{"one session", sessions.StudioQuery{SessionIDs: []string{"session-7"}}, nil, nil, aws.String("session-7")},
		{"many sessions", sessions.StudioQuery{SessionIDs: []string{"session-7", "session-9", "session-70"}}, nil, nil, nil},
		{"many sessions, as a set", sessions.StudioQuery{SessionIDs: []string{"session-1", "session-2", "session-3", "session-4", "session-5", "session-6", "session-7", "session-8", "session-59"}}, nil, nil, nil},
		{"states", sessions.StudioQuery{States: []sessions.State{sessions.StateReady, sessions.StateStopped}}, nil, nil, nil},
		{"where", sessions.StudioQuery{Where: func(s sessions.StreamingSession) bool { return s.MaxBackupsToRetain == 2 }}, nil, nil, nil},
	} {
		for _, ignore := range []bool{false, true} {
			name := tc.name
			if ignore {
				name += "/transport ignores filters"
			}
			t.Run(name, func(t *testing.T) {
				q := tc.q
				q.StudioID = "studio-1"
				var want []sessions.StreamingSession
				for _, s := range data {
					if q.Match(s) {
						want = append(want, s)
					}
				}
				f := &studioRecorder{svc: &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{"studio-1": data}, PageSize: 7}, dropFilters: ignore}
				p, err := sessions.StreamingSessions(f, q)
				if err != nil {
					t.Fatal(err)
				}
				got, err := sessions.Collect(p.All(context.Background()))
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("All() mismatch (-want +got):\n%s", diff)
				}
				in := f.calls[0]
				if diff := cmp.Diff([]*string{aws.String("studio-1"), tc.createdBy, tc.ownedBy, tc.sessionID, nil},
					[]*string{in.StudioId, in.CreatedBy, in.OwnedBy, in.SessionIds, in.NextToken}); diff != "" {
					t.Errorf("first request's StudioId, CreatedBy, OwnedBy, SessionIds, NextToken mismatch (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestStudioQueryIsCopied(t *testing.T) {
	ids := []string{"session-1", "session-2"}
	f := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{"studio-1": studioData("studio-1", 10)}, PageSize: 5}
	p, err := sessions.StreamingSessions(f, sessions.StudioQuery{StudioID: "studio-1", SessionIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	ids[0] = "session-9" // the caller reuses its slice
	got, err := sessions.Collect(p.All(context.Background()))
	if err != nil || len(got) != 2 || got[0].ID != "session-1" {
		t.Errorf("got %v, %v; want session-1 and session-2", got, err)
	}
}

// oneItem returns a single fully populated SDK item.
type oneItem struct{ item nimbletypes.StreamingSession }

func (o oneItem) ListStreamingSessions(context.Context, *nimble.ListStreamingSessionsInput, ...func(*nimble.Options)) (*nimble.ListStreamingSessionsOutput, error) {
	return &nimble.ListStreamingSessionsOutput{Sessions: []nimbletypes.StreamingSession{o.item}}, nil
}

func TestStreamingSessionCarriesEveryField(t *testing.T) {
	at := func(h int) *time.Time { return aws.Time(time.Date(2023, 1, 2, h, 0, 0, 0, time.UTC)) }
	item := nimbletypes.StreamingSession{
		Arn: aws.String("arn:aws:nimble:us-west-2:111122223333:streaming-session/s1"), SessionId: aws.String("s1"),
		LaunchProfileId: aws.String("lp-1"), StreamingImageId: aws.String("img-1"), Ec2InstanceType: aws.String("g4dn.xlarge"),
		StartedFromBackupId: aws.String("bk-1"), CreatedBy: aws.String("alice"), OwnedBy: aws.String("bob"),
		StartedBy: aws.String("carol"), StoppedBy: aws.String("dan"), UpdatedBy: aws.String("erin"),
		CreatedAt: at(1), StartedAt: at(2), StopAt: at(3), StoppedAt: at(4), TerminateAt: at(5), UpdatedAt: at(6),
		State: "STOPPED", StatusCode: "STREAMING_SESSION_STOPPED", StatusMessage: aws.String("stopped by user"),
		AutomaticTerminationMode: "ACTIVATED", BackupMode: "AUTOMATIC", SessionPersistenceMode: "ACTIVATED",
		VolumeRetentionMode: "RETAIN", MaxBackupsToRetain: 3, Tags: map[string]string{"team": "fx"},
		VolumeConfiguration: &nimbletypes.VolumeConfiguration{Size: aws.Int32(500), Throughput: aws.Int32(125), Iops: aws.Int32(3000)},
	}
	p, err := sessions.StreamingSessions(oneItem{item}, sessions.StudioQuery{StudioID: "studio-1"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := sessions.Collect(p.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	want := []sessions.StreamingSession{{
		StudioID: "studio-1", ARN: *item.Arn, ID: "s1", LaunchProfileID: "lp-1", StreamingImageID: "img-1",
		EC2InstanceType: "g4dn.xlarge", StartedFromBackupID: "bk-1", CreatedBy: "alice", OwnedBy: "bob",
		StartedBy: "carol", StoppedBy: "dan", UpdatedBy: "erin",
		CreatedAt: *at(1), StartedAt: *at(2), StopAt: *at(3), StoppedAt: *at(4), TerminateAt: *at(5), UpdatedAt: *at(6),
		State: sessions.StateStopped, StatusCode: sessions.StatusStopped, StatusMessage: "stopped by user",
		AutomaticTerminationMode: sessions.AutomaticTerminationActivated, BackupMode: sessions.BackupAutomatic,
		PersistenceMode: sessions.PersistenceActivated, VolumeRetentionMode: sessions.VolumeRetain, MaxBackupsToRetain: 3,
		Tags: map[string]string{"team": "fx"}, VolumeConfiguration: sessions.VolumeConfiguration{SizeGiB: 500, ThroughputMiBps: 125, IOPS: 3000},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("conversion mismatch (-want +got):\n%s", diff)
	}
	// A field added to StreamingSession must be added here too (and to
	// sessionstest's reverse conversion, checked below).
	v := reflect.ValueOf(want[0])
	for i := range v.NumField() {
		if v.Field(i).IsZero() {
			t.Errorf("StreamingSession.%s is not covered by this test", v.Type().Field(i).Name)
		}
	}
	fake := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{"studio-1": want}}
	p, _ = sessions.StreamingSessions(fake, sessions.StudioQuery{StudioID: "studio-1"})
	round, err := sessions.Collect(p.All(context.Background()))
	if diff := cmp.Diff(want, round); diff != "" || err != nil {
		t.Errorf("round trip through sessionstest (err %v) mismatch (-want +got):\n%s", err, diff)
	}
	// Unknown enum values from the service are kept, never rejected.
	item.State, item.StatusCode = "HIBERNATING", "STREAMING_SESSION_HIBERNATED"
	p, _ = sessions.StreamingSessions(oneItem{item}, sessions.StudioQuery{StudioID: "studio-1"})
	got, err = sessions.Collect(p.All(context.Background()))
	if err != nil || got[0].State != "HIBERNATING" || got[0].State.IsKnown() || got[0].StatusCode != "STREAMING_SESSION_HIBERNATED" {
		t.Errorf("unknown enum values: got %+v, %v", got, err)
	}
}

// StreamingSessionFromSDK converts the sessions of a response obtained
// without a paginator, here one ListStreamingSessions call.
func ExampleStreamingSessionFromSDK() {
	nim := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{"studio-1": {
		{ID: "session-1", OwnedBy: "alice", State: sessions.StateReady, StartedAt: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)},
	}}}
	out, err := nim.ListStreamingSessions(context.Background(), &nimble.ListStreamingSessionsInput{StudioId: aws.String("studio-1")})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range out.Sessions {
		s := sessions.StreamingSessionFromSDK("studio-1", &out.Sessions[i])
		fmt.Println(s.StudioID, s.ID, s.OwnedBy, s.State, s.StartedAt.Format(time.RFC3339))
	}
	// Output: studio-1 session-1 alice READY 2024-05-01T10:00:00Z
}
