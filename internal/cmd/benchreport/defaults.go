package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/bench"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// defaults lists a whole stage with no options, against a server that
// takes 30 ms a request, as a remote endpoint would: the library asks for
// IVS's largest page (100), the SDK paginator leaves the page size to the
// service (50).
func defaults(ctx context.Context, cfg config, r *report) error {
	const latency = 30 * time.Millisecond
	n := 5_000
	if cfg.quick {
		n = 2_000
	}
	arn := bench.StageARN(0)
	srv := fakeaws.New(fakeaws.WithStage(arn, fakeaws.GenStageSessions(n, 1)), fakeaws.WithLatency(latency))
	defer srv.Close()
	c := srv.StageClient()
	count := func(list func() (bench.Result, error)) (int64, time.Duration, error) {
		srv.ResetStats()
		start := time.Now()
		res, err := list()
		if err == nil && res.Items != n {
			err = fmt.Errorf("listed %d sessions, want %d", res.Items, n)
		}
		return srv.Requests(fakeaws.OpListStageSessions), time.Since(start), err
	}
	libReq, libWall, err := count(func() (bench.Result, error) { return bench.StageLibrary(ctx, c, arn, 0, nil) })
	if err != nil {
		return err
	}
	sdkReq, sdkWall, err := count(func() (bench.Result, error) { return bench.StageSDK(ctx, c, arn, 0, nil) })
	if err != nil {
		return err
	}
	want := (n + 99) / 100
	r.add(figure{name: "default_listing_requests", value: float64(libReq), goal: "= " + strconv.Itoa(want), met: libReq == int64(want), detail: fmt.Sprintf(
		"%d sessions, no options, %v per request: library %d requests in %.2f s; SDK paginator at the service's default page size %d requests in %.2f s (%.2f× the wall time)",
		n, latency, libReq, libWall.Seconds(), sdkReq, sdkWall.Seconds(), sdkWall.Seconds()/libWall.Seconds())})
	return nil
}

// tokens measures what a page costs in listings of 100,000 and 400,000
// one-item pages over memory: the token history must keep the cost per
// page flat however long the listing.
func tokens(ctx context.Context, _ config, r *report) error {
	perPage := func(pages int) (float64, error) {
		best := 0.0
		for range 3 {
			p, err := sessions.StageSessions(onePerPage(pages), sessions.StageQuery{StageARN: bench.StageARN(0)}, sessions.PageSize(1))
			if err != nil {
				return 0, err
			}
			start, got := time.Now(), 0
			for _, err := range p.All(ctx) {
				if err != nil {
					return 0, err
				}
				got++
			}
			if got != pages {
				return 0, fmt.Errorf("listed %d pages, want %d", got, pages)
			}
			if ns := float64(time.Since(start).Nanoseconds()) / float64(pages); best == 0 || ns < best {
				best = ns
			}
		}
		return best, nil
	}
	short, err := perPage(100_000)
	if err != nil {
		return err
	}
	long, err := perPage(400_000)
	if err != nil {
		return err
	}
	r.add(atMost("token_history_growth", long/short, 1.25, fmt.Sprintf(
		"cost per page of a 400,000-page listing over that of a 100,000-page one, one item a page, over memory (fastest runs): %.0f and %.0f ns/page", long, short)))
	return nil
}

// onePerPage is a transport that serves pages of one session, page i at
// token "p<i>", for pages pages.
type onePerPage int

func (n onePerPage) ListStageSessions(_ context.Context, in *ivsrealtime.ListStageSessionsInput, _ ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	i := 0
	if tok := aws.ToString(in.NextToken); tok != "" {
		i, _ = strconv.Atoi(tok[1:])
	}
	out := &ivsrealtime.ListStageSessionsOutput{StageSessions: []ivstypes.StageSessionSummary{{SessionId: aws.String("st-" + strconv.Itoa(i)), StartTime: aws.Time(time.Unix(int64(i), 0))}}}
	if i+1 < int(n) {
		out.NextToken = aws.String("p" + strconv.Itoa(i+1))
	}
	return out, nil
}
