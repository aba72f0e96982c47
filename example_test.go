package sessions_test

//lint:file-ignore SA1019 the Nimble SDK marks every API deprecated; the examples show its client.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

const exampleARN = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"

// exampleStage is a fake IVS service with six sessions, the last two active.
// In production code the transport is an *ivsrealtime.Client.
func exampleStage() *sessionstest.StageService {
	t0 := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	var ss []sessions.StageSession
	for i := range 6 {
		s := sessions.StageSession{ID: fmt.Sprintf("st-%013d", i+1), StartTime: t0.Add(time.Duration(i) * time.Hour)}
		if i < 4 {
			s.EndTime = s.StartTime.Add(45 * time.Minute)
		}
		ss = append(ss, s)
	}
	return &sessionstest.StageService{Stages: map[string][]sessions.StageSession{exampleARN: ss}}
}

func ExamplePaginator_All() {
	ivs := exampleStage() // or ivsrealtime.NewFromConfig(cfg)
	p, err := sessions.StageSessions(ivs, sessions.StageQuery{StageARN: exampleARN}, sessions.PageSize(4))
	if err != nil {
		fmt.Println(err)
		return
	}
	for s, err := range p.All(context.Background()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(s.ID, s.StartTime.Format(time.Kitchen), s.Status())
	}
	fmt.Println("requests:", len(ivs.Recorded()))
	// Output:
	// st-0000000000001 10:00AM ENDED
	// st-0000000000002 11:00AM ENDED
	// st-0000000000003 12:00PM ENDED
	// st-0000000000004 1:00PM ENDED
	// st-0000000000005 2:00PM ACTIVE
	// st-0000000000006 3:00PM ACTIVE
	// requests: 2
}

func ExampleStageQuery() {
	q := sessions.StageQuery{
		StageARN:     exampleARN,
		Status:       sessions.StageEnded,
		StartedAfter: time.Date(2024, 5, 1, 10, 30, 0, 0, time.UTC),
	}
	p, err := sessions.StageSessions(exampleStage(), q)
	if err != nil {
		fmt.Println(err)
		return
	}
	ended, err := sessions.Collect(p.All(context.Background()))
	fmt.Println(len(ended), "ended sessions started after 10:30, error:", err)
	// Output: 3 ended sessions started after 10:30, error: <nil>
}

func ExampleStreamingSessions() {
	nim := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{"studio-1": {
		{ID: "session-1", CreatedBy: "alice", State: sessions.StateReady},
		{ID: "session-2", CreatedBy: "alice", State: sessions.StateStopped},
		{ID: "session-3", CreatedBy: "bob", State: sessions.StateReady},
		{ID: "session-4", CreatedBy: "alice", State: sessions.StateStartFailed},
	}}}
	p, err := sessions.StreamingSessions(nim, sessions.StudioQuery{
		StudioID:  "studio-1",
		CreatedBy: "alice",                                                          // sent to the service
		States:    []sessions.State{sessions.StateReady, sessions.StateStartFailed}, // checked on the client
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for s, err := range p.All(context.Background()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(s.ID, s.State, "failed:", s.State.Failed())
	}
	fmt.Printf("sent createdBy=%q\n", nim.Recorded()[0].CreatedBy)
	// Output:
	// session-1 READY failed: false
	// session-4 START_FAILED failed: true
	// sent createdBy="alice"
}

// MaxItems caps a listing; Cursor resumes it later, here in a new
// paginator, without losing or repeating an item.
func ExamplePaginator_Cursor() {
	ivs := exampleStage()
	q := sessions.StageQuery{StageARN: exampleARN}
	first, _ := sessions.StageSessions(ivs, q, sessions.PageSize(4), sessions.MaxItems(3))
	for s := range first.All(context.Background()) {
		fmt.Println("first:", s.ID)
	}
	cursor := first.Cursor() // store it, print it, send it elsewhere

	rest, err := sessions.StageSessions(ivs, q, sessions.PageSize(4), sessions.StartingToken(cursor))
	if err != nil {
		fmt.Println(err)
		return
	}
	for s := range rest.All(context.Background()) {
		fmt.Println("rest: ", s.ID)
	}
	fmt.Printf("finished: %q\n", rest.Cursor())
	// Output:
	// first: st-0000000000001
	// first: st-0000000000002
	// first: st-0000000000003
	// rest:  st-0000000000004
	// rest:  st-0000000000005
	// rest:  st-0000000000006
	// finished: ""
}

func ExamplePaginator_Pages() {
	p, _ := sessions.StageSessions(exampleStage(), sessions.StageQuery{StageARN: exampleARN, Status: sessions.StageActive}, sessions.PageSize(4))
	for pg, err := range p.Pages(context.Background()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("page %d: fetched %d, kept %d, more: %t\n", pg.Number, pg.Fetched, len(pg.Items), pg.NextToken != "")
	}
	// Output:
	// page 1: fetched 4, kept 0, more: true
	// page 2: fetched 2, kept 2, more: false
}

// Bad input is an *InputError naming the field, before any request; a
// failed request is a *ListError whose chain reaches the SDK's errors.
func ExampleListError() {
	if _, err := sessions.StageSessions(exampleStage(), sessions.StageQuery{StageARN: "stage/AbCd"}); err != nil {
		var ie *sessions.InputError
		fmt.Println(errors.As(err, &ie), ie.Field)
	}

	ivs := exampleStage()
	ivs.Faults = []sessionstest.Fault{sessionstest.Throttle(2)}
	p, _ := sessions.StageSessions(ivs, sessions.StageQuery{StageARN: exampleARN}, sessions.PageSize(4))
	n, err := 0, error(nil)
	for _, err = range p.All(context.Background()) {
		if err != nil {
			break
		}
		n++
	}
	var le *sessions.ListError
	var api smithy.APIError
	if errors.As(err, &le) && errors.As(err, &api) {
		fmt.Println(n, "items, then page", le.Page, "failed:", api.ErrorCode())
	}
	// Output:
	// true StageQuery.StageARN
	// 4 items, then page 2 failed: ThrottlingException
}

func ExampleMerge() {
	t0 := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	ivs := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{}}
	var ps []*sessions.Paginator[sessions.StageSession]
	for i := range 3 {
		arn := fmt.Sprintf("arn:aws:ivs:us-west-2:111122223333:stage/Stage%d", i)
		ivs.Stages[arn] = []sessions.StageSession{{ID: "st-a", StartTime: t0}, {ID: "st-b", StartTime: t0}}
		p, err := sessions.StageSessions(ivs, sessions.StageQuery{StageARN: arn})
		if err != nil {
			fmt.Println(err)
			return
		}
		ps = append(ps, p)
	}
	perStage := map[string]int{}
	for s, err := range sessions.Merge(context.Background(), 2, ps...) {
		if err != nil {
			fmt.Println(err) // one source failed; the others go on
			continue
		}
		perStage[s.StageARN]++
	}
	fmt.Println(len(perStage), "stages,", perStage["arn:aws:ivs:us-west-2:111122223333:stage/Stage1"], "sessions each")
	// Output: 3 stages, 2 sessions each
}

// OnPage reports each page as it arrives: for logs, metrics or progress.
// Prefetch reads the next page while the loop body works on this one.
func ExampleOnPage() {
	p, err := sessions.StageSessions(exampleStage(), sessions.StageQuery{StageARN: exampleARN, Status: sessions.StageEnded},
		sessions.PageSize(4), sessions.Prefetch(1),
		sessions.OnPage(func(pi sessions.PageInfo) {
			fmt.Printf("page %d: %d fetched, %d kept, more: %t\n", pi.Number, pi.Fetched, pi.Kept, pi.More)
		}))
	if err != nil {
		fmt.Println(err)
		return
	}
	ended, err := sessions.Collect(p.All(context.Background()))
	fmt.Println(len(ended), "ended sessions, error:", err)
	// Output:
	// page 1: 4 fetched, 4 kept, more: true
	// page 2: 2 fetched, 0 kept, more: false
	// 4 ended sessions, error: <nil>
}

func ExampleIVSErrorMessages() {
	// A local endpoint that answers the first two requests with an error
	// IVS does not model for ListStageSessions.
	srv := sessionstest.NewServer(sessionstest.Data{Stages: map[string][]sessions.StageSession{exampleARN: nil}})
	defer srv.Close()
	notFound := &smithy.GenericAPIError{Code: "ResourceNotFoundException", Message: "stage not found", Fault: smithy.FaultClient}
	srv.Inject(sessionstest.ErrorAt(1, notFound).Times(2))

	for _, optFns := range [][]func(*ivsrealtime.Options){nil, {sessions.IVSErrorMessages}} {
		client := srv.StageClient(optFns...) // or ivsrealtime.NewFromConfig(cfg, sessions.IVSErrorMessages)
		p, err := sessions.StageSessions(client, sessions.StageQuery{StageARN: exampleARN})
		if err != nil {
			fmt.Println(err)
			return
		}
		_, err = sessions.Collect(p.All(context.Background()))
		var api smithy.APIError
		if errors.As(err, &api) {
			fmt.Printf("%s: %q\n", api.ErrorCode(), api.ErrorMessage())
		}
	}
	// Output:
	// ResourceNotFoundException: "UnknownError"
	// ResourceNotFoundException: "stage not found"
}

// IsCursor tells a cursor from a service token where a program accepts
// both, as a command line's --starting-token may.
func ExampleIsCursor() {
	p, err := sessions.StageSessions(exampleStage(), sessions.StageQuery{StageARN: exampleARN}, sessions.PageSize(2), sessions.MaxItems(3))
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := sessions.Collect(p.All(context.Background())); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sessions.IsCursor(p.Cursor()), sessions.IsCursor("AQECAACTWJZ5f-3Sww"))
	// Output: true false
}

// exampleAccount is the data of an account with three stages in us-west-2
// and two in eu-west-1, each with three sessions, the last one active on
// the prod stages.
func exampleAccount() (map[string][]sessions.StageSession, map[string]sessionstest.StageInfo) {
	stages := map[string][]sessions.StageSession{}
	info := map[string]sessionstest.StageInfo{}
	t0 := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	for i, name := range []string{"us-west-2/prod-web", "us-west-2/prod-app", "us-west-2/dev", "eu-west-1/prod-web", "eu-west-1/dev"} {
		region, stage, _ := strings.Cut(name, "/")
		arn := fmt.Sprintf("arn:aws:ivs:%s:111122223333:stage/Stage%d", region, i)
		env := strings.Split(stage, "-")[0]
		info[arn] = sessionstest.StageInfo{Name: stage, Tags: map[string]string{"env": env}}
		for j := range 3 {
			s := sessions.StageSession{ID: fmt.Sprintf("st-%d%012d", i, j), StartTime: t0.Add(time.Duration(j) * time.Hour)}
			if j < 2 || env != "prod" {
				s.EndTime = s.StartTime.Add(30 * time.Minute)
			}
			stages[arn] = append(stages[arn], s)
		}
	}
	return stages, info
}

// exampleClients returns an in-memory fake for each region. In production
// code, use sessions.ClientsFromConfig(cfg).
func exampleClients() sessions.ClientFactory {
	stages, info := exampleAccount()
	return func(region string) (sessions.RegionTransport, error) {
		return &sessionstest.StageService{Stages: stages, Info: info, Region: region}, nil
	}
}

func ExampleStages() {
	stages, info := exampleAccount()
	ivs := &sessionstest.StageService{Stages: stages, Info: info, Region: "us-west-2"} // or ivsrealtime.NewFromConfig(cfg)
	p, err := sessions.Stages(ivs, sessions.StageFilter{Name: "prod-*"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for s, err := range p.All(context.Background()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(s.Name, s.Region(), s.Active())
	}
	// Output:
	// prod-web us-west-2 true
	// prod-app us-west-2 true
}

func ExampleAccountSessions() {
	fo, err := sessions.AccountSessions(exampleClients(), sessions.AccountQuery{
		Regions:  []string{"us-west-2", "eu-west-1"},
		Stages:   sessions.StageFilter{Tags: map[string]string{"env": "prod"}},
		Sessions: sessions.StageQuery{Status: sessions.StageActive},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var lines []string
	for s, err := range fo.All(context.Background()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		lines = append(lines, s.ID+" on "+s.StageARN)
	}
	slices.Sort(lines) // stages are listed concurrently
	fmt.Println(strings.Join(lines, "\n"))
	// Output:
	// st-0000000000002 on arn:aws:ivs:us-west-2:111122223333:stage/Stage0
	// st-1000000000002 on arn:aws:ivs:us-west-2:111122223333:stage/Stage1
	// st-3000000000002 on arn:aws:ivs:eu-west-1:111122223333:stage/Stage3
}

func ExampleClientsFromConfig() {
	stages, info := exampleAccount()
	srv := sessionstest.NewServer(sessionstest.Data{Stages: stages, Info: info})
	defer srv.Close()
	cfg := srv.Config() // in production code: config.LoadDefaultConfig(ctx)

	// Each request goes to the region named in its stage's ARN.
	fo, err := sessions.AccountSessions(sessions.ClientsFromConfig(cfg), sessions.AccountQuery{
		StageARNs: []string{"arn:aws:ivs:eu-west-1:111122223333:stage/Stage4", "arn:aws:ivs:us-west-2:111122223333:stage/Stage2"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := sessions.Collect(fo.All(context.Background()))
	fmt.Println(len(got), "sessions, error:", err)
	regions := map[string]int{}
	for _, r := range srv.Requests() {
		regions[r.Region]++
	}
	fmt.Println("requests by region:", regions)
	// Output:
	// 6 sessions, error: <nil>
	// requests by region: map[eu-west-1:1 us-west-2:1]
}

func ExampleFanout_Cursor() {
	q := sessions.AccountQuery{Regions: []string{"us-west-2", "eu-west-1"}}
	first, err := sessions.AccountSessions(exampleClients(), q, sessions.MaxItems(10))
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := sessions.Collect(first.All(context.Background()))
	fmt.Println(len(got), "sessions, error:", err)

	// Later, maybe in another process: every stage continues where it
	// stopped, the finished ones stay finished.
	next, err := sessions.AccountSessions(exampleClients(), q, sessions.StartingToken(first.Cursor()))
	if err != nil {
		fmt.Println(err)
		return
	}
	rest, err := sessions.Collect(next.All(context.Background()))
	fmt.Println(len(rest), "more, error:", err)
	seen := map[string]bool{}
	for _, s := range append(got, rest...) {
		seen[s.StageARN+" "+s.ID] = true
	}
	fmt.Println(len(seen), "different sessions; cursor now:", next.Cursor() == "")
	// Output:
	// 10 sessions, error: <nil>
	// 5 more, error: <nil>
	// 15 different sessions; cursor now: true
}

func ExampleNewFanout() {
	nim := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{
		"studio-1": {{ID: "session-1", CreatedBy: "alice"}, {ID: "session-2", CreatedBy: "bob"}},
		"studio-2": {{ID: "session-3", CreatedBy: "alice"}},
	}}
	build := func(id string, opts ...sessions.Option) (*sessions.Paginator[sessions.StreamingSession], error) {
		return sessions.StreamingSessions(nim, sessions.StudioQuery{StudioID: id, CreatedBy: "alice"}, opts...)
	}
	fo, err := sessions.NewFanout([]string{"studio-1", "studio-2"}, build)
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := sessions.Collect(fo.All(context.Background()))
	slices.SortFunc(got, func(a, b sessions.StreamingSession) int { return strings.Compare(a.ID, b.ID) })
	for _, s := range got {
		fmt.Println(s.StudioID, s.ID, s.CreatedBy)
	}
	fmt.Println("error:", err)
	// Output:
	// studio-1 session-1 alice
	// studio-2 session-3 alice
	// error: <nil>
}

func ExampleOrdered() {
	// The first four sessions of the account, region by region, stage by
	// stage: the same four on every run, though the stages are listed
	// concurrently.
	fo, err := sessions.AccountSessions(exampleClients(), sessions.AccountQuery{Regions: []string{"eu-west-1", "us-west-2"}},
		sessions.Ordered(), sessions.MaxItems(4))
	if err != nil {
		fmt.Println(err)
		return
	}
	for s, err := range fo.All(context.Background()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(s.StageARN, s.ID)
	}
	// Output:
	// arn:aws:ivs:eu-west-1:111122223333:stage/Stage3 st-3000000000000
	// arn:aws:ivs:eu-west-1:111122223333:stage/Stage3 st-3000000000001
	// arn:aws:ivs:eu-west-1:111122223333:stage/Stage3 st-3000000000002
	// arn:aws:ivs:eu-west-1:111122223333:stage/Stage4 st-4000000000000
}

func ExampleConcurrency() {
	stages, info := exampleAccount()
	ivs := &sessionstest.StageService{Stages: stages, Info: info, Region: "us-west-2", Latency: 10 * time.Millisecond}
	clients := func(string) (sessions.RegionTransport, error) { return ivs, nil }
	// At most two stages at a time (without the option: every stage, up to
	// sessions.DefaultConcurrency).
	fo, err := sessions.AccountSessions(clients, sessions.AccountQuery{Regions: []string{"us-west-2"}}, sessions.Concurrency(2))
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := sessions.Collect(fo.All(context.Background()))
	fmt.Println(len(got), "sessions in", len(ivs.Recorded()), "requests, error:", err)
	// Output: 9 sessions in 3 requests, error: <nil>
}

func ExampleFanout_All() {
	stages, info := exampleAccount()
	clients := func(region string) (sessions.RegionTransport, error) {
		svc := &sessionstest.StageService{Stages: stages, Info: info, Region: region}
		if region == "eu-west-1" {
			svc.Faults = []sessionstest.Fault{sessionstest.ErrorAt(1, errors.New("access denied"))}
		}
		return svc, nil
	}
	fo, err := sessions.AccountSessions(clients, sessions.AccountQuery{Regions: []string{"us-west-2", "eu-west-1"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	n := 0
	for _, err := range fo.All(context.Background()) {
		if err != nil {
			fmt.Println(err) // one region failed; the others go on
			continue
		}
		n++
	}
	fmt.Println(n, "sessions; more to resume:", fo.Cursor() != "")
	// Output:
	// sessions: ListStages eu-west-1 page 1: access denied
	// 9 sessions; more to resume: true
}

func ExampleStageFilter_Match() {
	f := sessions.StageFilter{Name: "prod-*", Tags: map[string]string{"team": "video"}}
	fmt.Println(f.Match(sessions.Stage{Name: "prod-eu", Tags: map[string]string{"team": "video", "env": "prod"}}))
	fmt.Println(f.Match(sessions.Stage{Name: "prod-eu", Tags: map[string]string{"team": "audio"}}))
	fmt.Println(f.Match(sessions.Stage{Name: "dev-eu", Tags: map[string]string{"team": "video"}}))
	// Output:
	// true
	// false
	// false
}
