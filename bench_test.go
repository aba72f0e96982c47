package sessions_test

//lint:file-ignore SA1019 Nimble Studio is shut down and its final SDK release marks every API deprecated; these benchmarks measure the library's support for it.

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/bench"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// The benchmarks compare the library with the SDK's own paginators on the
// same data, through the real SDK clients and internal/fakeaws, and measure
// the library alone over an in-memory transport. Each operation is one full
// listing; ns/item and allocs/item divide by the items listed. Allocation
// counts are process-wide, so over fakeaws they include the in-process
// server, which does the same for both clients. For the figures of the
// "Targets" table, run go run ./internal/cmd/benchreport, which interleaves
// and repeats the runs.
//
// Under -benchtime 1x (the CI smoke run) or -short the data sets are small
// and the multi-second baselines are skipped unless -bench names them.

// benchSmoke reports whether the benchmarks run once for CI, where they
// must be quick rather than representative.
func benchSmoke() bool {
	f := flag.Lookup("test.benchtime")
	return testing.Short() || f != nil && f.Value.String() == "1x"
}

// benchSkipSlow skips a benchmark that takes seconds per operation in a
// smoke run.
func benchSkipSlow(b *testing.B) {
	b.Helper()
	if benchSmoke() {
		b.Skip("takes seconds per operation; skipped under -benchtime 1x and -short")
	}
}

// benchSize returns full, or smoke in a smoke run.
func benchSize(full, smoke int) int {
	if benchSmoke() {
		return smoke
	}
	return full
}

func benchServer(b *testing.B, opts ...fakeaws.Option) *fakeaws.Server {
	b.Helper()
	srv := fakeaws.New(opts...)
	b.Cleanup(srv.Close)
	return srv
}

// benchRun runs list b.N times and reports ns/item and allocs/item. It
// fails the benchmark if a listing errs or sees other than items items.
func benchRun(b *testing.B, items int, list func() (bench.Result, error)) {
	b.Helper()
	// One listing first, outside the timer, so the first measured one does
	// not pay for dialling and the SDK's lazily built state.
	if _, err := list(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for range b.N {
		r, err := list()
		if err != nil {
			b.Fatal(err)
		}
		if r.Items != items {
			b.Fatalf("listed %d items, want %d", r.Items, items)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	n := float64(b.N) * float64(items)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/item")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/item")
}

// BenchmarkStageWire lists 10,000 stage sessions in pages of 100 through
// the real IVS client and fakeaws: the SDK's paginator touching each item
// against the library converting and yielding each.
func BenchmarkStageWire(b *testing.B) {
	ctx := context.Background()
	items, pageSize := benchSize(10_000, 1_000), 100
	arn := bench.StageARN(0)
	c := benchServer(b, fakeaws.WithStage(arn, fakeaws.GenStageSessions(items, 1))).StageClient()
	b.Run("sdk", func(b *testing.B) {
		benchRun(b, items, func() (bench.Result, error) { return bench.StageSDK(ctx, c, arn, pageSize, nil) })
	})
	b.Run("library", func(b *testing.B) {
		benchRun(b, items, func() (bench.Result, error) { return bench.StageLibrary(ctx, c, arn, pageSize, nil) })
	})
}

// BenchmarkStudioWire lists 2,000 streaming sessions (pages of 100) through
// the real Nimble client and fakeaws, SDK paginator against library.
func BenchmarkStudioWire(b *testing.B) {
	ctx := context.Background()
	items := benchSize(2_000, 200)
	c := benchServer(b, fakeaws.WithStudio(bench.StudioID, fakeaws.GenStreamingSessions(items, 1))).StudioClient()
	b.Run("sdk", func(b *testing.B) {
		benchRun(b, items, func() (bench.Result, error) { return bench.StudioSDK(ctx, c, bench.StudioID) })
	})
	b.Run("library", func(b *testing.B) {
		benchRun(b, items, func() (bench.Result, error) { return bench.StudioLibrary(ctx, c, bench.StudioID) })
	})
}

// BenchmarkStageInMemory lists 100,000 stage sessions from prebuilt pages
// of 100 that cost nothing to fetch, so it measures only the per-item path:
// the library's, and the SDK paginator's for scale.
func BenchmarkStageInMemory(b *testing.B) {
	ctx := context.Background()
	const items, pageSize = 100_000, 100
	mem := bench.NewMemStage(items, pageSize, 1)
	arn := bench.StageARN(0)
	b.Run("sdk", func(b *testing.B) {
		benchRun(b, items, func() (bench.Result, error) { return bench.StageSDK(ctx, mem, arn, pageSize, nil) })
	})
	b.Run("library", func(b *testing.B) {
		benchRun(b, items, func() (bench.Result, error) { return bench.StageLibrary(ctx, mem, arn, pageSize, nil) })
	})
	b.Run("library-filtered", func(b *testing.B) {
		q := sessions.StageQuery{StageARN: arn, Status: sessions.StageEnded}
		want := 0
		for _, s := range fakeaws.GenStageSessions(items, 1).All() {
			if !s.EndTime.IsZero() {
				want++
			}
		}
		benchRun(b, want, func() (bench.Result, error) {
			p, err := sessions.StageSessions(mem, q, sessions.PageSize(pageSize))
			if err != nil {
				return bench.Result{}, err
			}
			var r bench.Result
			for s, err := range p.All(ctx) {
				if err != nil {
					return r, err
				}
				r.Items++
				r.IDBytes += len(s.ID)
			}
			return r, nil
		})
	})
}

// BenchmarkPrefetch lists pages of 100 stage sessions from fakeaws with
// 2 ms of latency while the caller sleeps 2 ms per page (I/O-bound work):
// the plain SDK loop against the library with Prefetch(0, 1, 2).
func BenchmarkPrefetch(b *testing.B) {
	ctx := context.Background()
	const pageSize, latency, work = 100, 2 * time.Millisecond, 2 * time.Millisecond
	pages := benchSize(25, 5)
	arn := bench.StageARN(0)
	c := benchServer(b, fakeaws.WithStage(arn, fakeaws.GenStageSessions(pages*pageSize, 1)), fakeaws.WithLatency(latency)).StageClient()
	sleep := func() { time.Sleep(work) }
	b.Run("sdk", func(b *testing.B) {
		benchRun(b, pages*pageSize, func() (bench.Result, error) { return bench.StageSDK(ctx, c, arn, pageSize, sleep) })
	})
	for _, n := range []int{0, 1, 2} {
		b.Run(fmt.Sprintf("prefetch=%d", n), func(b *testing.B) {
			benchRun(b, pages*pageSize, func() (bench.Result, error) {
				return bench.StageLibrary(ctx, c, arn, pageSize, sleep, sessions.Prefetch(n))
			})
		})
	}
}

// BenchmarkMerge lists 64 stages of 5 pages of 10 sessions with 5 ms of
// latency per request: Merge with limit 16 against a sequential SDK loop
// (about 2 s per operation, skipped in smoke runs) and against SDK
// paginators on 16 goroutines written by hand.
func BenchmarkMerge(b *testing.B) {
	ctx := context.Background()
	const pagesPerStage, pageSize, latency = 5, 10, 5 * time.Millisecond
	stages := benchSize(64, 16)
	var arns []string
	opts := []fakeaws.Option{fakeaws.WithLatency(latency)}
	for i := range stages {
		arns = append(arns, bench.StageARN(i))
		opts = append(opts, fakeaws.WithStage(arns[i], fakeaws.GenStageSessions(pagesPerStage*pageSize, uint64(i))))
	}
	c := benchServer(b, opts...).StageClient()
	items := stages * pagesPerStage * pageSize
	b.Run("sequential-sdk", func(b *testing.B) {
		benchSkipSlow(b)
		benchRun(b, items, func() (bench.Result, error) { return bench.SequentialSDK(ctx, c, arns, pageSize) })
	})
	b.Run("concurrent-sdk-16", func(b *testing.B) {
		benchRun(b, items, func() (bench.Result, error) { return bench.ConcurrentSDK(ctx, c, arns, pageSize, 16) })
	})
	b.Run("merge-16", func(b *testing.B) {
		benchRun(b, items, func() (bench.Result, error) { return bench.MergeLibrary(ctx, c, arns, pageSize, 16) })
	})
}

// BenchmarkHeapPeak lists n stage sessions in pages of 100 through fakeaws
// and reports the peak heap seen while it ran (sampled after every page and
// every millisecond, after a GC) and the largest live heap. The 1,000,000
// case is skipped in smoke runs.
func BenchmarkHeapPeak(b *testing.B) {
	ctx := context.Background()
	arn := bench.StageARN(0)
	srv := benchServer(b)
	c := srv.StageClient()
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			if n > 100_000 {
				benchSkipSlow(b)
			}
			if benchSmoke() {
				n = 10_000
			}
			srv.AddStage(arn, fakeaws.GenStageSessions(n, 1))
			var peak bench.Heap
			for range b.N {
				h, err := bench.PeakHeap(time.Millisecond, func(sample func()) error {
					r, err := bench.StageLibrary(ctx, c, arn, 100, nil, sessions.OnPage(func(sessions.PageInfo) { sample() }))
					if err == nil && r.Items != n {
						err = fmt.Errorf("listed %d of %d sessions", r.Items, n)
					}
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
				peak.Peak, peak.Live = max(peak.Peak, h.Peak), max(peak.Live, h.Live)
			}
			b.ReportMetric(float64(peak.Peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(peak.Live)/(1<<20), "live-heap-MiB")
		})
	}
}

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
