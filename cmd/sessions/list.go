package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/awscli"
)

// A kind describes how one item type is printed.
type kind[T any] struct {
	parentKey string // the member added for the parent when several are listed
	record    func(T) awscli.Map
	parent    func(T) string
}

// A listing is one run of a command: the parents to list and how to build
// a paginator for one of them.
type listing[T any] struct {
	inv     *invocation
	kind    *kind[T]
	parents []string // in the order given
	// filtered tells whether client-side filters are set.
	filtered bool
	// build returns the paginator for a parent; it sends nothing. skip > 0
	// drops that many raw items of the first page (an AWS CLI token).
	build func(parent string, skip int, opts []sessions.Option) (*sessions.Paginator[T], error)
	// connect makes the paginators' transport ready with cfg.
	connect func(cfg aws.Config)
	// single makes the one request of --no-paginate and its kin and
	// returns the response's items and nextToken.
	single func(ctx context.Context) ([]any, string, error)
	// singleMode tells whether the command line asks for that request.
	singleMode bool
	// fanout, if set, builds the fan-out over several parents (see
	// fanout.go); without it, sessions.NewFanout over build does. discover
	// tells that it lists parents it finds, not only those given.
	fanout   func(opts []sessions.Option) (*sessions.Fanout[T], error)
	discover bool
}

// pagingConflict returns the AWS CLI's error for paginator options given
// with a single request.
func pagingConflict(a *args) error {
	var used []string
	for _, n := range []string{"starting-token", "page-size", "max-items"} {
		if a.has(n) {
			used = append(used, "--"+n)
		}
	}
	if len(used) == 0 {
		return nil
	}
	return paramf("Cannot specify --no-paginate along with pagination arguments: %s", strings.Join(used, ", "))
}

// run lists, prints and returns the exit status.
func (l *listing[T]) run(ctx context.Context) int {
	inv := l.inv
	a := &inv.args
	fail := func(err error) int {
		if ctx.Err() != nil {
			fmt.Fprintln(inv.stderr, "\nInterrupted")
			return exitInterrupted
		}
		return reportErr(inv.stderr, err)
	}
	multi := len(l.parents) > 1 || l.discover
	if l.singleMode {
		if err := pagingConflict(a); err != nil {
			return fail(err)
		}
		if multi {
			return fail(paramf("--no-paginate, --next-token and --max-results make one request: pass one --%s", inv.cmd.parentOpt))
		}
	}
	maxItems, capped, err := a.integer("max-items")
	if err != nil {
		return fail(err)
	}
	var common []sessions.Option
	if n, ok, err := a.integer("prefetch"); err != nil {
		return fail(err)
	} else if ok {
		common = append(common, sessions.Prefetch(n))
	}
	concurrency, concurrencySet, err := a.integer("concurrency")
	if err != nil {
		return fail(err)
	} else if concurrencySet && concurrency < 1 {
		return fail(paramf("--concurrency %d: must be at least 1", concurrency))
	}
	prog := &progress{w: inv.stderr, on: inv.env.progress}
	common = append(common, sessions.OnPage(prog.page))

	// botocore's own tokens and paging, exactly, where the AWS CLI's
	// behaviour is defined: one parent, no client-side filter, and the
	// AWS spelling (the short one prints our bound cursors).
	tok := a.str("starting-token")
	awsTok, isAWS := awscli.ParseToken(tok)
	if !isAWS {
		// A service token of its own: botocore sends it as given, and
		// a page cut by --max-items resumes from it.
		awsTok = awscli.Token{Next: tok}
	}
	botoPaging := !l.singleMode && !multi && !l.filtered && inv.aws && !strings.HasPrefix(tok, "sessions.")
	var ps []*sessions.Paginator[T]
	var fo *sessions.Fanout[T]
	if !l.singleMode {
		switch {
		case botoPaging:
			opts := common
			next := tok
			if isAWS {
				next = awsTok.Next
			}
			if next != "" {
				opts = append(opts, sessions.StartingToken(next))
			}
			p, err := l.build(l.parents[0], 0, opts)
			if err != nil {
				return fail(libraryInputError(err))
			}
			ps = append(ps, p)
		case multi:
			if fo, err = l.newFanout(tok, common, capped, maxItems, concurrency, concurrencySet); err != nil {
				return fail(fanoutParamError(err))
			}
		default:
			if capped && maxItems < 1 {
				return fail(paramf("--max-items %d: must be at least 1 with %s", maxItems, map[bool]string{true: "client-side filters or several parents", false: "this spelling"}[l.filtered || len(l.parents) > 1]))
			}
			opts := common
			if capped {
				opts = append(opts, sessions.MaxItems(maxItems))
			}
			t, skip := tok, 0
			if at, ok := awscli.ParseToken(t); ok {
				t, skip = at.Next, at.Skip
			}
			if t != "" {
				opts = append(opts, sessions.StartingToken(t))
			}
			p, err := l.build(l.parents[0], skip, opts)
			if err != nil {
				return fail(libraryInputError(err))
			}
			ps = append(ps, p)
		}
	}

	// Interrupted while loading the configuration (credentials providers
	// honour ctx), fail says so: it is not a configuration error.
	cfg, err := inv.conn.config(ctx, inv.env)
	if err != nil {
		return fail(err)
	}
	l.connect(cfg)

	var queryErr error
	w := newSyncWriter(inv.stdout, inv.out.format)
	w.failed = &queryErr
	defer w.Flush()
	sc := sinkConfig{w: w, shape: &inv.cmd.shape, out: &inv.out, single: l.singleMode, mayResume: capped, failed: &queryErr, columns: inv.cmd.columns, parents: l.parents}
	out := formats[inv.out.format](sc)
	queryFailed := func() int {
		w.discard()
		w.failed = nil
		w.Flush()
		fmt.Fprintf(inv.stderr, "\n%s\n", queryErr)
		return exitFailure
	}

	var errs []error
	resume := ""
	switch {
	case l.singleMode:
		items, next, err := l.single(ctx)
		if err != nil {
			return fail(err)
		}
		out.page(items, next)
		out.end("")
		if queryErr != nil {
			return queryFailed()
		}
		w.release()
		return exitOK
	case multi:
		resume, errs = l.fanOut(ctx, fo, out, w)
	case botoPaging:
		resume, err = l.botoPages(ctx, ps[0], awsTok, capped, maxItems, out, w)
		if err != nil {
			errs = append(errs, err)
		}
	default:
		for pg, err := range ps[0].Pages(ctx) {
			if err != nil {
				errs = append(errs, err)
				break
			}
			out.page(l.records(pg.Items, false), pg.NextToken)
			w.Flush()
		}
		resume = ps[0].Cursor()
	}
	prog.done()

	if len(errs) == 0 && ctx.Err() == nil {
		out.end(resume)
		if queryErr != nil {
			return queryFailed()
		}
		w.release()
		return exitOK
	}
	w.discard()
	w.Flush()
	code := exitFailure
	if ctx.Err() != nil {
		code = exitInterrupted
		fmt.Fprintln(inv.stderr, "\nInterrupted")
	}
	for _, err := range errs {
		if !errors.Is(err, context.Canceled) {
			fmt.Fprintf(inv.stderr, "\n%s\n", describe(err))
			if c := exitCode(err); code != exitInterrupted {
				code = c
			}
		}
	}
	if resume != "" && w.wrote {
		// Only a streamed format printed sessions before the failure.
		fmt.Fprintf(inv.stderr, "To continue after the sessions printed, pass --starting-token %s\n", resume)
	}
	return code
}

// records turns items into the AWS CLI's objects; with withParent each
// starts with its parent.
func (l *listing[T]) records(items []T, withParent bool) []any {
	out := make([]any, len(items))
	for i, v := range items {
		r := l.kind.record(v)
		if withParent {
			r = append(awscli.Map{{Key: l.kind.parentKey, Value: l.kind.parent(v)}}, r...)
		}
		out[i] = r
	}
	return out
}

// botoPages pages as botocore's PageIterator does for the AWS CLI:
// --max-items cuts a page and the resume token records the page's request
// token and how many of its items were printed; a starting token's count
// drops as many items of the first page.
func (l *listing[T]) botoPages(ctx context.Context, p *sessions.Paginator[T], from awscli.Token, capped bool, max int, out sink, w *syncWriter) (string, error) {
	reqTok := from.Next
	total := 0
	first := true
	for pg, err := range p.Pages(ctx) {
		if err != nil {
			tok := awscli.Token{Next: reqTok}
			if first && from.HasSkip {
				tok.Skip, tok.HasSkip = from.Skip, true
			}
			return tok.String(), err
		}
		items := pg.Items
		startSkip := 0
		if first {
			startSkip = min(max0(from.Skip), len(items))
			items = items[startSkip:]
		}
		first = false
		if capped && total+len(items) > max {
			keep := max - total
			cut := keep
			if cut < 0 {
				cut = max0(len(items) + keep) // Python's negative slice end
			}
			out.page(l.records(items[:cut], false), pg.NextToken)
			return awscli.Token{Next: reqTok, Skip: keep + startSkip, HasSkip: true}.String(), nil
		}
		out.page(l.records(items, false), pg.NextToken)
		w.Flush()
		total += len(items)
		if pg.NextToken == "" {
			return "", nil
		}
		if capped && total == max {
			return awscli.Token{Next: pg.NextToken}.String(), nil
		}
		reqTok = pg.NextToken
	}
	return "", nil
}

func max0(n int) int { return max(n, 0) }

// parentsOf returns the parents a command line names: for the AWS CLI's
// single request the last one given, as the AWS CLI takes it; otherwise
// each once, in the order given.
func parentsOf(vals []string, single bool) []string {
	if single && len(vals) > 0 {
		return vals[len(vals)-1:]
	}
	var out []string
	for _, v := range vals {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// startFlusher calls flush every d until the returned function is called;
// that function waits for the goroutine to end.
func startFlusher(flush func(), d time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				flush()
			case <-done:
				return
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// progress draws "N pages, M sessions" on stderr while a listing runs, if
// stderr is a terminal. OnPage hooks call page from the goroutines that
// range over the paginators, hence the lock.
type progress struct {
	w       io.Writer
	on      bool
	mu      sync.Mutex
	pages   int
	items   int
	last    time.Time
	visible bool
}

func (p *progress) page(info sessions.PageInfo) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pages++
	p.items += info.Kept
	if p.pages < 2 || time.Since(p.last) < 100*time.Millisecond {
		return // a short listing draws nothing
	}
	p.last = time.Now()
	p.visible = true
	fmt.Fprintf(p.w, "\r\033[K%d pages, %d sessions…", p.pages, p.items)
}

// done erases the progress line.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.visible {
		fmt.Fprint(p.w, "\r\033[K")
		p.visible = false
	}
}
