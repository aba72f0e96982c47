package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
	"github.com/sessionkit/sessions/sessionstest"
)

// The wire tests list accounts through the real SDK clients, built by
// ClientsFromConfig, against internal/fakeaws, which answers a stage only
// for requests signed for the region in its ARN.

var wireRegions = []string{"us-west-2", "eu-west-1", "ap-northeast-1"}

// wireAccount starts a server holding perRegion stages in each of regions,
// with up to maxSessions generated sessions each, and returns it with the
// sessions of every stage.
func wireAccount(t testing.TB, regions []string, perRegion, maxSessions int, seed uint64, opts ...fakeaws.Option) (*fakeaws.Server, map[string][]sessions.StageSession) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 11))
	want := map[string][]sessions.StageSession{}
	var stages []fakeaws.Stage
	for _, region := range regions {
		for i := range perRegion {
			arn := fmt.Sprintf("arn:aws:ivs:%s:111122223333:stage/W%d%s", region, i, fmt.Sprint(seed))
			data := fakeaws.GenStageSessions(r.IntN(maxSessions+1), seed*1000+uint64(len(stages)))
			for _, s := range data.All() {
				want[arn] = append(want[arn], sessions.StageSession{StageARN: arn, ID: s.SessionID, StartTime: s.StartTime, EndTime: s.EndTime})
			}
			stages = append(stages, fakeaws.Stage{ARN: arn, Name: fmt.Sprint("wire-", i), Tags: map[string]string{"n": fmt.Sprint(i % 2)}, Sessions: data})
		}
	}
	srv := fakeaws.New(append([]fakeaws.Option{fakeaws.WithStages(stages...), fakeaws.WithRequestLog(1 << 20)}, opts...)...)
	t.Cleanup(srv.Close)
	return srv, want
}

// wireConfig is an aws.Config for srv, with the given retryer.
func wireConfig(srv *fakeaws.Server, retryer func() aws.Retryer) aws.Config {
	return aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Credentials: fakeaws.Credentials(), HTTPClient: srv.HTTPClient(), Retryer: retryer}
}

// checkRegions fails the test for every request not signed for the region
// of its stage (or, for ListStages, for the region listed). A request whose
// body the server could not read (the client cancelled it while sending,
// after the loop broke) names neither and is left out.
func checkRegions(t *testing.T, srv *fakeaws.Server) {
	t.Helper()
	for _, r := range srv.Log() {
		if r.Parent == "" && r.Region == "" && r.Status == 400 {
			continue
		}
		want := r.Parent
		if r.Op == fakeaws.OpListStageSessions {
			want = sessions.Stage{ARN: r.Parent}.Region()
		}
		if r.Region != want || want == "" {
			t.Errorf("%s %s signed for region %q, want %q", r.Op, r.Parent, r.Region, want)
		}
	}
}

func TestAccountSessionsWireFaultsInOneRegionAndOneStage(t *testing.T) {
	srv, want := wireAccount(t, wireRegions, 6, 60, 1)
	failing := "arn:aws:ivs:us-west-2:111122223333:stage/W31"
	// Three attempts each: more than the retryer makes.
	srv.Inject(
		fakeaws.Fault{Kind: fakeaws.FaultInternal, Op: fakeaws.OpListStages, Parent: "eu-west-1", Times: 3},
		fakeaws.Fault{Kind: fakeaws.FaultUnavailable, Op: fakeaws.OpListStageSessions, Parent: failing, Request: 2, Times: 3},
	)
	clients := sessions.ClientsFromConfig(wireConfig(srv, fakeaws.NewRetryer), sessions.ClientMaxRate(0))
	q := sessions.AccountQuery{Regions: wireRegions}
	fo, err := sessions.AccountSessions(clients, q, sessions.PageSize(10))
	if err != nil {
		t.Fatal(err)
	}
	var got []sessions.StageSession
	var errs []string
	for s, err := range fo.All(context.Background()) {
		if err != nil {
			var le *sessions.ListError
			if !errors.As(err, &le) {
				t.Fatalf("error %v is not a *ListError", err)
			}
			errs = append(errs, le.Op+" "+le.Parent)
			continue
		}
		got = append(got, s)
	}
	if diff := cmp.Diff([]string{"ListStages eu-west-1", "ListStageSessions " + failing}, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	fo2, err := sessions.AccountSessions(clients, q, sessions.StartingToken(fo.Cursor()))
	if err != nil {
		t.Fatal(err)
	}
	rest, err := sessions.Collect(fo2.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, byStage(append(got, rest...))); diff != "" {
		t.Errorf("sessions by stage over both runs (-want +got):\n%s", diff)
	}
	checkRegions(t, srv)
}

// A fan-out over three regions, with faults the retryer absorbs and faults
// it does not, stopped at random points and resumed from its cursor in a
// new Fanout each time, delivers every session exactly once.
func TestAccountSessionsWireResumeAtRandomPoints(t *testing.T) {
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			srv, want := wireAccount(t, wireRegions, 5, 45, seed+10)
			srv.Inject(
				fakeaws.Fault{Kind: fakeaws.FaultThrottle, Request: 3, Times: 2},
				fakeaws.Fault{Kind: fakeaws.FaultInternal, Op: fakeaws.OpListStageSessions, Request: 20, Times: 3},
				fakeaws.Fault{Kind: fakeaws.FaultTruncatedBody, Op: fakeaws.OpListStages, Parent: wireRegions[seed], Request: 2, Times: 3},
			)
			explicit := fmt.Sprintf("arn:aws:ivs:%s:111122223333:stage/W0%d", wireRegions[2], seed+10)
			q := sessions.AccountQuery{Regions: wireRegions[:2], StageARNs: []string{explicit}}
			for arn := range want {
				if r := (sessions.Stage{ARN: arn}).Region(); r == wireRegions[2] && arn != explicit {
					delete(want, arn)
				}
			}
			clients := sessions.ClientsFromConfig(wireConfig(srv, fakeaws.NewRetryer), sessions.ClientMaxRate(0))
			r := rand.New(rand.NewPCG(seed, 12))
			var got []sessions.StageSession
			tok := ""
			for run := 0; ; run++ {
				if run > 300 {
					t.Fatal("no end after 300 runs")
				}
				opts := []sessions.Option{sessions.PageSize(7), sessions.Concurrency(1 + r.IntN(6)), sessions.MaxItems(1 + r.IntN(80))}
				if tok != "" {
					opts = append(opts, sessions.StartingToken(tok))
				}
				fo, err := sessions.AccountSessions(clients, q, opts...)
				if err != nil {
					t.Fatal(err)
				}
				stop := r.IntN(60)
				for s, err := range fo.All(context.Background()) {
					if err != nil {
						continue
					}
					got = append(got, s)
					if stop--; stop == 0 {
						break
					}
				}
				if tok = fo.Cursor(); tok == "" {
					break
				}
			}
			if diff := cmp.Diff(want, byStage(got)); diff != "" {
				t.Errorf("sessions by stage over all runs (-want +got):\n%s", diff)
			}
			checkRegions(t, srv)
		})
	}
}

// Throttling under a wide fan-out loses nothing: 40 stages listed at once,
// every first request throttled and retried by the SDK, then every request
// for a while throttled past the retryer's attempts, so that the sources
// fail; ranging again retries them, and every session arrives once. (The
// test uses the standard retryer without waits: the adaptive mode that
// ClientsFromConfig picks by default paces a client for seconds after a
// burst of throttling, which is what it is for, and slow for a test.)
func TestAccountSessionsWireThrottlingLosesNothing(t *testing.T) {
	srv, want := wireAccount(t, wireRegions[:1], 40, 30, 3)
	srv.Inject(
		fakeaws.Fault{Kind: fakeaws.FaultThrottle, Op: fakeaws.OpListStageSessions, Times: 40},
		fakeaws.Fault{Kind: fakeaws.FaultThrottle, Op: fakeaws.OpListStageSessions, Request: 60, Times: 45},
	)
	fo, err := sessions.AccountSessions(sessions.ClientsFromConfig(wireConfig(srv, fakeaws.NewRetryer), sessions.ClientMaxRate(0)), sessions.AccountQuery{Regions: wireRegions[:1]}, sessions.Concurrency(40), sessions.PageSize(10))
	if err != nil {
		t.Fatal(err)
	}
	var got []sessions.StageSession
	failed := 0
	for run := 0; fo.Cursor() != ""; run++ {
		if run > 10 {
			t.Fatal("no end after 10 ranges")
		}
		for s, err := range fo.All(context.Background()) {
			if err != nil {
				failed++
				continue
			}
			got = append(got, s)
		}
	}
	if diff := cmp.Diff(want, byStage(got)); diff != "" {
		t.Errorf("sessions by stage (-want +got):\n%s", diff)
	}
	if n := srv.Stats().Faults; n != 85 || failed == 0 {
		t.Errorf("%d requests throttled and %d sources failed; want 85 and some", n, failed)
	}
}

func TestClientsFromConfigBuildsOneAdaptiveClientPerRegion(t *testing.T) {
	clients := sessions.ClientsFromConfig(aws.Config{Region: "us-east-1"})
	west, _ := clients("us-west-2")
	again, _ := clients("us-west-2")
	east, _ := clients("eu-west-1")
	if west != again || west == east {
		t.Error("not one client per region")
	}
	o := west.(*ivsrealtime.Client).Options()
	if _, ok := o.Retryer.(*retry.AdaptiveMode); !ok || o.Region != "us-west-2" {
		t.Errorf("client for us-west-2: region %q, retryer %T; want us-west-2 and the adaptive mode", o.Region, o.Retryer)
	}
	standard := sessions.ClientsFromConfig(aws.Config{RetryMode: aws.RetryModeStandard})
	c, _ := standard("us-west-2")
	if _, ok := c.(*ivsrealtime.Client).Options().Retryer.(*retry.AdaptiveMode); ok {
		t.Error("the adaptive mode replaced the configuration's retry mode")
	}
}

// A stage deleted while an account is listed (its ListStageSessions
// answers ResourceNotFoundException, through the real client) is finished:
// its error is yielded once, wrapping ErrStageDeleted and the service's
// error, and no resume asks for it again (issue 15, item 9).
func TestAccountSessionsDeletedStageIsFinished(t *testing.T) {
	arn := func(name string) string { return "arn:aws:ivs:us-west-2:111122223333:stage/" + name }
	gone := arn("Bgone")
	d := sessionstest.Data{Stages: map[string][]sessions.StageSession{}}
	for _, name := range []string{"Afirst", "Bgone", "Clast"} {
		d.Stages[arn(name)] = stageData(arn(name), 5)
	}
	d.Quota = sessionstest.NoQuota()
	srv := sessionstest.NewServer(d)
	t.Cleanup(srv.Close)
	// The stage's second page: deleted after its first was read.
	srv.Inject(sessionstest.ErrorAt(2, &smithy.GenericAPIError{Code: "ResourceNotFoundException", Message: "Stage not found"}).For(gone))
	clients := sessions.ClientsFromConfig(srv.Config(), sessions.IVSErrorMessages, sessions.ClientMaxRate(0))
	q := sessions.AccountQuery{Regions: []string{"us-west-2"}}
	// One stage at a time: the fault counts the stage's requests, and a
	// stage that fetched its first page ahead in a run stopped by MaxItems
	// would ask for it again in the next.
	opts := []sessions.Option{sessions.PageSize(2), sessions.Ordered(), sessions.Concurrency(1)}
	var got []sessions.StageSession
	var errs []error
	tok := ""
	for run := range 3 {
		o := append(slices.Clone(opts), sessions.MaxItems(4))
		if tok != "" {
			o = append(o, sessions.StartingToken(tok))
		}
		fo, err := sessions.AccountSessions(clients, q, o...)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 { // ranging again over the same Fanout reports nothing again
			g, e := collectAll(fo.All(context.Background()))
			got, errs = append(got, g...), append(errs, e...)
		}
		if tok = fo.Cursor(); tok == "" {
			break
		}
		if run == 2 {
			t.Fatal("the cursor is not empty after three runs")
		}
	}
	want := append(slices.Clone(d.Stages[arn("Afirst")]), d.Stages[gone][:2]...)
	want = append(want, d.Stages[arn("Clast")]...)
	if diff := cmp.Diff(ids(want), ids(got)); diff != "" {
		t.Errorf("sessions over every run (-want +got):\n%s", diff)
	}
	var le *sessions.ListError
	var api smithy.APIError
	if len(errs) != 1 || !errors.Is(errs[0], sessions.ErrStageDeleted) || !errors.As(errs[0], &le) || le.Parent != gone ||
		!errors.As(errs[0], &api) || api.ErrorCode() != "ResourceNotFoundException" {
		t.Fatalf("errors = %v, want one *ListError for %s wrapping ErrStageDeleted and the ResourceNotFoundException", errs, gone)
	}
	asked := 0
	for _, r := range srv.Requests() {
		if r.Parent == gone {
			asked++
		}
	}
	if asked != 2 {
		t.Errorf("the deleted stage was asked %d times, want 2 (its first page, then not found)", asked)
	}
}
