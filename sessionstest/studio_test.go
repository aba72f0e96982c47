package sessionstest_test

//lint:file-ignore SA1019 Nimble Studio's final SDK release marks every type deprecated; these tests fake that API.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	"github.com/aws/aws-sdk-go-v2/service/nimble/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

const studioID = "studio-abc"

// streamingSessions returns n sessions of studioID as the paginator yields
// them, created by two users, owned by three, in a few states.
func streamingSessions(n int) []sessions.StreamingSession {
	states := []sessions.State{sessions.StateReady, sessions.StateStopped, sessions.StateStartFailed}
	out := make([]sessions.StreamingSession, n)
	for i := range out {
		out[i] = sessions.StreamingSession{
			StudioID:  studioID,
			ID:        fmt.Sprintf("session-%03d", i),
			CreatedBy: fmt.Sprintf("creator-%d", i%2),
			OwnedBy:   fmt.Sprintf("owner-%d", i%3),
			State:     states[i%len(states)],
			CreatedAt: t0.Add(time.Duration(i) * time.Hour),
		}
	}
	return out
}

func TestStudioPaging(t *testing.T) {
	tests := []struct {
		name     string
		n        int
		pageSize int // the fake's PageSize; 0 means the default, 100
	}{
		{"empty studio", 0, 0},
		{"default page size, one page", 100, 0},
		{"default page size, two pages", 101, 0},
		{"page size 1", 3, 1},
		{"page size 4", 10, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := streamingSessions(tt.n)
			fake := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{studioID: want}, PageSize: tt.pageSize}
			got, err := collect(sessions.StreamingSessions(fake, sessions.StudioQuery{StudioID: studioID}))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("All() mismatch (-want +got):\n%s", diff)
			}
			size := tt.pageSize
			if size == 0 {
				size = sessionstest.DefaultStudioPageSize
			}
			if len(fake.Calls) != pages(tt.n, size) {
				t.Errorf("%d calls, want %d", len(fake.Calls), pages(tt.n, size))
			}
		})
	}
}

// TestStudioFilters checks that the service-side filters reach the fake (its
// recorded calls show them) and that the results are the matching sessions.
func TestStudioFilters(t *testing.T) {
	data := streamingSessions(30)
	tests := []struct {
		name string
		q    sessions.StudioQuery
		sent sessionstest.StudioCall // the filters the first call should carry
	}{
		{"none", sessions.StudioQuery{}, sessionstest.StudioCall{}},
		{"created by", sessions.StudioQuery{CreatedBy: "creator-1"}, sessionstest.StudioCall{CreatedBy: "creator-1"}},
		{"owned by", sessions.StudioQuery{OwnedBy: "owner-2"}, sessionstest.StudioCall{OwnedBy: "owner-2"}},
		{"created and owned by", sessions.StudioQuery{CreatedBy: "creator-0", OwnedBy: "owner-0"}, sessionstest.StudioCall{CreatedBy: "creator-0", OwnedBy: "owner-0"}},
		{"one session ID", sessions.StudioQuery{SessionIDs: []string{"session-007"}}, sessionstest.StudioCall{SessionIDs: "session-007"}},
		{"two session IDs stay on the client", sessions.StudioQuery{SessionIDs: []string{"session-007", "session-011"}}, sessionstest.StudioCall{}},
		{"states stay on the client", sessions.StudioQuery{CreatedBy: "creator-1", States: []sessions.State{sessions.StateReady}}, sessionstest.StudioCall{CreatedBy: "creator-1"}},
		{"no match", sessions.StudioQuery{OwnedBy: "nobody"}, sessionstest.StudioCall{OwnedBy: "nobody"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{studioID: data}, PageSize: 4}
			q := tt.q
			q.StudioID = studioID
			got, err := collect(sessions.StreamingSessions(fake, q))
			if err != nil {
				t.Fatal(err)
			}
			var want []sessions.StreamingSession
			for _, s := range data {
				if q.Match(s) {
					want = append(want, s)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("All() mismatch (-want +got):\n%s", diff)
			}
			wantFirst := tt.sent
			wantFirst.StudioID = studioID
			if diff := cmp.Diff(wantFirst, fake.Calls[0]); diff != "" {
				t.Errorf("Calls[0] mismatch (-want +got):\n%s", diff)
			}
			// The fake filters on its side: the pushed-down filters cut
			// the number of pages.
			served := 0
			for _, s := range data {
				if (tt.sent.CreatedBy == "" || s.CreatedBy == tt.sent.CreatedBy) && (tt.sent.OwnedBy == "" || s.OwnedBy == tt.sent.OwnedBy) && (tt.sent.SessionIDs == "" || s.ID == tt.sent.SessionIDs) {
					served++
				}
			}
			if len(fake.Calls) != pages(served, 4) {
				t.Errorf("%d calls, want %d for %d sessions served 4 a page", len(fake.Calls), pages(served, 4), served)
			}
		})
	}
}

// TestStudioEveryField round-trips a session with every field set, and one
// with none, through the fake and the paginator.
func TestStudioEveryField(t *testing.T) {
	full := sessions.StreamingSession{
		StudioID: studioID, ARN: "arn:aws:nimble:us-west-2:111122223333:streaming-session/s-1", ID: "s-1",
		LaunchProfileID: "lp-1", StreamingImageID: "si-1", EC2InstanceType: "g4dn.xlarge", StartedFromBackupID: "b-1",
		CreatedBy: "u-c", OwnedBy: "u-o", StartedBy: "u-s", StoppedBy: "u-t", UpdatedBy: "u-u",
		CreatedAt: t0, StartedAt: t0.Add(1), StopAt: t0.Add(2), StoppedAt: t0.Add(3), TerminateAt: t0.Add(4), UpdatedAt: t0.Add(5),
		State: sessions.StateStopped, StatusCode: sessions.StatusCode("SOMETHING_NEW"), StatusMessage: "stopped by user",
		AutomaticTerminationMode: sessions.AutomaticTerminationMode("ACTIVATED"), BackupMode: sessions.BackupMode("AUTOMATIC"),
		PersistenceMode: sessions.PersistenceMode("ACTIVATED"), VolumeRetentionMode: sessions.VolumeRetentionMode("RETAIN"),
		MaxBackupsToRetain: 3, Tags: map[string]string{"team": "vfx"},
		VolumeConfiguration: sessions.VolumeConfiguration{SizeGiB: 500, ThroughputMiBps: 125, IOPS: 3000},
	}
	bare := sessions.StreamingSession{StudioID: studioID}
	want := []sessions.StreamingSession{full, bare}
	fake := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{studioID: want}}
	got, err := collect(sessions.StreamingSessions(fake, sessions.StudioQuery{StudioID: studioID}))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("All() mismatch (-want +got):\n%s", diff)
	}

	out, err := fake.ListStreamingSessions(context.Background(), &nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID)})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(types.StreamingSession{}, out.Sessions[1], cmpopts.IgnoreUnexported(types.StreamingSession{})); diff != "" {
		t.Errorf("a session with no fields set converts to non-nil fields (-want +got):\n%s", diff)
	}
	wantVC := &types.VolumeConfiguration{Size: aws.Int32(500), Throughput: aws.Int32(125), Iops: aws.Int32(3000)}
	if diff := cmp.Diff(wantVC, out.Sessions[0].VolumeConfiguration, cmpopts.IgnoreUnexported(types.VolumeConfiguration{})); diff != "" {
		t.Errorf("VolumeConfiguration mismatch (-want +got):\n%s", diff)
	}
	out.Sessions[0].Tags["team"] = "changed"
	if full.Tags["team"] != "vfx" {
		t.Errorf("changing a page's Tags changed the fake's data")
	}
}

func TestStudioRejects(t *testing.T) {
	fake := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{studioID: streamingSessions(10)}, PageSize: 3}
	ctx := context.Background()
	first, err := fake.ListStreamingSessions(ctx, &nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID), CreatedBy: aws.String("creator-0")})
	if err != nil || first.NextToken == nil {
		t.Fatalf("first page: %v, %v; want a page with a token", first, err)
	}
	tok := *first.NextToken
	var (
		validation *types.ValidationException
		notFound   *types.ResourceNotFoundException
	)
	tests := []struct {
		name   string
		in     *nimble.ListStreamingSessionsInput
		target any
	}{
		{"no studio ID", &nimble.ListStreamingSessionsInput{}, &validation},
		{"empty studio ID", &nimble.ListStreamingSessionsInput{StudioId: aws.String("")}, &validation},
		{"unknown studio", &nimble.ListStreamingSessionsInput{StudioId: aws.String("studio-nope")}, &notFound},
		{"forged token", &nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID), CreatedBy: aws.String("creator-0"), NextToken: aws.String("page-2")}, &validation},
		{"token without its filter", &nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID), NextToken: aws.String(tok)}, &validation},
		{"token with another filter", &nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID), CreatedBy: aws.String("creator-1"), NextToken: aws.String(tok)}, &validation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := fake.ListStreamingSessions(ctx, tt.in)
			if !errors.As(err, tt.target) {
				t.Errorf("ListStreamingSessions = %v, %v; want %T", out, err, tt.target)
			}
		})
	}
	// A token is a position: it stays good when the page size changes.
	fake.PageSize = 4
	if _, err := fake.ListStreamingSessions(ctx, &nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID), CreatedBy: aws.String("creator-0"), NextToken: aws.String(tok)}); err != nil {
		t.Errorf("a token after the page size changed: %v", err)
	}
}
