// Package bench is the measuring harness shared by the root package's
// benchmarks and the benchreport command: the same listing loops written
// with the SDK's paginators and with the library, an allocation-free
// in-memory transport, early-break request counting, peak-heap sampling and
// interleaved timing.
//
// Every loop touches each item (it adds the length of the session ID to
// [Result.IDBytes]) and converts nothing, so the SDK loops measure only what
// the SDK does and the library loops only what the library adds to it.
package bench

//lint:file-ignore SA1019 Nimble Studio is shut down and its final SDK release marks every API deprecated; benchmarking the library's support for it is the point.

import (
	"context"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/nimble"

	"github.com/sessionkit/sessions"
)

// StageARN returns the ARN of the i-th benchmark stage.
func StageARN(i int) string {
	return fmt.Sprintf("arn:aws:ivs:us-west-2:111122223333:stage/bench-%04d", i)
}

// StudioID is the studio the benchmarks list.
const StudioID = "studio-bench"

// Result is what a listing loop saw.
type Result struct {
	Items   int // items seen
	IDBytes int // total length of their session IDs, so no loop can skip its items
}

func (r *Result) add(id string) {
	r.Items++
	r.IDBytes += len(id)
}

// Plus returns the sum of r and o.
func (r Result) Plus(o Result) Result {
	return Result{Items: r.Items + o.Items, IDBytes: r.IDBytes + o.IDBytes}
}

// StageSDK lists the stage arn with the SDK's own paginator, pageSize items
// a page (0 leaves maxResults out), calling work (if not nil) once for every
// page, right after it arrives and before its items are read.
func StageSDK(ctx context.Context, c ivsrealtime.ListStageSessionsAPIClient, arn string, pageSize int, work func()) (Result, error) {
	in := &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arn)}
	if pageSize > 0 {
		in.MaxResults = aws.Int32(int32(pageSize))
	}
	p := ivsrealtime.NewListStageSessionsPaginator(c, in)
	var r Result
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return r, err
		}
		if work != nil {
			work()
		}
		for i := range out.StageSessions {
			r.add(aws.ToString(out.StageSessions[i].SessionId))
		}
	}
	return r, nil
}

// StageLibrary lists the stage arn with [sessions.StageSessions] and
// [sessions.Paginator.All], pageSize items a page (0 leaves the option out)
// and the extra options opts. It calls work (if not nil) before the first
// item of every page, which it recognises by counting items, so work needs
// pageSize > 0 and every page but the last to be full, as they are on the
// fake server.
func StageLibrary(ctx context.Context, t sessions.StageTransport, arn string, pageSize int, work func(), opts ...sessions.Option) (Result, error) {
	if work != nil && pageSize < 1 {
		return Result{}, fmt.Errorf("bench: per-page work needs a page size")
	}
	if pageSize > 0 {
		opts = append([]sessions.Option{sessions.PageSize(pageSize)}, opts...)
	}
	p, err := sessions.StageSessions(t, sessions.StageQuery{StageARN: arn}, opts...)
	if err != nil {
		return Result{}, err
	}
	var r Result
	for s, err := range p.All(ctx) {
		if err != nil {
			return r, err
		}
		if work != nil && r.Items%pageSize == 0 {
			work()
		}
		r.add(s.ID)
	}
	return r, nil
}

// StudioSDK lists the studio id with the SDK's own paginator.
func StudioSDK(ctx context.Context, c nimble.ListStreamingSessionsAPIClient, id string) (Result, error) {
	p := nimble.NewListStreamingSessionsPaginator(c, &nimble.ListStreamingSessionsInput{StudioId: aws.String(id)})
	var r Result
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return r, err
		}
		for i := range out.Sessions {
			r.add(aws.ToString(out.Sessions[i].SessionId))
		}
	}
	return r, nil
}

// StudioLibrary lists the studio id with [sessions.StreamingSessions] and
// [sessions.Paginator.All].
func StudioLibrary(ctx context.Context, t sessions.StudioTransport, id string, opts ...sessions.Option) (Result, error) {
	p, err := sessions.StreamingSessions(t, sessions.StudioQuery{StudioID: id}, opts...)
	if err != nil {
		return Result{}, err
	}
	var r Result
	for s, err := range p.All(ctx) {
		if err != nil {
			return r, err
		}
		r.add(s.ID)
	}
	return r, nil
}

// SequentialSDK lists the stages arns one after the other with the SDK's
// paginator: the baseline for [MergeLibrary].
func SequentialSDK(ctx context.Context, c ivsrealtime.ListStageSessionsAPIClient, arns []string, pageSize int) (Result, error) {
	var total Result
	for _, arn := range arns {
		r, err := StageSDK(ctx, c, arn, pageSize, nil)
		total = total.Plus(r)
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// MergeLibrary lists the stages arns with [sessions.Merge], limit at a time.
// It stops at the first error.
func MergeLibrary(ctx context.Context, t sessions.StageTransport, arns []string, pageSize, limit int) (Result, error) {
	ps := make([]*sessions.Paginator[sessions.StageSession], len(arns))
	for i, arn := range arns {
		var opts []sessions.Option
		if pageSize > 0 {
			opts = append(opts, sessions.PageSize(pageSize))
		}
		p, err := sessions.StageSessions(t, sessions.StageQuery{StageARN: arn}, opts...)
		if err != nil {
			return Result{}, err
		}
		ps[i] = p
	}
	var r Result
	for s, err := range sessions.Merge(ctx, limit, ps...) {
		if err != nil {
			return r, err
		}
		r.add(s.ID)
	}
	return r, nil
}

// StageSDKPrefetch is [StageSDK] with the SDK paginator running on a
// goroutine of its own, ahead of the caller by up to ahead pages: the
// hand-written equivalent of [sessions.Prefetch], as a reference for what
// overlapping can gain on this machine.
func StageSDKPrefetch(ctx context.Context, c ivsrealtime.ListStageSessionsAPIClient, arn string, pageSize, ahead int, work func()) (Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type page struct {
		out *ivsrealtime.ListStageSessionsOutput
		err error
	}
	pages := make(chan page, ahead-1)
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(pages)
		in := &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arn), MaxResults: aws.Int32(int32(pageSize))}
		p := ivsrealtime.NewListStageSessionsPaginator(c, in)
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			select {
			case pages <- page{out, err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	var r Result
	for pg := range pages {
		if pg.err != nil {
			return r, pg.err
		}
		if work != nil {
			work()
		}
		for i := range pg.out.StageSessions {
			r.add(aws.ToString(pg.out.StageSessions[i].SessionId))
		}
	}
	return r, nil
}

// ConcurrentSDK lists the stages arns with the SDK's paginator, limit
// stages at a time on as many goroutines: the hand-written equivalent of
// [MergeLibrary], as a reference for what concurrency can gain on this
// machine.
func ConcurrentSDK(ctx context.Context, c ivsrealtime.ListStageSessionsAPIClient, arns []string, pageSize, limit int) (Result, error) {
	var (
		mu    sync.Mutex
		total Result
		first error
		wg    sync.WaitGroup
	)
	slots := make(chan struct{}, limit)
	for _, arn := range arns {
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			r, err := StageSDK(ctx, c, arn, pageSize, nil)
			mu.Lock()
			defer mu.Unlock()
			total = total.Plus(r)
			if err != nil && first == nil {
				first = err
			}
		}()
	}
	wg.Wait()
	return total, first
}
