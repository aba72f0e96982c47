//lint:file-ignore SA1019 the Nimble SDK marks every API deprecated; the fake must use it.

package sessions_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

// Tests list sessionstest's services where they fit (stageSvc). The fakes
// here are kept for what sessionstest cannot express: a hook that rewrites
// any response (stageFake), tokens a test can name ("t10", the offset), and
// a transport that drops the service-side filters (studioFake).

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

type stageFake struct {
	data []sessions.StageSession
	// hook, if set, may replace a response: it gets the call number
	// (from 1), the token sent and the page about to be returned.
	hook func(call int, token string, out *ivsrealtime.ListStageSessionsOutput) (*ivsrealtime.ListStageSessionsOutput, error)

	mu    sync.Mutex
	calls []ivsrealtime.ListStageSessionsInput
}

func (f *stageFake) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, _ ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	f.mu.Lock()
	f.calls = append(f.calls, *in)
	call := len(f.calls)
	f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	size := 50
	if in.MaxResults != nil {
		size = int(*in.MaxResults)
	}
	start := 0
	token := aws.ToString(in.NextToken)
	if token != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(token, "t"))
		if err != nil || !strings.HasPrefix(token, "t") || n > len(f.data) {
			return nil, &ivstypes.ValidationException{ExceptionMessage: aws.String("bad token " + token)}
		}
		start = n
	}
	end := min(start+size, len(f.data))
	out := &ivsrealtime.ListStageSessionsOutput{StageSessions: []ivstypes.StageSessionSummary{}}
	for _, s := range f.data[start:end] {
		item := ivstypes.StageSessionSummary{SessionId: aws.String(s.ID), StartTime: aws.Time(s.StartTime)}
		if !s.EndTime.IsZero() {
			item.EndTime = aws.Time(s.EndTime)
		}
		out.StageSessions = append(out.StageSessions, item)
	}
	if end < len(f.data) {
		out.NextToken = aws.String("t" + strconv.Itoa(end))
	}
	if f.hook != nil {
		return f.hook(call, token, out)
	}
	return out, nil
}

func (f *stageFake) requests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
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

// studioFake pages streaming sessions; with ignoreFilters it behaves like a
// transport that drops the service-side filters.
type studioFake struct {
	data          []sessions.StreamingSession
	pageSize      int
	ignoreFilters bool

	mu    sync.Mutex
	calls []nimble.ListStreamingSessionsInput
}

func (f *studioFake) ListStreamingSessions(ctx context.Context, in *nimble.ListStreamingSessionsInput, _ ...func(*nimble.Options)) (*nimble.ListStreamingSessionsOutput, error) {
	f.mu.Lock()
	f.calls = append(f.calls, *in)
	f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var match []sessions.StreamingSession
	for _, s := range f.data {
		if !f.ignoreFilters && (in.CreatedBy != nil && s.CreatedBy != *in.CreatedBy ||
			in.OwnedBy != nil && s.OwnedBy != *in.OwnedBy ||
			in.SessionIds != nil && s.ID != *in.SessionIds) {
			continue
		}
		match = append(match, s)
	}
	start := 0
	if in.NextToken != nil {
		start, _ = strconv.Atoi(*in.NextToken)
	}
	end := min(start+f.pageSize, len(match))
	out := &nimble.ListStreamingSessionsOutput{}
	for _, s := range match[start:end] {
		out.Sessions = append(out.Sessions, nimbletypes.StreamingSession{
			SessionId: aws.String(s.ID), Arn: aws.String(s.ARN), CreatedBy: aws.String(s.CreatedBy), OwnedBy: aws.String(s.OwnedBy),
			State: nimbletypes.StreamingSessionState(s.State), StatusCode: nimbletypes.StreamingSessionStatusCode(s.StatusCode),
			CreatedAt: aws.Time(s.CreatedAt), BackupMode: nimbletypes.SessionBackupMode(s.BackupMode),
			MaxBackupsToRetain: int32(s.MaxBackupsToRetain),
			VolumeConfiguration: &nimbletypes.VolumeConfiguration{Size: aws.Int32(int32(s.VolumeConfiguration.SizeGiB)),
				Throughput: aws.Int32(int32(s.VolumeConfiguration.ThroughputMiBps)), Iops: aws.Int32(int32(s.VolumeConfiguration.IOPS))},
		})
	}
	if end < len(match) {
		out.NextToken = aws.String(strconv.Itoa(end))
	}
	return out, nil
}
