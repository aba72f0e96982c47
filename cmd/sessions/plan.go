package main

import (
	"context"
	"slices"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/awscli"
)

// A lister runs one planned listing: the AWS CLI's single request
// (listsingle.go), botocore's paging (botopaging.go), a cursor listing
// (cursorLister) or a fan-out over several parents (fanout.go).
type lister interface {
	// list hands the listing's sessions to o.sink, flushing o.w after each
	// page, and returns the NextToken that continues the listing ("" at
	// its end) and the errors met: a failed parent of a fan-out does not
	// stop the others.
	list(ctx context.Context, o *output) (resume string, errs []error)
}

// A batch is sessions as the sinks receive them: typed, of one of the two
// kinds.
type batch struct {
	stage  []sessions.StageSession
	studio []sessions.StreamingSession
	// withParent: each record starts with its parent, as when several
	// parents are listed.
	withParent bool
}

func stageBatch(s []sessions.StageSession, withParent bool) batch {
	return batch{stage: s, withParent: withParent}
}

func studioBatch(s []sessions.StreamingSession, withParent bool) batch {
	return batch{studio: s, withParent: withParent}
}

// records returns the batch as the AWS CLI's objects, their times
// formatted by stamp.
func (b batch) records(stamp func(time.Time) string) []any {
	out := make([]any, 0, len(b.stage)+len(b.studio))
	for _, s := range b.stage {
		r := stageRecord(s, stamp)
		if b.withParent {
			r = append(awscli.Map{{Key: "stageArn", Value: s.StageARN}}, r...)
		}
		out = append(out, r)
	}
	for i := range b.studio {
		r := studioRecord(&b.studio[i], stamp)
		if b.withParent {
			r = append(awscli.Map{{Key: "studioId", Value: b.studio[i].StudioID}}, r...)
		}
		out = append(out, r)
	}
	return out
}

// pages is what the planner needs of a command to list every page.
type pages[T any] struct {
	// build returns the paginator of one parent; it sends nothing. skip > 0
	// drops that many raw items of its first page (an AWS CLI token's
	// count).
	build func(parent string, skip int, opts []sessions.Option) (*sessions.Paginator[T], error)
	// fanout, if set, builds the fan-out over several parents; without it,
	// sessions.NewFanout over build does.
	fanout func(opts []sessions.Option) (*sessions.Fanout[T], error)
	batch  func(items []T, withParent bool) batch
}

// planPages chooses how to list every page of the parents of r: a fan-out
// over several parents; botocore's own tokens and paging, exactly, where
// the AWS CLI's behaviour is defined (one parent, no client-side filter,
// the AWS spelling, no cursor of ours); else a cursor listing. common are
// the options of every paginator.
func planPages[T any](r *request, p pages[T], common []sessions.Option) (lister, error) {
	switch {
	case r.multi():
		opts := slices.Clone(common)
		if r.capped {
			opts = append(opts, sessions.MaxItems(r.maxItems))
		}
		if r.token.raw != "" {
			opts = append(opts, sessions.StartingToken(r.token.raw))
		}
		if r.concurrency > 0 {
			opts = append(opts, sessions.Concurrency(r.concurrency))
		}
		if !r.out.format.streamed {
			opts = append(opts, sessions.Ordered())
			if !r.capped {
				opts = append(opts, readAhead(r.concurrency > 0, r.prefetch > 0)...)
			}
		}
		build := p.fanout
		if build == nil {
			build = func(opts []sessions.Option) (*sessions.Fanout[T], error) {
				return sessions.NewFanout(r.parents, func(parent string, opts ...sessions.Option) (*sessions.Paginator[T], error) {
					return p.build(parent, 0, opts)
				}, opts...)
			}
		}
		fo, err := build(opts)
		if err != nil {
			return nil, inputError(err)
		}
		return &fanoutLister[T]{fo: fo, batch: p.batch}, nil
	case r.aws && !r.filtered && !r.token.cursor:
		opts := common
		if next := r.token.boto.Next; next != "" {
			opts = append(opts, sessions.StartingToken(next))
		}
		pg, err := p.build(r.parents[0], 0, opts)
		if err != nil {
			return nil, inputError(err)
		}
		return &botoLister[T]{p: pg, from: r.token.boto, capped: r.capped, max: r.maxItems, batch: p.batch}, nil
	}
	return planCursor(r, p, common)
}

// planCursor plans the listing of one parent that prints our cursor.
func planCursor[T any](r *request, p pages[T], common []sessions.Option) (lister, error) {
	if r.capped && r.maxItems < 1 {
		with := "this spelling"
		if r.filtered {
			with = "client-side filters or several parents"
		}
		return nil, paramf("--max-items %d: must be at least 1 with %s", r.maxItems, with)
	}
	opts := common
	if r.capped {
		opts = append(opts, sessions.MaxItems(r.maxItems))
	}
	tok, skip := r.token.raw, 0
	if r.token.isBoto {
		tok, skip = r.token.boto.Next, r.token.boto.Skip
	}
	if tok != "" {
		opts = append(opts, sessions.StartingToken(tok))
	}
	pg, err := p.build(r.parents[0], skip, opts)
	if err != nil {
		return nil, inputError(err)
	}
	return &cursorLister[T]{p: pg, batch: p.batch}, nil
}

// A cursorLister lists every page of one paginator; the NextToken is its
// cursor.
type cursorLister[T any] struct {
	p     *sessions.Paginator[T]
	batch func([]T, bool) batch
}

func (l *cursorLister[T]) list(ctx context.Context, o *output) (string, []error) {
	for pg, err := range l.p.Pages(ctx) {
		if err != nil {
			return l.p.Cursor(), []error{err}
		}
		o.sink.page(l.batch(pg.Items, false), pg.NextToken)
		o.w.Flush()
	}
	return l.p.Cursor(), nil
}
