package bench

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
	"github.com/sessionkit/sessions/internal/fakesvc"
)

// A QuotaRun is one listing against an endpoint with IVS's quota, scaled
// by Rate/5: the server allows Rate requests a second for each signed
// region and operation, and the clients pace themselves as far under it as
// sessions.DefaultMaxRate is under 5.
type QuotaRun struct {
	Rate    float64       // the server's quota, requests a second (5 for IVS's)
	Burst   int           // the server's burst
	Latency time.Duration // of every response
	// Regions × Stages stages of 0 to 300 sessions (150 on average), or,
	// with Sessions > 0, one stage of Sessions sessions in one region.
	Regions, Stages, Sessions int
	// Rival, if > 0, is another client of the same account that sends
	// ListStageSessions requests at this rate in every region for the
	// whole run, unpaced, as another program would.
	Rival float64
	// Prefix makes the region names of this run its own, so that no
	// earlier run's pacing state (a bucket slowed down by throttling)
	// carries over: the buckets are shared by the whole process.
	Prefix string
}

// QuotaResult is what a QuotaRun measured.
type QuotaResult struct {
	Wall      time.Duration
	Ideal     time.Duration // the slowest region's requests ÷ the rate left to the listing
	Sessions  int           // delivered
	Lost, Dup int           // sessions missing, and delivered more than once
	Requests  int           // the listing's ListStageSessions and ListStages requests, throttled ones included
	Throttled int           // of those
	Errors    int           // errors the listing yielded
}

// Ratio is Wall ÷ Ideal.
func (r QuotaResult) Ratio() float64 { return r.Wall.Seconds() / r.Ideal.Seconds() }

// ThrottledShare is the share of the listing's requests that were throttled.
func (r QuotaResult) ThrottledShare() float64 {
	return float64(r.Throttled) / float64(max(1, r.Requests))
}

func (q QuotaRun) regions() []string {
	n := max(1, q.Regions)
	if q.Sessions > 0 {
		n = 1
	}
	rs := make([]string, n)
	for i := range rs {
		rs[i] = fmt.Sprintf("%sq-%d", q.Prefix, i+1)
	}
	return rs
}

func (q QuotaRun) data() ([]fakeaws.Stage, map[string]bool) {
	var stages []fakeaws.Stage
	want := map[string]bool{}
	add := func(arn string, n int, seed uint64) {
		data := fakeaws.GenStageSessions(n, seed)
		for _, s := range data.Items() {
			want[arn+" "+s.SessionID] = true
		}
		stages = append(stages, fakeaws.Stage{ARN: arn, Sessions: data})
	}
	for ri, r := range q.regions() {
		if q.Sessions > 0 {
			add(fmt.Sprintf("arn:aws:ivs:%s:111122223333:stage/big", r), q.Sessions, 1)
			continue
		}
		for i := range q.Stages {
			add(fmt.Sprintf("arn:aws:ivs:%s:111122223333:stage/quota-%04d", r, i), ((ri*q.Stages+i)*157)%301, uint64(ri*1000+i))
		}
	}
	return stages, want
}

// Run lists the sessions with the library's defaults (pacing aside): every
// stage of every region with [sessions.AccountSessions], or the one stage
// with [sessions.StageSessions].
func (q QuotaRun) Run(ctx context.Context) (QuotaResult, error) {
	stages, want := q.data()
	const rival = "arn:aws:ivs:%s:111122223333:stage/rival"
	srv := fakeaws.New(fakeaws.WithStages(stages...), fakeaws.WithQuota(q.Rate, q.Burst), fakeaws.WithLatency(q.Latency), fakeaws.WithRequestLog(1<<20))
	defer srv.Close()
	cfg := aws.Config{Region: q.regions()[0], BaseEndpoint: aws.String(srv.URL), Credentials: fakeaws.Credentials(), HTTPClient: srv.HTTPClient()}
	var pace []func(*ivsrealtime.Options)
	if q.Rate != fakesvc.QuotaRate {
		pace = append(pace, sessions.ClientMaxRate(q.Rate*sessions.DefaultMaxRate/fakesvc.QuotaRate))
	}
	clients := sessions.ClientsFromConfig(cfg, pace...)

	rctx, stopRival := context.WithCancel(ctx)
	defer stopRival()
	var wg sync.WaitGroup
	defer wg.Wait()
	if q.Rival > 0 {
		for _, r := range q.regions() {
			wg.Add(1)
			go func() {
				defer wg.Done()
				runRival(rctx, cfg, r, fmt.Sprintf(rival, r), q.Rival)
			}()
		}
	}
	var res QuotaResult
	got := map[string]int{}
	start := time.Now()
	var seq func(yield func(sessions.StageSession, error) bool)
	if q.Sessions > 0 {
		t, _ := clients(q.regions()[0])
		p, err := sessions.StageSessions(t, sessions.StageQuery{StageARN: stages[0].ARN})
		if err != nil {
			return res, err
		}
		seq = p.All(ctx)
	} else {
		fo, err := sessions.AccountSessions(clients, sessions.AccountQuery{Regions: q.regions()})
		if err != nil {
			return res, err
		}
		seq = fo.All(ctx)
	}
	for s, err := range seq {
		if err != nil {
			res.Errors++
			continue
		}
		got[s.StageARN+" "+s.ID]++
	}
	res.Wall = time.Since(start)
	stopRival()
	wg.Wait()
	for k, n := range got {
		res.Sessions += n
		if !want[k] {
			return res, fmt.Errorf("a session that does not exist: %s", k)
		}
		res.Dup += n - 1
	}
	res.Lost = len(want) - len(got)
	perRegion := map[string]int{}
	for _, r := range srv.Log() {
		if r.Parent == fmt.Sprintf(rival, r.Region) {
			continue
		}
		res.Requests++
		if r.Status == 429 {
			res.Throttled++
		} else if r.Op == fakeaws.OpListStageSessions {
			perRegion[r.Region]++
		}
	}
	most := slices.Max(append(slices.Collect(mapValues(perRegion)), 0))
	res.Ideal = time.Duration(float64(most) / (q.Rate - q.Rival) * float64(time.Second))
	return res, nil
}

func mapValues(m map[string]int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

// runRival sends ListStageSessions for arn at rate until ctx ends, from an
// unpaced client that does not retry, as another program of the account.
func runRival(ctx context.Context, cfg aws.Config, region, arn string, rate float64) {
	c := ivsrealtime.NewFromConfig(cfg, sessions.ClientMaxRate(0), func(o *ivsrealtime.Options) {
		o.Region, o.RetryMaxAttempts = region, 1
	})
	t := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			c.ListStageSessions(ctx, &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arn)})
		}
	}
}
