package sessions_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// accountBench is an account of 40 stages in one region, with 0 to 300
// sessions each (150 on average), behind a simulated round trip.
func accountBench(b *testing.B) (*fakeaws.Server, int) {
	b.Helper()
	latency := time.Duration(benchSize(30, 2)) * time.Millisecond
	var stages []fakeaws.Stage
	total := 0
	for i := range 40 {
		n := (i * 157) % 301
		total += n
		stages = append(stages, fakeaws.Stage{ARN: fmt.Sprintf("arn:aws:ivs:us-west-2:111122223333:stage/Bench%02d", i), Sessions: fakeaws.GenStageSessions(n, uint64(i))})
	}
	srv := benchServer(b, fakeaws.WithStages(stages...), fakeaws.WithLatency(latency))
	return srv, total
}

// sequentialSDKAccount is the loop a user writes with the SDK alone: the
// stages from the ListStages paginator, then each stage's sessions from the
// ListStageSessions paginator, one request at a time, default page sizes.
func sequentialSDKAccount(ctx context.Context, c *ivsrealtime.Client) (int, error) {
	n := 0
	stages := ivsrealtime.NewListStagesPaginator(c, &ivsrealtime.ListStagesInput{})
	for stages.HasMorePages() {
		page, err := stages.NextPage(ctx)
		if err != nil {
			return n, err
		}
		for _, st := range page.Stages {
			ss := ivsrealtime.NewListStageSessionsPaginator(c, &ivsrealtime.ListStageSessionsInput{StageArn: st.Arn})
			for ss.HasMorePages() {
				out, err := ss.NextPage(ctx)
				if err != nil {
					return n, err
				}
				n += len(out.StageSessions)
			}
		}
	}
	return n, nil
}

func accountLibrary(ctx context.Context, srv *fakeaws.Server, opts ...sessions.Option) (int, error) {
	cfg := aws.Config{BaseEndpoint: aws.String(srv.URL), Credentials: fakeaws.Credentials(), HTTPClient: srv.HTTPClient(), Retryer: fakeaws.NewRetryer}
	fo, err := sessions.AccountSessions(sessions.ClientsFromConfig(cfg), sessions.AccountQuery{Regions: []string{"us-west-2"}}, opts...)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, err := range fo.All(ctx) {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// BenchmarkAccountSpeedup lists every session of a 40-stage account behind
// a 30 ms round trip (2 ms in a smoke run), through the real SDK clients:
// once with the sequential SDK loop a user would write, once with
// AccountSessions and Concurrency(16), and once more with the SDK's page
// size (50) to separate the gain of concurrency from that of larger pages.
// It reports the wall-time ratios and the requests each sends.
func BenchmarkAccountSpeedup(b *testing.B) {
	srv, total := accountBench(b)
	ctx := context.Background()
	client := srv.StageClient()
	run := func(list func() (int, error)) (time.Duration, int64) {
		srv.ResetStats()
		start := time.Now()
		n, err := list()
		if err != nil {
			b.Fatal(err)
		}
		if n != total {
			b.Fatalf("listed %d sessions, want %d", n, total)
		}
		return time.Since(start), srv.Stats().Requests
	}
	var sdk, lib, libSame time.Duration
	var sdkReq, libReq, libSameReq int64
	for range b.N {
		d, r := run(func() (int, error) { return sequentialSDKAccount(ctx, client) })
		sdk, sdkReq = sdk+d, r
		d, r = run(func() (int, error) { return accountLibrary(ctx, srv, sessions.Concurrency(16)) })
		lib, libReq = lib+d, r
		d, r = run(func() (int, error) { return accountLibrary(ctx, srv, sessions.Concurrency(16), sessions.PageSize(50)) })
		libSame, libSameReq = libSame+d, r
	}
	b.ReportMetric(float64(sdk)/float64(lib), "speedup")
	b.ReportMetric(float64(sdk)/float64(libSame), "speedup_same_pages")
	b.ReportMetric(float64(sdkReq), "sdk_requests")
	b.ReportMetric(float64(libReq), "lib_requests")
	b.ReportMetric(float64(libSameReq), "lib_requests_same_pages")
	b.ReportMetric(float64(lib.Milliseconds())/float64(b.N), "lib_ms")
	b.ReportMetric(float64(sdk.Milliseconds())/float64(b.N), "sdk_ms")
}
