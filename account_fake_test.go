package sessions_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

// accountFake is an IVS account across regions, served by one
// sessionstest.StageService per region (each answers only for its region's
// stages), behind a thin layer that counts requests by operation and
// parent, tracks how many are in flight, and lets a test fail requests
// from a function.
type accountFake struct {
	stages   map[string][]sessions.Stage        // by region, in ListStages (ARN) order
	sessions map[string][]sessions.StageSession // by stage ARN
	info     map[string]sessionstest.StageInfo
	// fault, if set, may fail a request before it reaches the service: op
	// is "ListStages" or "ListStageSessions", parent the region or the
	// stage ARN, call the number of requests for that parent so far,
	// counting from 1. It is called under the fake's lock.
	fault func(op, parent string, call int) error
	// gate, if set, holds the first requests until gate of them are in
	// flight at once (or 10 seconds have passed), so that a test can see
	// how many a client sends at once without relying on timing.
	gate int
	// faults are given to every region's service.
	faults []sessionstest.Fault

	mu          sync.Mutex
	calls       map[string]int // by op+" "+parent
	inFlight    int
	maxInFlight int
	opened      chan struct{} // closed once gate requests were in flight
}

func newAccountFake() *accountFake {
	return &accountFake{stages: map[string][]sessions.Stage{}, sessions: map[string][]sessions.StageSession{}, info: map[string]sessionstest.StageInfo{}, calls: map[string]int{}, opened: make(chan struct{})}
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
	i, _ := slices.BinarySearchFunc(f.stages[region], arn, func(s sessions.Stage, arn string) int { return strings.Compare(s.ARN, arn) })
	f.stages[region] = slices.Insert(f.stages[region], i, st)
	f.sessions[arn] = ss
	f.info[arn] = sessionstest.StageInfo{Name: name, Tags: tags}
	return st
}

// clients returns the factory of the fake's regional transports.
func (f *accountFake) clients() sessions.ClientFactory {
	return func(region string) (sessions.RegionTransport, error) { return f.region(region), nil }
}

func (f *accountFake) region(region string) *regionFake {
	return &regionFake{f: f, svc: &sessionstest.StageService{Stages: f.sessions, Info: f.info, Region: region, Faults: f.faults}}
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

// enter records a request; it returns the fault's error, if any, and a
// func to call when the request ends.
func (f *accountFake) enter(op, parent string) (func(), error) {
	f.mu.Lock()
	f.calls[op+" "+parent]++
	call := f.calls[op+" "+parent]
	f.inFlight++
	f.maxInFlight = max(f.maxInFlight, f.inFlight)
	var err error
	if f.fault != nil {
		err = f.fault(op, parent, call)
	}
	if f.gate > 0 && f.inFlight >= f.gate {
		select {
		case <-f.opened:
		default:
			close(f.opened)
		}
	}
	f.mu.Unlock()
	if f.gate > 0 {
		select {
		case <-f.opened:
		case <-time.After(10 * time.Second):
		}
	}
	return func() {
		f.mu.Lock()
		f.inFlight--
		f.mu.Unlock()
	}, err
}

type regionFake struct {
	f   *accountFake
	svc *sessionstest.StageService
}

func (r *regionFake) ListStages(ctx context.Context, in *ivsrealtime.ListStagesInput, optFns ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStagesOutput, error) {
	leave, err := r.f.enter("ListStages", r.svc.Region)
	defer leave()
	if err != nil {
		return nil, err
	}
	return r.svc.ListStages(ctx, in, optFns...)
}

func (r *regionFake) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, optFns ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	leave, err := r.f.enter("ListStageSessions", *in.StageArn)
	defer leave()
	if err != nil {
		return nil, err
	}
	return r.svc.ListStageSessions(ctx, in, optFns...)
}
