package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sessionkit/sessions/internal/bench"
)

// archiveSection measures "sessions sync" and "sessions report" through
// package archive: a sync of 10,000 and 100,000 sessions of 100 stages
// from a local endpoint with no quota (the rate into the database, per
// second of wall and of CPU, the endpoint's included; the live heap at
// both sizes; the requests of a second sync with nothing new), and a
// report over 1,000,000 archived sessions (100,000 with -quick).
func archiveSection(ctx context.Context, cfg config, r *report) error {
	dir, err := os.MkdirTemp("", "benchreport-archive")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	small, big, reportN := 10000, 100000, 1000000
	if cfg.quick {
		big, reportN = 50000, 100000
	}
	var heaps [2]uint64
	for i, n := range []int{small, big} {
		res, err := bench.ArchiveSync(ctx, filepath.Join(dir, fmt.Sprintf("sync%d.db", n)), n, 100)
		if err != nil {
			return err
		}
		heaps[i] = res.LiveHeap
		if n != big {
			continue
		}
		r.add(atLeast("archive_sync_rate", float64(n)/res.First.Elapsed.Seconds(), 50000, fmt.Sprintf("sessions/s into a new archive, %d sessions of 100 stages, local endpoint, no quota: %v (%.0f sessions per CPU second, endpoint included; the machine is shared)", n, res.First, float64(n)/res.CPU.Seconds())))
		r.add(atMost("archive_sync_again_requests", float64(res.Again.Requests-1)/float64(res.Again.Stages), 1, "ListStageSessions requests per stage of a second sync with nothing new: "+res.Again.String()))
	}
	r.add(atMost("archive_sync_memory", float64(heaps[1])/float64(max(heaps[0], 1)), 1.2, fmt.Sprintf("live heap of a sync of %d sessions over that of %d (%.2f MB over %.2f MB above the endpoint's data)", big, small, float64(heaps[1])/(1<<20), float64(heaps[0])/(1<<20))))
	path := filepath.Join(dir, "report.db")
	if err := bench.FillArchive(ctx, path, reportN, 1000); err != nil {
		return err
	}
	s, n, err := bench.ArchiveReport(ctx, path)
	if err != nil {
		return err
	}
	r.add(atMost("archive_report", s.Wall.Seconds(), 1, fmt.Sprintf("seconds for sessions report over %d archived sessions of 1,000 stages (%.2f s of CPU)", n, s.CPU.Seconds())))
	return nil
}
