package sessions_test

//lint:file-ignore SA1019 the Nimble SDK marks every API deprecated; the fake must use it.

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/nimble"
	"go.uber.org/goleak"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// Tests list sessionstest's services (stageSvc); studioRecorder adds what a
// test of the studio filters needs: the calls as sent, and a transport that
// drops the service-side filters.

const testARN = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"

func stageData(arn string, n int) []sessions.StageSession {
	out := make([]sessions.StageSession, n)
	base := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	for i := range out {
		out[i] = sessions.StageSession{StageARN: arn, ID: fmt.Sprintf("st-%013d", i), StartTime: base.Add(time.Duration(i) * time.Minute)}
		if i%3 != 0 {
			out[i].EndTime = out[i].StartTime.Add(30 * time.Second)
		}
	}
	return out
}

// stageSvc returns a sessionstest.StageService that serves data as the
// sessions of the stage arn.
func stageSvc(arn string, data []sessions.StageSession) *sessionstest.StageService {
	return &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arn: data}}
}

func studioData(studio string, n int) []sessions.StreamingSession {
	out := make([]sessions.StreamingSession, n)
	states := sessions.States()
	users := []string{"alice", "bob", "carol"}
	base := time.Date(2023, 1, 2, 3, 4, 5, 0, time.UTC)
	for i := range out {
		out[i] = sessions.StreamingSession{
			StudioID: studio, ID: fmt.Sprintf("session-%d", i),
			ARN:       "arn:aws:nimble:us-west-2:111122223333:streaming-session/session-" + strconv.Itoa(i),
			CreatedBy: users[i%3], OwnedBy: users[(i/3)%3], State: states[i%len(states)],
			StatusCode: sessions.StatusReady, CreatedAt: base.Add(time.Duration(i) * time.Hour),
			BackupMode: sessions.BackupAutomatic, MaxBackupsToRetain: i % 5,
			VolumeConfiguration: sessions.VolumeConfiguration{SizeGiB: 500, ThroughputMiBps: 125, IOPS: 3000},
		}
	}
	return out
}

// studioRecorder records the calls as the library made them, nil filters
// as nil, and passes them on to svc; with dropFilters it passes them on
// without the service-side filters, like a transport that ignores them.
type studioRecorder struct {
	svc         *sessionstest.StudioService
	dropFilters bool
	calls       []nimble.ListStreamingSessionsInput
}

func (r *studioRecorder) ListStreamingSessions(ctx context.Context, in *nimble.ListStreamingSessionsInput, o ...func(*nimble.Options)) (*nimble.ListStreamingSessionsOutput, error) {
	r.calls = append(r.calls, *in)
	if r.dropFilters {
		c := *in
		c.CreatedBy, c.OwnedBy, c.SessionIds = nil, nil, nil
		in = &c
	}
	return r.svc.ListStreamingSessions(ctx, in, o...)
}

// collectAll ranges over seq to its end and returns the items and the
// errors, each in order: for the listings whose failing sources do not
// stop the others (Merge, fan-outs).
func collectAll[T any](seq iter.Seq2[T, error]) ([]T, []error) {
	var items []T
	var errs []error
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, v)
	}
	return items, errs
}
