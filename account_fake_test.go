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

	"github.com/sessionkit/sessions"
)

// accountFake is a small in-memory IVS account across regions: each
// region's transport serves ListStages and ListStageSessions with offset
// tokens ("t<n>"), counts requests, records requests sent to the wrong
// region, tracks how many are in flight, and lets a test script faults.
type accountFake struct {
	stages   map[string][]sessions.Stage        // by region, in ListStages order
	sessions map[string][]sessions.StageSession // by stage ARN
	latency  time.Duration
	// fault, if set, may fail a request: op is "ListStages" or
	// "ListStageSessions", parent the region or the stage ARN, call the
	// number of requests for that parent so far, counting from 1. It is
	// called under the fake's lock.
	fault func(op, parent string, call int) error
	// gate, if set, holds the first requests until gate of them are in
	// flight at once (or 10 seconds have passed), so that a test can see
	// how many a client sends at once without relying on timing.
	gate int

	mu          sync.Mutex
	calls       map[string]int // by op+" "+parent
	wrongRegion []string
	inFlight    int
	maxInFlight int
	opened      chan struct{} // closed once gate requests were in flight
}

func newAccountFake() *accountFake {
	return &accountFake{stages: map[string][]sessions.Stage{}, sessions: map[string][]sessions.StageSession{}, calls: map[string]int{}}
}

// addStage adds a stage with n sessions; the last is active if active.
func (f *accountFake) addStage(region, name string, n int, active bool, tags map[string]string) sessions.Stage {
	arn := fmt.Sprintf("arn:aws:ivs:%s:111122223333:stage/%s", region, name)
	base := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	ss := make([]sessions.StageSession, n)
	for i := range ss {
		ss[i] = sessions.StageSession{StageARN: arn, ID: fmt.Sprintf("st-%s%04d", strings.ToLower(name)[:min(len(name), 9)], i), StartTime: base.Add(time.Duration(i) * time.Minute)}
		if !active || i < n-1 {
			ss[i].EndTime = ss[i].StartTime.Add(30 * time.Second)
		}
	}
	st := sessions.Stage{ARN: arn, Name: name, Tags: tags}
	if active && n > 0 {
		st.ActiveSessionID = ss[n-1].ID
	}
	f.stages[region] = append(f.stages[region], st)
	f.sessions[arn] = ss
	return st
}

// clients returns the factory of the fake's regional transports.
func (f *accountFake) clients() sessions.ClientFactory {
	return func(region string) (sessions.RegionTransport, error) {
		return &regionFake{f: f, region: region}, nil
	}
}

func (f *accountFake) count(op, parent string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[op+" "+parent]
}

func (f *accountFake) total(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for k, v := range f.calls {
		if strings.HasPrefix(k, op+" ") {
			n += v
		}
	}
	return n
}

// enter records a request and returns its call number and a func to call
// when it ends.
func (f *accountFake) enter(ctx context.Context, op, parent, region string) (int, func(), error) {
	f.mu.Lock()
	f.calls[op+" "+parent]++
	call := f.calls[op+" "+parent]
	if op == "ListStageSessions" && !strings.HasPrefix(parent, "arn:aws:ivs:"+region+":") {
		f.wrongRegion = append(f.wrongRegion, parent+" via "+region)
	}
	f.inFlight++
	f.maxInFlight = max(f.maxInFlight, f.inFlight)
	var fault error
	if f.fault != nil {
		fault = f.fault(op, parent, call)
	}
	if f.opened == nil {
		f.opened = make(chan struct{})
	}
	opened := f.opened
	if f.inFlight >= f.gate && f.gate > 0 {
		select {
		case <-opened:
		default:
			close(opened)
		}
	}
	f.mu.Unlock()
	if f.gate > 0 {
		select {
		case <-opened:
		case <-time.After(10 * time.Second):
		}
	}
	leave := func() {
		f.mu.Lock()
		f.inFlight--
		f.mu.Unlock()
	}
	if f.latency > 0 {
		select {
		case <-time.After(f.latency):
		case <-ctx.Done():
			return call, leave, ctx.Err()
		}
	}
	if fault != nil {
		return call, leave, fault
	}
	return call, leave, ctx.Err()
}

type regionFake struct {
	f      *accountFake
	region string
}

func offsets(token *string, maxResults *int32, n int) (start, end int, next *string, err error) {
	size := 50
	if maxResults != nil {
		size = int(*maxResults)
	}
	if t := aws.ToString(token); t != "" {
		start, err = strconv.Atoi(strings.TrimPrefix(t, "t"))
		if err != nil || !strings.HasPrefix(t, "t") || start > n {
			return 0, 0, nil, &ivstypes.ValidationException{ExceptionMessage: aws.String("bad token " + t)}
		}
	}
	end = min(start+size, n)
	if end < n {
		next = aws.String("t" + strconv.Itoa(end))
	}
	return start, end, next, nil
}

func (r *regionFake) ListStages(ctx context.Context, in *ivsrealtime.ListStagesInput, _ ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStagesOutput, error) {
	_, leave, err := r.f.enter(ctx, "ListStages", r.region, r.region)
	defer leave()
	if err != nil {
		return nil, err
	}
	all := r.f.stages[r.region]
	start, end, next, err := offsets(in.NextToken, in.MaxResults, len(all))
	if err != nil {
		return nil, err
	}
	out := &ivsrealtime.ListStagesOutput{NextToken: next, Stages: []ivstypes.StageSummary{}}
	for _, s := range all[start:end] {
		sum := ivstypes.StageSummary{Arn: aws.String(s.ARN), Name: aws.String(s.Name), Tags: s.Tags}
		if s.ActiveSessionID != "" {
			sum.ActiveSessionId = aws.String(s.ActiveSessionID)
		}
		out.Stages = append(out.Stages, sum)
	}
	return out, nil
}

func (r *regionFake) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, _ ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	arn := aws.ToString(in.StageArn)
	_, leave, err := r.f.enter(ctx, "ListStageSessions", arn, r.region)
	defer leave()
	if err != nil {
		return nil, err
	}
	all, ok := r.f.sessions[arn]
	if !ok {
		return nil, &ivstypes.ValidationException{ExceptionMessage: aws.String("no stage " + arn)}
	}
	start, end, next, err := offsets(in.NextToken, in.MaxResults, len(all))
	if err != nil {
		return nil, err
	}
	out := &ivsrealtime.ListStageSessionsOutput{NextToken: next, StageSessions: []ivstypes.StageSessionSummary{}}
	for _, s := range all[start:end] {
		item := ivstypes.StageSessionSummary{SessionId: aws.String(s.ID), StartTime: aws.Time(s.StartTime)}
		if !s.EndTime.IsZero() {
			item.EndTime = aws.Time(s.EndTime)
		}
		out.StageSessions = append(out.StageSessions, item)
	}
	return out, nil
}
