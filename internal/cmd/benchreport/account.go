package main

import (
	"context"
	"fmt"
	"time"

	"github.com/sessionkit/sessions/internal/bench"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// account lists every session of a 40-stage account behind a 30 ms round
// trip, as a remote endpoint would answer: sessions.AccountSessions with
// Concurrency(16) against the sequential loop a user writes with the SDK
// (ListStages, then each stage's ListStageSessions, default page sizes).
// A sequential run takes about 4 s, hence few repetitions.
func account(ctx context.Context, cfg config, r *report) error {
	const latency, limit = 30 * time.Millisecond, 16
	reps := max(1, cfg.reps/3)
	if cfg.quick {
		reps = 1
	}
	stages, total := bench.AccountStages(40)
	srv := fakeaws.New(fakeaws.WithStages(stages...), fakeaws.WithLatency(latency))
	defer srv.Close()
	client, acfg := srv.StageClient(), bench.AccountConfig(srv)
	requests := func(f func() (bench.Result, error)) (int64, error) {
		srv.ResetStats()
		_, err := f()
		return srv.Stats().Requests, err
	}
	sdk := func() (bench.Result, error) { return bench.AccountSDK(ctx, client) }
	lib := func() (bench.Result, error) { return bench.AccountLibrary(ctx, acfg, 0, limit) }
	same := func() (bench.Result, error) { return bench.AccountLibrary(ctx, acfg, 50, limit) }
	libs, sdks, err := compare(reps, lib, sdk)
	if err != nil {
		return err
	}
	sdkReq, err := requests(sdk)
	if err != nil {
		return err
	}
	libReq, err := requests(lib)
	if err != nil {
		return err
	}
	speedups := inverse(bench.Ratios(libs, sdks))
	r.add(atLeast("account_speedup", bench.Median(speedups), 10, fmt.Sprintf(
		"AccountSessions, Concurrency(%d), median of %d paired runs (range %s); 40 stages, %d sessions, %v a request; sequential SDK %.0f ms in %d requests, library %.0f ms in %d requests (pages of 100); limit 16",
		limit, len(speedups), spread(speedups), total, latency,
		bench.Median(bench.Walls(sdks))*1e3, sdkReq, bench.Median(bench.Walls(libs))*1e3, libReq)))
	sames, sdks, err := compare(1, same, sdk)
	if err != nil {
		return err
	}
	r.note("account listing with the SDK's page size (50): speedup %.2f (the gain of concurrency alone); %.0f ms",
		bench.Median(inverse(bench.Ratios(sames, sdks))), bench.Median(bench.Walls(sames))*1e3)
	active, err := requests(func() (bench.Result, error) { return bench.AccountActive(ctx, acfg, limit) })
	if err != nil {
		return err
	}
	r.note("account listing of the active sessions only: %d requests instead of %d (stages that ListStages reports with no active session are not asked)", active, libReq)
	return nil
}
