package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/sessionkit/sessions/internal/bench"
)

var quotaRate = flag.Float64("quota-rate", 50, "the quota section's server rate, requests a second per region and operation (IVS's is 5; the default scales it by 10 to keep the section short)")

// quota measures listings with the library's defaults against an endpoint
// that enforces IVS's quota (a token bucket per region and operation),
// scaled by -quota-rate/5 in rate and in the clients' pacing, 30 ms a
// request scaled alike: the wall time against the quota's least time
// (ideal: each region's requests ÷ the rate, regions at the same time),
// the share of requests throttled, and sessions lost or repeated.
func quota(ctx context.Context, cfg config, r *report) error {
	scale := *quotaRate / 5
	latency := time.Duration(float64(30*time.Millisecond) / scale)
	runs := []struct {
		name string
		run  bench.QuotaRun
		goal float64
		what string
	}{
		{"quota_account_burst5", bench.QuotaRun{Burst: 5, Regions: 3, Stages: 40}, 1.1, "AccountSessions, 3 regions × 40 stages, server burst 5"},
		{"quota_account_burst1", bench.QuotaRun{Burst: 1, Regions: 3, Stages: 40}, 1.1, "AccountSessions, 3 regions × 40 stages, server burst 1"},
		{"quota_stage_10000", bench.QuotaRun{Burst: 5, Sessions: 10000}, 1.1, "StageSessions, one stage of 10,000 sessions, server burst 5"},
		{"quota_account_rival", bench.QuotaRun{Burst: 5, Regions: 3, Stages: 40, Rival: 2 * scale}, 1.2, "AccountSessions, 3 regions × 40 stages, burst 5, another client taking 2 of the 5 requests/s (scaled) in every region; ideal at the remaining rate"},
	}
	for i, c := range runs {
		c.run.Rate, c.run.Latency, c.run.Prefix = *quotaRate, latency, fmt.Sprintf("b%d", i)
		res, err := c.run.Run(ctx)
		if err != nil {
			return err
		}
		r.add(atMost(c.name, res.Ratio(), c.goal, fmt.Sprintf("%s; quota %.0f/s (IVS's 5/s × %.0f), %v a request: wall %.2f s, ideal %.2f s; %d sessions, %d lost, %d repeated, %d errors; %d of %d requests throttled (%.1f %%)",
			c.what, *quotaRate, scale, latency, res.Wall.Seconds(), res.Ideal.Seconds(), res.Sessions, res.Lost, res.Dup, res.Errors, res.Throttled, res.Requests, 100*res.ThrottledShare())))
		if c.run.Rival == 0 {
			r.add(atMost(c.name+"_throttled", 100*res.ThrottledShare(), 1, "percent of the requests of "+c.name+" throttled"))
		}
		if res.Lost+res.Dup+res.Errors > 0 {
			r.add(atMost(c.name+"_lost", float64(res.Lost+res.Dup+res.Errors), 0, "sessions lost or repeated and errors yielded by "+c.name))
		}
	}
	return nil
}
