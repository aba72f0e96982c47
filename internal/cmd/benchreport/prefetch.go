package main

import (
	"context"
	"fmt"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/bench"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// prefetchLatency is fakeaws's latency per page, and prefetchWork the
// caller's nominal work per page, before calibration.
const prefetchLatency, prefetchWork = 2 * time.Millisecond, 2 * time.Millisecond

func prefetch(ctx context.Context, cfg config, r *report) error {
	pages := 100
	if cfg.quick {
		pages = 50
	}
	b := &prefetchBench{pages: pages, workFor: prefetchWork, worked: measureSleep(prefetchWork)}
	r.note("time.Sleep(%v) takes %.2f ms on average here: Go's timers round short waits up, so fakeaws's latency does too", prefetchWork, ms(b.worked))

	// Pages of 10 make the fetch about 2 ms as the caller sees it; with
	// pages of 100, the in-process server's encoding and the SDK's decoding
	// add about a millisecond (printed below).
	if err := b.smallPages(ctx, cfg, r, 10); err != nil {
		return err
	}
	return b.largePages(ctx, cfg, r, 100)
}

// A prefetchBench times the SDK's loop against the library with Prefetch
// over pages that take prefetchLatency to fetch, with the caller working
// on each page.
//
// The caller's work mostly sleeps: it stands for I/O-bound work (writing
// each page somewhere), and a busy loop would fight the fetching goroutine
// and the in-process server for 2 shared cores, measuring CPU contention
// rather than how well prefetch overlaps waiting.
//
// The target assumes work per page equal to the fetch time. Go's timers
// round short waits up by a varying amount (and the fetch adds wire time to
// fakeaws's latency), so a fixed 2 ms sleep never equals the fetch: the
// work is calibrated to the measured fetch time, and waitFor ends it on
// time by spinning for its last 1.5 ms.
type prefetchBench struct {
	pages   int
	workFor time.Duration // the caller's work per page, as asked of waitFor
	worked  time.Duration // what that work measured
}

// work is the caller's work on one page.
func (b *prefetchBench) work() { waitFor(b.workFor) }

// calibrate sets the caller's work per page to the fastest fetch per page
// (of 3 runs of the SDK loop without work) for pages of pageSize.
func (b *prefetchBench) calibrate(ctx context.Context, r *report, pageSize int) error {
	arn := bench.StageARN(0)
	srv := fakeaws.New(fakeaws.WithStage(arn, fakeaws.GenStageSessions(b.pages*pageSize, 1)), fakeaws.WithLatency(prefetchLatency))
	defer srv.Close()
	c := srv.StageClient()
	var best time.Duration
	for range 3 {
		start := time.Now()
		if _, err := bench.StageSDK(ctx, c, arn, pageSize, func() {}); err != nil {
			return err
		}
		if d := time.Since(start) / time.Duration(b.pages); best == 0 || d < best {
			best = d
		}
	}
	b.workFor = best
	b.worked = measureWait(b.workFor)
	r.note("fetch alone takes %.2f ms per page (pages of %d); caller work per page set to waitFor(%v), which takes %.2f ms", ms(best), pageSize, b.workFor.Round(10*time.Microsecond), ms(b.worked))
	return nil
}

// setup lists pages of pageSize from a server with prefetchLatency and
// returns the SDK loop and the library with Prefetch(n) (n < 0: the
// hand-written reference).
func (b *prefetchBench) setup(ctx context.Context, pageSize int) (sdk func() (bench.Result, error), lib func(n int) func() (bench.Result, error), stop func()) {
	arn := bench.StageARN(0)
	srv := fakeaws.New(fakeaws.WithStage(arn, fakeaws.GenStageSessions(b.pages*pageSize, 1)), fakeaws.WithLatency(prefetchLatency))
	c := srv.StageClient()
	sdk = func() (bench.Result, error) { return bench.StageSDK(ctx, c, arn, pageSize, b.work) }
	lib = func(n int) func() (bench.Result, error) {
		return func() (bench.Result, error) {
			if n < 0 { // the hand-written reference
				return bench.StageSDKPrefetch(ctx, c, arn, pageSize, 1, b.work)
			}
			return bench.StageLibrary(ctx, c, arn, pageSize, b.work, sessions.Prefetch(n))
		}
	}
	return sdk, lib, srv.Close
}

// fetchOf returns the fetch time per page as the caller sees it: the SDK
// loop takes fetch+work per page, so its time less the measured work.
func (b *prefetchBench) fetchOf(sdks []bench.Sample) time.Duration {
	return time.Duration(bench.Median(bench.Walls(sdks))*float64(time.Second)/float64(b.pages)) - b.worked
}

// smallPages measures the reported prefetch_speedup, Prefetch(1) against
// the SDK loop, for pages of pageSize, and notes Prefetch(0), Prefetch(2)
// and the hand-written reference beside it.
func (b *prefetchBench) smallPages(ctx context.Context, cfg config, r *report, pageSize int) error {
	if err := b.calibrate(ctx, r, pageSize); err != nil {
		return err
	}
	sdk, lib, stop := b.setup(ctx, pageSize)
	defer stop()
	libs, sdks, err := compare(cfg.reps, lib(1), sdk)
	if err != nil {
		return err
	}
	fetch := b.fetchOf(sdks)
	speedups := inverse(bench.Ratios(libs, sdks))
	r.add(atLeast("prefetch_speedup", bench.Median(speedups), 1.85, fmt.Sprintf(
		"Prefetch(1), median of %d paired runs (range %s); %d pages of %d, fakeaws latency %v (fetch %.2f ms as the caller sees it) + %v sleep (%.2f ms) per page; SDK %.2f ms/page, library %.2f ms/page; best possible %.3f; limit 2",
		len(speedups), spread(speedups), b.pages, pageSize, prefetchLatency, ms(fetch), b.workFor.Round(10*time.Microsecond), ms(b.worked),
		bench.Median(bench.Walls(sdks))*1e3/float64(b.pages), bench.Median(bench.Walls(libs))*1e3/float64(b.pages), bound(fetch, b.worked))))
	for _, n := range []int{0, 2, -1} {
		libs, sdks, err := compare(max(1, cfg.reps/2), lib(n), sdk)
		if err != nil {
			return err
		}
		what := fmt.Sprintf("Prefetch(%d)", n)
		if n < 0 {
			what = "reference: the SDK paginator on a goroutine one page ahead, written by hand"
		}
		r.note("prefetch speedup, pages of %d, %s: %.3f (median of %d paired runs)", pageSize, what, bench.Median(inverse(bench.Ratios(libs, sdks))), len(libs))
	}
	return nil
}

// largePages notes Prefetch(1)'s speedup for pages of pageSize, where the
// fetch takes longer than the latency alone.
func (b *prefetchBench) largePages(ctx context.Context, cfg config, r *report, pageSize int) error {
	if err := b.calibrate(ctx, r, pageSize); err != nil {
		return err
	}
	sdk, lib, stop := b.setup(ctx, pageSize)
	defer stop()
	libs, sdks, err := compare(max(1, cfg.reps/2), lib(1), sdk)
	if err != nil {
		return err
	}
	fetch := b.fetchOf(sdks)
	r.note("prefetch speedup, pages of %d (fetch %.2f ms), Prefetch(1): %.3f; best possible for that fetch time %.3f",
		pageSize, ms(fetch), bench.Median(inverse(bench.Ratios(libs, sdks))), bound(fetch, b.worked))
	return nil
}

// bound is the best speedup that overlapping a fetch with the caller's
// work can give: (fetch+work)/max(fetch, work).
func bound(fetch, work time.Duration) float64 {
	return float64(fetch+work) / float64(max(fetch, work))
}

// waitFor stands for the caller's work on a page: it sleeps for most of d,
// then spins to the deadline, because a plain sleep overshoots by a varying
// fraction of a millisecond and would make work and fetch unequal.
func waitFor(d time.Duration) {
	deadline := time.Now().Add(d)
	if d > 1500*time.Microsecond {
		time.Sleep(d - 1500*time.Microsecond)
	}
	for time.Now().Before(deadline) {
	}
}

// measureWait returns the mean time that waitFor(d) takes.
func measureWait(d time.Duration) time.Duration {
	const n = 50
	start := time.Now()
	for range n {
		waitFor(d)
	}
	return time.Since(start) / n
}

// measureSleep returns the mean time that time.Sleep(d) takes.
func measureSleep(d time.Duration) time.Duration {
	const n = 50
	start := time.Now()
	for range n {
		time.Sleep(d)
	}
	return time.Since(start) / n
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
