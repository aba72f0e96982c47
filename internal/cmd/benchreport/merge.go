package main

import (
	"context"
	"fmt"
	"time"

	"github.com/sessionkit/sessions/internal/bench"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

func merge(ctx context.Context, cfg config, r *report) error {
	const stages, pagesPerStage, latency, limit = 64, 5, 5 * time.Millisecond, 16
	reps := cfg.reps
	if cfg.quick {
		reps = 2 // a sequential run takes about 2 s
	}
	// run compares Merge with the sequential SDK loop for pages of
	// pageSize sessions.
	run := func(pageSize, reps int) (libs, sdks []bench.Sample, err error) {
		var arns []string
		opts := []fakeaws.Option{fakeaws.WithLatency(latency)}
		for i := range stages {
			arns = append(arns, bench.StageARN(i))
			opts = append(opts, fakeaws.WithStage(arns[i], fakeaws.GenStageSessions(pagesPerStage*pageSize, uint64(i))))
		}
		srv := fakeaws.New(opts...)
		defer srv.Close()
		c := srv.StageClient()
		libs, sdks, err = compare(reps,
			func() (bench.Result, error) { return bench.MergeLibrary(ctx, c, arns, pageSize, limit) },
			func() (bench.Result, error) { return bench.SequentialSDK(ctx, c, arns, pageSize) })
		if err != nil {
			return nil, nil, err
		}
		refs, err := repeat(reps, func() (bench.Result, error) { return bench.ConcurrentSDK(ctx, c, arns, pageSize, limit) })
		if err != nil {
			return nil, nil, err
		}
		r.note("reference, pages of %d: the SDK paginator on %d goroutines, written by hand: %.0f ms, speedup %.2f over the sequential median",
			pageSize, limit, bench.Median(bench.Walls(refs))*1e3, bench.Median(bench.Walls(sdks))/bench.Median(bench.Walls(refs)))
		return libs, sdks, nil
	}
	// Pages of 10 keep the run bound by latency, which is what Merge
	// overlaps: with larger pages, decoding in the SDK and encoding in the
	// in-process fake server fill the 2 cores first.
	const pageSize = 10
	libs, sdks, err := run(pageSize, reps)
	if err != nil {
		return err
	}
	speedups := inverse(bench.Ratios(libs, sdks))
	requests := float64(stages * pagesPerStage)
	r.add(atLeast("merge_speedup", bench.Median(speedups), 14, fmt.Sprintf(
		"Merge limit %d, median of %d paired runs (range %s); %d stages × %d pages of %d × %v; sequential SDK %.0f ms (%.2f ms/request, %.2f ms CPU/request), Merge %.0f ms (%.2f cores busy); limit 16",
		limit, len(speedups), spread(speedups), stages, pagesPerStage, pageSize, latency,
		bench.Median(bench.Walls(sdks))*1e3, bench.Median(bench.Walls(sdks))*1e3/requests, bench.Median(bench.CPUs(sdks))*1e3/requests,
		bench.Median(bench.Walls(libs))*1e3, busy(libs))))
	libs, sdks, err = run(50, max(1, reps/2))
	if err != nil {
		return err
	}
	r.note("merge speedup with pages of 50 (the service's default): %.2f; sequential SDK %.0f ms, Merge %.0f ms with %.2f cores busy (CPU-bound: the fake server runs in this process)",
		bench.Median(inverse(bench.Ratios(libs, sdks))), bench.Median(bench.Walls(sdks))*1e3, bench.Median(bench.Walls(libs))*1e3, busy(libs))
	return nil
}

// busy returns the process's CPU time over wall time: how many cores the
// runs kept busy, on average.
func busy(samples []bench.Sample) float64 {
	return bench.Median(bench.CPUs(samples)) / bench.Median(bench.Walls(samples))
}
