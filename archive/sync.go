package archive

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/stagearn"
)

// SyncOptions tune [Archive.Sync]; the zero value is the default.
type SyncOptions struct {
	// Concurrency is how many stages are listed at once; 0 means
	// [sessions.DefaultConcurrency]. Pacing to the service's quota is the
	// clients' (see [sessions.ClientsFromConfig]).
	Concurrency int
	// OnPage, if set, is called for every page the sync reads (stages and
	// sessions) as it arrives, possibly from several goroutines at once.
	OnPage func(sessions.PageInfo)
}

// SyncResult says what a sync did.
type SyncResult struct {
	Stages   int           // stages whose sessions were listed
	Studios  int           // studios whose streaming sessions were listed
	New      int           // sessions the archive did not hold
	Updated  int           // sessions whose end (or start) time changed
	Requests int           // requests sent: ListStages and ListStageSessions pages
	Elapsed  time.Duration // wall time of the sync
}

// String returns "synced S stages: N new, U updated sessions, R requests
// in T", or "synced S studios: …" for [Archive.SyncStudios].
func (r SyncResult) String() string {
	n, what := r.Stages, "stages"
	if r.Studios > 0 {
		n, what = r.Studios, "studios"
	}
	return fmt.Sprintf("synced %d %s: %d new, %d updated sessions, %d requests in %s",
		n, what, r.New, r.Updated, r.Requests, r.Elapsed.Round(time.Millisecond))
}

// counters are a running sync's totals, added to from every stage's
// goroutine.
type counters struct {
	stages, new, updated, requests atomic.Int64
}

// Sync lists into the archive every stage q selects (those ListStages finds
// in q.Regions that match q.Stages, and q.StageARNs) and every session of
// each, through the transports clients returns, the region of each request
// being the one in its stage's ARN; q.Sessions must be the zero value.
//
// Each page is written in one transaction with the point to resume the
// stage's listing from, so that an interrupted sync (a cancelled ctx, a
// crash) loses at most the page in flight, and the next sync of the same
// stage continues from there. A stage listed to its end once is then read
// only down to what is new: when a page shows the service lists the stage
// most recent first (start times never increase along it), the listing
// stops at the first ended session the archive already holds as ended,
// once it has seen every session the archive holds as active; otherwise
// the stage is listed in full. Syncing twice never duplicates a row:
// sessions are keyed by stage and ID.
//
// Sync returns what it did, also when it fails or is cancelled; the error
// of a listing names its stage and wraps the service's error, and once ctx
// ends, whatever stopped the sync, errors.Is finds ctx.Err() in its error.
func (a *Archive) Sync(ctx context.Context, clients sessions.ClientFactory, q sessions.AccountQuery, opt SyncOptions) (SyncResult, error) {
	start := time.Now()
	var c counters
	res := func() SyncResult {
		return SyncResult{Stages: int(c.stages.Load()), New: int(c.new.Load()), Updated: int(c.updated.Load()), Requests: int(c.requests.Load()), Elapsed: time.Since(start)}
	}
	if a.readOnly {
		return res(), &FileError{Path: a.path, Reason: "was opened read-only", Kind: ErrReadOnly}
	}
	if err := checkSync(clients, q, opt); err != nil {
		return res(), err
	}
	run, err := a.beginRun(ctx, start)
	if err != nil {
		return res(), err
	}
	s := &syncer{a: a, clients: clients, run: run, c: &c, onPage: opt.OnPage}
	arns, err := s.findStages(ctx, q)
	if err == nil {
		err = s.stages(ctx, arns, opt.Concurrency)
	}
	r := res()
	if err == nil {
		err = a.endRun(context.WithoutCancel(ctx), run, r)
	}
	return r, cancelled(ctx, err)
}

// cancelled returns err, wrapping ctx's error as well when ctx ended: the
// driver may report an interrupted statement as an error of its own.
func cancelled(ctx context.Context, err error) error {
	if err == nil || ctx.Err() == nil || errors.Is(err, ctx.Err()) {
		return err
	}
	return fmt.Errorf("%w: %w", ctx.Err(), err)
}

func checkSync(clients sessions.ClientFactory, q sessions.AccountQuery, opt SyncOptions) error {
	// AccountSessions checks a query as Sync needs it, before any request.
	if _, err := sessions.AccountSessions(clients, q); err != nil {
		return err
	}
	if q.Sessions.Status != "" || !q.Sessions.StartedAfter.IsZero() || !q.Sessions.StartedBefore.IsZero() || q.Sessions.Where != nil {
		return &sessions.InputError{Field: "AccountQuery.Sessions", Value: "", Reason: "must be the zero value: an archive keeps every session"}
	}
	if opt.Concurrency < 0 || opt.Concurrency > 1024 {
		return &sessions.InputError{Field: "SyncOptions.Concurrency", Value: strconv.Itoa(opt.Concurrency), Reason: "must be between 1 and 1024, or 0 for the default"}
	}
	return nil
}

// A syncer is one run of Sync.
type syncer struct {
	a       *Archive
	clients sessions.ClientFactory
	run     int64
	c       *counters
	onPage  func(sessions.PageInfo)
}

// page counts a request and passes its facts on.
func (s *syncer) page(info sessions.PageInfo) {
	s.c.requests.Add(1)
	if s.onPage != nil {
		s.onPage(info)
	}
}

// findStages lists the stages of q's regions into the archive, page by
// page, and returns the ARNs to sync: those found, then q.StageARNs.
func (s *syncer) findStages(ctx context.Context, q sessions.AccountQuery) ([]string, error) {
	var arns []string
	for _, region := range q.Regions {
		t, err := s.clients(region)
		if err != nil {
			return nil, err
		}
		p, err := sessions.Stages(t, q.Stages, sessions.OnPage(s.page))
		if err != nil {
			return nil, err
		}
		for pg, err := range p.Pages(ctx) {
			if err != nil {
				return nil, err
			}
			if err := s.a.putStages(context.WithoutCancel(ctx), pg.Items); err != nil {
				return nil, err
			}
			for _, st := range pg.Items {
				arns = append(arns, st.ARN)
			}
		}
	}
	given := make([]sessions.Stage, len(q.StageARNs))
	for i, arn := range q.StageARNs {
		given[i] = sessions.Stage{ARN: arn}
	}
	if err := s.a.knowStages(ctx, given); err != nil {
		return nil, err
	}
	return append(arns, q.StageARNs...), nil
}

// putStages writes stages as ListStages described them.
func (a *Archive) putStages(ctx context.Context, stages []sessions.Stage) error {
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	tx, err := a.w.BeginTx(ctx, nil)
	if err != nil {
		return writeError(a.path, err)
	}
	defer tx.Rollback()
	now := timeText(time.Now())
	for _, st := range stages {
		tags := "{}"
		if len(st.Tags) > 0 {
			b, _ := json.Marshal(st.Tags) // a map of strings always marshals
			tags = string(b)
		}
		var active any
		if st.ActiveSessionID != "" {
			active = st.ActiveSessionID
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO stages (arn, region, name, tags, active_session_id, seen_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (arn) DO UPDATE SET name = excluded.name, tags = excluded.tags, active_session_id = excluded.active_session_id, seen_at = excluded.seen_at`,
			st.ARN, stagearn.Region(st.ARN), st.Name, tags, active, now); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// knowStages adds stages named by ARN alone, keeping what ListStages said
// of those already known.
func (a *Archive) knowStages(ctx context.Context, stages []sessions.Stage) error {
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	now := timeText(time.Now())
	for _, st := range stages {
		if _, err := a.w.ExecContext(ctx, `INSERT INTO stages (arn, region, seen_at) VALUES (?, ?, ?) ON CONFLICT (arn) DO NOTHING`,
			st.ARN, stagearn.Region(st.ARN), now); err != nil {
			return writeError(a.path, err)
		}
	}
	return nil
}

// stages syncs the sessions of arns, up to n at once. The first error
// stops the others; a panic in any of them is raised again here.
func (s *syncer) stages(ctx context.Context, arns []string, n int) error {
	if n == 0 {
		n = sessions.DefaultConcurrency
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan string)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		first    error
		panicked any
	)
	fail := func(err error) {
		once.Do(func() { first = err; cancel() })
	}
	for range min(n, len(arns)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					once.Do(func() { panicked = p; cancel() })
				}
			}()
			for arn := range work {
				if err := s.stage(ctx, arn); err != nil {
					fail(err)
				}
			}
		}()
	}
feed:
	for _, arn := range arns {
		select {
		case work <- arn:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
	if first != nil {
		return first
	}
	return context.Cause(ctx)
}
