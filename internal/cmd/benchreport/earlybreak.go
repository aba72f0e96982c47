package main

import (
	"context"
	"fmt"
	"math"

	"github.com/sessionkit/sessions/internal/bench"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

func earlyBreak(ctx context.Context, _ config, r *report) error {
	const items = 1000
	arn := bench.StageARN(0)
	srv := fakeaws.New(fakeaws.WithStage(arn, fakeaws.GenStageSessions(items, 1)))
	defer srv.Close()
	c := srv.StageClient()
	requests := func() int64 { return srv.Requests(fakeaws.OpListStageSessions) }
	worst, runs := math.MinInt, 0
	var worstAt string
	for _, pageSize := range []int{1, 7, 50, 100} {
		for _, k := range []int{1, 2, pageSize - 1, pageSize, pageSize + 1, 2*pageSize + 3, 250, items - 1, items} {
			if k < 1 || k > items {
				continue
			}
			for _, maxItems := range []bool{false, true} {
				extra, err := bench.EarlyBreak(ctx, c, requests, arn, pageSize, k, maxItems)
				if err != nil {
					return err
				}
				runs++
				if extra > worst {
					worst, worstAt = extra, fmt.Sprintf("page size %d, k %d, MaxItems %v", pageSize, k, maxItems)
				}
			}
		}
	}
	r.add(atMost("early_break_extra_requests", float64(worst), 0, fmt.Sprintf(
		"max over %d listings through fakeaws: page sizes 1, 7, 50, 100; k from 1 to %d; break and MaxItems(k) (worst: %s)", runs, items, worstAt)))
	return nil
}
