package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

var testRegions = []string{"us-west-2", "eu-west-1", "ap-south-1"}

// bigAccount fills f with stages in every test region: sizes vary from 0 to
// maxSessions, and about every third stage has an active session.
func bigAccount(f *accountFake, stagesPerRegion, maxSessions int, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 1))
	for _, region := range testRegions {
		for i := range stagesPerRegion {
			team := []string{"red", "blue"}[i%2]
			f.addStage(region, fmt.Sprintf("S%s%d", strings.ReplaceAll(region, "-", ""), i), r.IntN(maxSessions+1), r.IntN(3) == 0, map[string]string{"team": team})
		}
	}
}

// wantAll returns the sessions of the stages that keep selects, by stage.
func wantAll(f *accountFake, keep func(sessions.Stage) bool, q sessions.StageQuery) map[string][]sessions.StageSession {
	want := map[string][]sessions.StageSession{}
	for _, region := range testRegions {
		for _, st := range f.stages[region] {
			if !keep(st) {
				continue
			}
			for _, s := range f.sessions[st.ARN] {
				if q.Match(s) {
					want[st.ARN] = append(want[st.ARN], s)
				}
			}
		}
	}
	return want
}

func byStage(ss []sessions.StageSession) map[string][]sessions.StageSession {
	got := map[string][]sessions.StageSession{}
	for _, s := range ss {
		got[s.StageARN] = append(got[s.StageARN], s)
	}
	return got
}

func TestAccountSessionsEveryStageOfEveryRegion(t *testing.T) {
	f := newAccountFake()
	bigAccount(f, 12, 40, 1)
	fo, err := sessions.AccountSessions(f.clients(), sessions.AccountQuery{Regions: testRegions}, sessions.PageSize(7), sessions.Concurrency(5))
	if err != nil {
		t.Fatal(err)
	}
	got, err := sessions.Collect(fo.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantAll(f, func(sessions.Stage) bool { return true }, sessions.StageQuery{}), byStage(got)); diff != "" {
		t.Errorf("sessions by stage (-want +got):\n%s", diff)
	}
	if f.maxInFlight > 5 {
		t.Errorf("%d requests in flight at once, want at most Concurrency(5)", f.maxInFlight)
	}
	if fo.Cursor() != "" {
		t.Errorf("Cursor() = %q after the whole listing, want \"\"", fo.Cursor())
	}
}

func TestAccountSessionsFilters(t *testing.T) {
	f := newAccountFake()
	bigAccount(f, 6, 9, 2)
	explicit := f.stages["eu-west-1"][5].ARN // blue, and given by ARN: Stages does not apply
	q := sessions.AccountQuery{
		Regions:   []string{"us-west-2", "ap-south-1"},
		StageARNs: []string{explicit},
		Stages:    sessions.StageFilter{Tags: map[string]string{"team": "red"}, Name: "S*"},
		Sessions:  sessions.StageQuery{Status: sessions.StageEnded},
	}
	fo, err := sessions.AccountSessions(f.clients(), q)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sessions.Collect(fo.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	want := wantAll(f, func(s sessions.Stage) bool {
		return s.ARN == explicit || s.Tags["team"] == "red" && s.Region() != "eu-west-1"
	}, q.Sessions)
	if diff := cmp.Diff(want, byStage(got)); diff != "" {
		t.Errorf("sessions by stage (-want +got):\n%s", diff)
	}
	if n := f.count("ListStages", "eu-west-1"); n != 0 {
		t.Errorf("%d ListStages requests to eu-west-1, a region not in Regions", n)
	}
}

// With only active sessions asked for, a stage that ListStages reports with
// no active session is not asked for its sessions.
func TestAccountSessionsActiveOnlySavesRequests(t *testing.T) {
	f := newAccountFake()
	bigAccount(f, 10, 5, 3)
	active := 0
	for _, r := range testRegions {
		for _, s := range f.stages[r] {
			if s.Active() {
				active++
			}
		}
	}
	q := sessions.AccountQuery{Regions: testRegions, Sessions: sessions.StageQuery{Status: sessions.StageActive}}
	fo, err := sessions.AccountSessions(f.clients(), q)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sessions.Collect(fo.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantAll(f, func(sessions.Stage) bool { return true }, q.Sessions), byStage(got)); diff != "" {
		t.Errorf("active sessions by stage (-want +got):\n%s", diff)
	}
	stages := 10 * len(testRegions)
	if n := f.total("ListStageSessions"); n != active {
		t.Errorf("%d ListStageSessions requests for %d stages of which %d have an active session; want %d", n, stages, active, active)
	}
	t.Logf("requests saved: %d of %d (stages with no active session)", stages-active, stages)
}

func TestAccountSessionsFaultInOneRegion(t *testing.T) {
	f := newAccountFake()
	bigAccount(f, 8, 30, 4)
	boom := errors.New("region down")
	f.fault = func(op, parent string, call int) error {
		if op == "ListStages" && parent == "eu-west-1" && call == 1 ||
			op == "ListStageSessions" && parent == f.stages["us-west-2"][3].ARN && call == 2 {
			return boom
		}
		return nil
	}
	fo, err := sessions.AccountSessions(f.clients(), sessions.AccountQuery{Regions: testRegions}, sessions.PageSize(4))
	if err != nil {
		t.Fatal(err)
	}
	got, errs := collectAll(fo.All(context.Background()))
	var le *sessions.ListError
	if len(errs) != 2 || !errors.Is(errs[0], boom) || !errors.As(errs[0], &le) || le.Op != "ListStages" {
		t.Fatalf("errors = %v, want ListStages then ListStageSessions, both wrapping %v", errs, boom)
	}
	if !errors.As(errs[1], &le) || le.Op != "ListStageSessions" || le.Parent != f.stages["us-west-2"][3].ARN {
		t.Errorf("second error = %v, want the failing stage's", errs[1])
	}
	// Another process resumes from the cursor and finds the rest.
	tok := fo.Cursor()
	fo2, err := sessions.AccountSessions(f.clients(), sessions.AccountQuery{Regions: testRegions}, sessions.PageSize(4), sessions.StartingToken(tok))
	if err != nil {
		t.Fatal(err)
	}
	rest, err := sessions.Collect(fo2.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantAll(f, func(sessions.Stage) bool { return true }, sessions.StageQuery{}), byStage(append(got, rest...))); diff != "" {
		t.Errorf("sessions by stage over both runs (-want +got):\n%s", diff)
	}
}

// A fan-out stopped at random points and resumed from its cursor in a new
// Fanout, as another process would, delivers every session exactly once.
func TestAccountSessionsResumeAtRandomPoints(t *testing.T) {
	for seed := range uint64(6) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			f := newAccountFake()
			bigAccount(f, 7, 25, seed)
			r, rf := rand.New(rand.NewPCG(seed, 2)), rand.New(rand.NewPCG(seed, 3))
			f.fault = func(op, parent string, call int) error {
				if rf.IntN(25) == 0 {
					return errors.New("transient")
				}
				return nil
			}
			q := sessions.AccountQuery{Regions: testRegions[:2], StageARNs: []string{f.stages["ap-south-1"][0].ARN, f.stages["ap-south-1"][1].ARN}}
			var got []sessions.StageSession
			tok, longest := "", 0
			for run := 0; ; run++ {
				if run > 500 {
					t.Fatal("no end after 500 runs")
				}
				opts := []sessions.Option{sessions.PageSize(1 + int(seed)%5), sessions.Concurrency(1 + int(seed)%4)}
				if seed%2 == 0 {
					opts = append(opts, sessions.MaxItems(1+r.IntN(30)))
				}
				if tok != "" {
					opts = append(opts, sessions.StartingToken(tok))
				}
				fo, err := sessions.AccountSessions(f.clients(), q, opts...)
				if err != nil {
					t.Fatal(err)
				}
				stop := r.IntN(40)
				for s, err := range fo.All(context.Background()) {
					if err != nil {
						if r.IntN(2) == 0 {
							break
						}
						continue
					}
					got = append(got, s)
					if stop--; stop == 0 {
						break
					}
				}
				if tok = fo.Cursor(); tok == "" {
					t.Logf("%d runs, cursors up to %d bytes", run+1, longest)
					break
				}
				longest = max(longest, len(tok))
			}
			want := wantAll(f, func(s sessions.Stage) bool {
				return s.Region() != "ap-south-1" || slices.Contains(q.StageARNs, s.ARN)
			}, sessions.StageQuery{})
			if diff := cmp.Diff(want, byStage(got)); diff != "" {
				t.Errorf("sessions by stage over all runs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAccountSessionsInput(t *testing.T) {
	f := newAccountFake()
	arn := f.addStage("us-west-2", "A", 1, false, nil).ARN
	failing := func(region string) (sessions.RegionTransport, error) {
		return nil, errors.New("no credentials for " + region)
	}
	for _, tc := range []struct {
		name    string
		clients sessions.ClientFactory
		q       sessions.AccountQuery
		opts    []sessions.Option
		field   string
	}{
		{"nil factory", nil, sessions.AccountQuery{Regions: []string{"us-west-2"}}, nil, "clients"},
		{"nothing to list", f.clients(), sessions.AccountQuery{}, nil, "AccountQuery.Regions"},
		{"bad region", f.clients(), sessions.AccountQuery{Regions: []string{"US West"}}, nil, "AccountQuery.Regions[0]"},
		{"repeated region", f.clients(), sessions.AccountQuery{Regions: []string{"us-west-2", "us-west-2"}}, nil, "AccountQuery.Regions[1]"},
		{"bad ARN", f.clients(), sessions.AccountQuery{StageARNs: []string{arn, "arn:aws:ivs:x"}}, nil, "AccountQuery.StageARNs[1]"},
		{"repeated ARN", f.clients(), sessions.AccountQuery{StageARNs: []string{arn, arn}}, nil, "AccountQuery.StageARNs[1]"},
		{"session ARN", f.clients(), sessions.AccountQuery{StageARNs: []string{arn}, Sessions: sessions.StageQuery{StageARN: arn}}, nil, "AccountQuery.Sessions.StageARN"},
		{"session status", f.clients(), sessions.AccountQuery{Regions: []string{"us-west-2"}, Sessions: sessions.StageQuery{Status: "RUNNING"}}, nil, "AccountQuery.Sessions.Status"},
		{"stage pattern", f.clients(), sessions.AccountQuery{Regions: []string{"us-west-2"}, Stages: sessions.StageFilter{Name: "["}}, nil, "AccountQuery.Stages.Name"},
		{"concurrency", f.clients(), sessions.AccountQuery{Regions: []string{"us-west-2"}}, []sessions.Option{sessions.Concurrency(0)}, "Concurrency"},
		{"page size", f.clients(), sessions.AccountQuery{Regions: []string{"us-west-2"}}, []sessions.Option{sessions.PageSize(0)}, "PageSize"},
		{"max items", f.clients(), sessions.AccountQuery{Regions: []string{"us-west-2"}}, []sessions.Option{sessions.MaxItems(-1)}, "MaxItems"},
		{"paginator cursor", f.clients(), sessions.AccountQuery{Regions: []string{"us-west-2"}}, []sessions.Option{sessions.StartingToken(mustStage(t, &sessionstest.StageService{}, sessions.StageQuery{StageARN: arn}).Cursor())}, "StartingToken"},
		{"service token", f.clients(), sessions.AccountQuery{Regions: []string{"us-west-2"}}, []sessions.Option{sessions.StartingToken("t5")}, "StartingToken"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sessions.AccountSessions(tc.clients, tc.q, tc.opts...)
			var ie *sessions.InputError
			if !errors.As(err, &ie) || ie.Field != tc.field {
				t.Fatalf("AccountSessions error = %v, want an *InputError for %s", err, tc.field)
			}
		})
	}
	if _, err := sessions.AccountSessions(failing, sessions.AccountQuery{Regions: []string{"eu-west-1"}}); err == nil || !strings.Contains(err.Error(), "no credentials for eu-west-1") {
		t.Errorf("a failing factory: error = %v, want its error", err)
	}
	if n := f.total("ListStages") + f.total("ListStageSessions"); n != 0 {
		t.Errorf("%d requests sent for bad input, want 0", n)
	}
}

func TestAccountSessionsCursorBinding(t *testing.T) {
	f := newAccountFake()
	bigAccount(f, 3, 10, 5)
	q := sessions.AccountQuery{Regions: testRegions[:2]}
	fo, err := sessions.AccountSessions(f.clients(), q, sessions.MaxItems(3))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sessions.Collect(fo.All(context.Background())); err != nil {
		t.Fatal(err)
	}
	tok := fo.Cursor()
	for _, tc := range []struct {
		name string
		q    sessions.AccountQuery
		ok   bool
	}{
		{"same", q, true},
		{"client-side session filter", sessions.AccountQuery{Regions: q.Regions, Sessions: sessions.StageQuery{Status: sessions.StageEnded}}, true},
		{"other regions", sessions.AccountQuery{Regions: testRegions}, false},
		{"stage filter", sessions.AccountQuery{Regions: q.Regions, Stages: sessions.StageFilter{Name: "x*"}}, false},
		{"only active", sessions.AccountQuery{Regions: q.Regions, Sessions: sessions.StageQuery{Status: sessions.StageActive}}, false},
		{"stage ARNs", sessions.AccountQuery{Regions: q.Regions, StageARNs: []string{f.stages["ap-south-1"][0].ARN}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sessions.AccountSessions(f.clients(), tc.q, sessions.StartingToken(tok))
			var ie *sessions.InputError
			if tc.ok && err != nil || !tc.ok && (!errors.As(err, &ie) || ie.Field != "StartingToken") {
				t.Errorf("resume: error = %v, want ok = %t", err, tc.ok)
			}
		})
	}
	for _, bad := range []string{tok[:len(tok)-3], tok[:20] + "A" + tok[21:], "sessions.fanout.v1.", "sessions.fanout.v1.!!"} {
		_, err := sessions.AccountSessions(f.clients(), q, sessions.StartingToken(bad))
		var ie *sessions.InputError
		if !errors.As(err, &ie) || ie.Field != "StartingToken" {
			t.Errorf("corrupt cursor %q: error = %v, want an *InputError for StartingToken", bad, err)
		}
	}
}

// A fake that serves every region's stages to every region's client (a
// sessionstest.StageService without Region) still gives each region its own
// stages, and the listing resumes.
func TestAccountSessionsOneFakeForEveryRegion(t *testing.T) {
	f := newAccountFake()
	bigAccount(f, 4, 9, 6)
	svc := &sessionstest.StageService{Stages: f.sessions, Info: f.info}
	clients := func(string) (sessions.RegionTransport, error) { return svc, nil }
	q := sessions.AccountQuery{Regions: []string{"eu-west-1", "ap-south-1"}}
	var got []sessions.StageSession
	tok := ""
	for run := 0; ; run++ {
		if run > 100 {
			t.Fatal("no end after 100 runs")
		}
		opts := []sessions.Option{sessions.MaxItems(5), sessions.PageSize(3)}
		if tok != "" {
			opts = append(opts, sessions.StartingToken(tok))
		}
		fo, err := sessions.AccountSessions(clients, q, opts...)
		if err != nil {
			t.Fatal(err)
		}
		page, err := sessions.Collect(fo.All(context.Background()))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page...)
		if tok = fo.Cursor(); tok == "" {
			break
		}
	}
	want := wantAll(f, func(s sessions.Stage) bool { return s.Region() != "us-west-2" }, sessions.StageQuery{})
	if diff := cmp.Diff(want, byStage(got)); diff != "" {
		t.Errorf("sessions by stage (-want +got):\n%s", diff)
	}
}

// rangeAccount ranges over fo, and returns the sessions by stage and the
// errors, in order.
func rangeAccount(fo *sessions.Fanout[sessions.StageSession]) (map[string][]sessions.StageSession, []error) {
	got, errs := collectAll(fo.All(context.Background()))
	return byStage(got), errs
}

// A stage whose ARN fails the pattern check cannot be listed, but it is not
// finished either: the cursor keeps it, and every range over the Fanout or
// over one resumed from the cursor reports it again (issue 15, item 3).
func TestAccountSessionsUnbuildableStageIsNotFinished(t *testing.T) {
	f := newAccountFake()
	f.addStage("us-west-2", "Alpha", 3, false, nil)
	bad := f.addStage("us-west-2", "my_stage", 2, false, nil)
	f.addStage("us-west-2", "Beta", 2, false, nil)
	q := sessions.AccountQuery{Regions: []string{"us-west-2"}}
	fo, err := sessions.AccountSessions(f.clients(), q)
	if err != nil {
		t.Fatal(err)
	}
	isBad := func(errs []error) bool {
		var ie *sessions.InputError
		return len(errs) == 1 && errors.As(errs[0], &ie) && ie.Value == bad.ARN
	}
	got, errs := rangeAccount(fo)
	if !isBad(errs) {
		t.Fatalf("first range: errors %v, want one *InputError for %s", errs, bad.ARN)
	}
	want := wantAll(f, func(s sessions.Stage) bool { return s.ARN != bad.ARN }, sessions.StageQuery{})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sessions by stage (-want +got):\n%s", diff)
	}
	tok := fo.Cursor()
	if tok == "" {
		t.Fatal("Cursor() = \"\" with a stage that could not be listed")
	}
	if again, errs := rangeAccount(fo); len(again) != 0 || !isBad(errs) {
		t.Errorf("second range: %d stages listed, errors %v; want nothing listed and the stage reported again", len(again), errs)
	}
	fo2, err := sessions.AccountSessions(f.clients(), q, sessions.StartingToken(tok))
	if err != nil {
		t.Fatalf("resuming: %v", err)
	}
	if again, errs := rangeAccount(fo2); len(again) != 0 || !isBad(errs) {
		t.Errorf("resumed range: %d stages listed, errors %v; want nothing listed and the stage reported again", len(again), errs)
	}
	if fo2.Cursor() == "" {
		t.Error("resumed Cursor() = \"\" with a stage that could not be listed")
	}
}

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

// cancelOnListStages cancels a context when ListStages is called, before
// the request goes to the service.
type cancelOnListStages struct {
	*sessionstest.StageService
	cancel context.CancelFunc
}

func (c cancelOnListStages) ListStages(ctx context.Context, in *ivsrealtime.ListStagesInput, o ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStagesOutput, error) {
	c.cancel()
	return c.StageService.ListStages(ctx, in, o...)
}

// A cancelled context makes an account listing yield one error wrapping the
// context's cause and stop, whether the context was cancelled before the
// range or during stage discovery: the sessions of the stages given by ARN
// are not listed after the discovery yielded the cancellation.
func TestAccountCancelYieldsOneError(t *testing.T) {
	eu := "arn:aws:ivs:eu-west-1:111122223333:stage/EuStage1"
	svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{testARN: stageData(testARN, 3), eu: stageData(eu, 3)}}
	for _, when := range []string{"before", "during discovery"} {
		t.Run(when, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var tr sessions.RegionTransport = svc
			if when == "before" {
				cancel()
			} else {
				tr = cancelOnListStages{svc, cancel}
			}
			f, err := sessions.AccountSessions(func(string) (sessions.RegionTransport, error) { return tr, nil },
				sessions.AccountQuery{Regions: []string{"us-west-2"}, StageARNs: []string{eu}})
			if err != nil {
				t.Fatal(err)
			}
			var errs []error
			items := 0
			for _, err := range f.All(ctx) {
				if err != nil {
					errs = append(errs, err)
				} else {
					items++
				}
			}
			if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) || items != 0 {
				t.Errorf("%d items and errors %v; want no item and one error wrapping context.Canceled", items, errs)
			}
		})
	}
}
