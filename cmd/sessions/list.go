package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

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

// run lists, prints and returns the exit status.
func (l *listing[T]) run(ctx context.Context) (code int) {
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
	defer func() { code = w.finish(inv.stderr, code) }()
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
	code = exitFailure
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
