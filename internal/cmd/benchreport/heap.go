package main

import (
	"context"
	"fmt"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/bench"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

func heap(ctx context.Context, cfg config, r *report) error {
	const small, large, pageSize = 100_000, 1_000_000, 100
	arn := bench.StageARN(0)
	srv := fakeaws.New()
	defer srv.Close()
	c := srv.StageClient()
	list := func(n int, opts ...sessions.Option) (bench.Heap, error) {
		srv.AddStage(arn, fakeaws.GenStageSessions(n, 1))
		return bench.PeakHeap(time.Millisecond, func(sample func()) error {
			opts := append([]sessions.Option{sessions.OnPage(func(sessions.PageInfo) { sample() })}, opts...)
			res, err := bench.StageLibrary(ctx, c, arn, pageSize, nil, opts...)
			if err == nil && res.Items != n {
				err = fmt.Errorf("listed %d of %d sessions", res.Items, n)
			}
			return err
		})
	}
	// Warm up, so that the first measured run does not pay for the
	// connection pool and the SDK's lazily built state.
	if _, err := list(small); err != nil {
		return err
	}
	hs, err := list(small)
	if err != nil {
		return err
	}
	hl, err := list(large)
	if err != nil {
		return err
	}
	r.add(atMost("heap_growth_1m_vs_100k", float64(hl.Peak)/float64(hs.Peak), 1.2, fmt.Sprintf(
		"peak heap objects (runtime/metrics, sampled every page and every 1 ms, after a GC) %s vs %s; page size %d, no prefetch; fake server in-process",
		mib(hl.Peak), mib(hs.Peak), pageSize)))
	r.note("largest live heap at a GC: %s listing %d vs %s listing %d (ratio %.3f, %+.1f bytes per extra page: the paginator keeps a hash of every token it saw)",
		mib(hl.Live), large, mib(hs.Live), small, float64(hl.Live)/float64(hs.Live), (float64(hl.Live)-float64(hs.Live))/float64((large-small)/pageSize))
	if !cfg.quick {
		ps, err := list(small, sessions.Prefetch(2))
		if err != nil {
			return err
		}
		pl, err := list(large, sessions.Prefetch(2))
		if err != nil {
			return err
		}
		r.note("with Prefetch(2): peak %s vs %s (ratio %.3f), live %s vs %s (ratio %.3f)",
			mib(pl.Peak), mib(ps.Peak), float64(pl.Peak)/float64(ps.Peak), mib(pl.Live), mib(ps.Live), float64(pl.Live)/float64(ps.Live))
	}
	return nil
}

func mib(b uint64) string { return fmt.Sprintf("%.2f MiB", float64(b)/(1<<20)) }
