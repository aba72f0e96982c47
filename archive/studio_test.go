package archive_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/archive"
	"github.com/sessionkit/sessions/sessionstest"
)

func studioService() *sessionstest.StudioService {
	svc := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{}, PageSize: 7}
	for _, studio := range []string{"stid-aaaaaaaaaaaaaaaa", "stid-bbbbbbbbbbbbbbbb"} {
		for i := range 20 {
			svc.Studios[studio] = append(svc.Studios[studio], sessions.StreamingSession{
				StudioID: studio, ID: fmt.Sprintf("session-%02d", i), ARN: "arn:aws:nimble:us-west-2:123456789012:streaming-session/" + studio + fmt.Sprint(i),
				OwnedBy: "user-" + fmt.Sprint(i%3), State: sessions.State("READY"), StatusCode: sessions.StatusCode("STREAMING_SESSION_READY"),
				CreatedAt: t0.Add(time.Duration(i) * time.Hour), UpdatedAt: t0.Add(time.Duration(i)*time.Hour + time.Minute),
				Tags: map[string]string{"team": "fx"}, VolumeConfiguration: sessions.VolumeConfiguration{SizeGiB: 500, IOPS: 3000},
				MaxBackupsToRetain: 2, BackupMode: sessions.BackupMode("AUTOMATIC"),
			})
		}
	}
	return svc
}

func TestSyncStudios(t *testing.T) {
	svc := studioService()
	ids := []string{"stid-aaaaaaaaaaaaaaaa", "stid-bbbbbbbbbbbbbbbb"}
	a, _ := openTemp(t)
	ctx := context.Background()
	res, err := a.SyncStudios(ctx, svc, ids, archive.SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Studios != 2 || res.New != 40 || res.Requests != 6 {
		t.Errorf("SyncStudios() = %v, want 2 studios, 40 new in 6 requests", res)
	}
	got, err := sessions.Collect(a.StreamingSessions(ctx))
	if err != nil {
		t.Fatal(err)
	}
	want := append(svc.Studios[ids[0]], svc.Studios[ids[1]]...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("StreamingSessions() mismatch (-want +got):\n%s", diff)
	}

	svc.Studios[ids[1]][3].State = sessions.State("STOPPED")
	svc.Studios[ids[1]][3].StoppedAt = t0.Add(9 * time.Hour)
	res, err = a.SyncStudios(ctx, svc, ids, archive.SyncOptions{})
	if err != nil || res.New != 0 || res.Updated != 1 {
		t.Errorf("second SyncStudios() = %v, %v; want 1 updated", res, err)
	}
	got, err = sessions.Collect(a.StreamingSessions(ctx, ids[1]))
	if err != nil || len(got) != 20 || got[3].State != "STOPPED" || !got[3].StoppedAt.Equal(t0.Add(9*time.Hour)) {
		t.Errorf("StreamingSessions(%s) = %d sessions, [3] = %+v, %v", ids[1], len(got), got[3], err)
	}
}

func TestSyncStudiosResumes(t *testing.T) {
	svc := studioService()
	ids := []string{"stid-aaaaaaaaaaaaaaaa"}
	svc.Faults = []sessionstest.Fault{sessionstest.ErrorAt(2, errors.New("boom"))}
	a, _ := openTemp(t)
	ctx := context.Background()
	if _, err := a.SyncStudios(ctx, svc, ids, archive.SyncOptions{}); err == nil {
		t.Fatal("SyncStudios() succeeded through a failure")
	}
	svc.Faults, svc.Calls = nil, nil
	res, err := a.SyncStudios(ctx, svc, ids, archive.SyncOptions{})
	if err != nil || res.New != 13 || res.Requests != 2 {
		t.Errorf("resumed SyncStudios() = %v, %v; want the last 13 sessions in 2 requests", res, err)
	}
}
