package sessions_test

import (
	"context"
	"testing"
	"time"

	"github.com/sessionkit/sessions/internal/bench"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// BenchmarkAccountSpeedup lists every session of a 40-stage account (0 to
// 300 sessions a stage) behind a 30 ms round trip (2 ms in a smoke run),
// through the real SDK clients: once with the sequential SDK loop a user
// would write, once with AccountSessions and Concurrency(16), and once more
// with the SDK's page size (50) to separate the gain of concurrency from
// that of larger pages. It reports the wall-time ratios and the requests
// each sends; benchreport's "account" section reports the same, repeated.
func BenchmarkAccountSpeedup(b *testing.B) {
	stages, total := bench.AccountStages(40)
	srv := benchServer(b, fakeaws.WithStages(stages...), fakeaws.WithLatency(time.Duration(benchSize(30, 2))*time.Millisecond))
	ctx := context.Background()
	client, cfg := srv.StageClient(), bench.AccountConfig(srv)
	run := func(list func() (bench.Result, error)) (time.Duration, int64) {
		srv.ResetStats()
		start := time.Now()
		r, err := list()
		if err != nil {
			b.Fatal(err)
		}
		if r.Items != total {
			b.Fatalf("listed %d sessions, want %d", r.Items, total)
		}
		return time.Since(start), srv.Stats().Requests
	}
	var sdk, lib, libSame time.Duration
	var sdkReq, libReq, libSameReq int64
	for range b.N {
		d, n := run(func() (bench.Result, error) { return bench.AccountSDK(ctx, client) })
		sdk, sdkReq = sdk+d, n
		d, n = run(func() (bench.Result, error) { return bench.AccountLibrary(ctx, cfg, 0, 16) })
		lib, libReq = lib+d, n
		d, n = run(func() (bench.Result, error) { return bench.AccountLibrary(ctx, cfg, 50, 16) })
		libSame, libSameReq = libSame+d, n
	}
	b.ReportMetric(float64(sdk)/float64(lib), "speedup")
	b.ReportMetric(float64(sdk)/float64(libSame), "speedup_same_pages")
	b.ReportMetric(float64(sdkReq), "sdk_requests")
	b.ReportMetric(float64(libReq), "lib_requests")
	b.ReportMetric(float64(libSameReq), "lib_requests_same_pages")
}
