package sessions

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/smithy-go"
)

// A reader is one range over a paginator: All, Pages, or a source of Merge.
// Its page source is direct (each page fetched on the ranging goroutine
// when it is needed) or, under Prefetch, a prefetcher started with the
// first page the range needs. Either way a page comes with the token
// history updated and its loop flag set. The reader decides when to move
// from page to page; the moves themselves are position.go's.
type reader[T any] struct {
	p   *Paginator[T]
	ctx context.Context
	pf  *prefetcher[T] // nil without Prefetch or before the first page
}

// begin starts a range, or returns ErrConcurrentRange if one is in progress.
func (p *Paginator[T]) begin(ctx context.Context) (*reader[T], error) {
	// Page 0: the other range owns the request count.
	busy := func() *ListError { return p.listError(0, ErrConcurrentRange) }
	if err := p.guard.begin(ctx, busy); err != nil {
		return nil, err
	}
	return &reader[T]{p: p, ctx: ctx}, nil
}

// close ends the range: it stops the prefetcher, if any, and lets another
// range begin.
func (r *reader[T]) close() {
	if r.pf != nil {
		r.pf.stop()
	}
	r.p.guard.end()
}

// nextPage leaves the page in hand, which the range has read to its end,
// and takes the next one. It returns false when nothing is left to hand out
// (the listing ended or MaxItems is reached), with an error if a request
// failed or the service repeated a token.
func (r *reader[T]) nextPage() (bool, error) {
	p := r.p
	if p.leavePage() {
		return false, nil // stopped by MaxItems inside the page
	}
	switch {
	case p.state == finished || p.quota.reached():
		return false, nil
	case p.state == looped:
		return false, p.listError(p.page.number, ErrTokenLoop)
	}
	pg, err := r.fetchNext()
	if err != nil {
		return false, p.failed(err)
	}
	r.take(pg)
	return true, nil
}

// failed returns the error of a page request, a *ListError. The position
// is unchanged, so that ranging again retries the request; but a stage of
// an account listing that no longer exists has no sessions left: its
// listing is finished, and the error says so once.
func (p *Paginator[T]) failed(err error) error {
	var le *ListError
	var api smithy.APIError
	if !p.set.deletedEnds || !errors.As(err, &le) || !errors.As(le.Err, &api) || api.ErrorCode() != "ResourceNotFoundException" {
		return err
	}
	p.finish()
	return &ListError{Op: le.Op, Parent: le.Parent, Page: le.Page, Err: fmt.Errorf("%w: %w", ErrStageDeleted, le.Err)}
}

// fetchNext returns the page that follows the page in hand, or a
// *ListError with the position unchanged.
func (r *reader[T]) fetchNext() (*page[T], error) {
	p := r.p
	if p.set.prefetch > 0 {
		if r.pf == nil {
			r.pf = p.startPrefetch(r.ctx)
		}
		return r.pf.next(r.ctx)
	}
	if err := r.ctx.Err(); err != nil {
		// Stop at once, even with a transport that does not check ctx.
		return nil, p.listError(p.requests+1, err)
	}
	pg := p.free // the last page read, unless Pages gave its items away
	if pg == nil {
		pg = new(page[T])
	}
	p.free = nil
	p.requests++
	return p.fetchPage(r.ctx, p.start.token, pg, p.requests, p.start.closesLoop)
}

// take applies the filters to pg, finds its first unread item, calls the
// OnPage hook and makes it the page in hand. If a filter or the hook
// panics, the page is given back as never read.
func (r *reader[T]) take(pg *page[T]) {
	p := r.p
	taken := false
	defer func() {
		if !taken { // a page never read is not part of the listing
			if r.pf != nil {
				r.pf.held = pg // forgotten once the goroutine has stopped
			} else {
				p.forget(pg)
			}
		}
	}()
	if p.keep != nil {
		for i := range pg.items {
			if !p.keep(&pg.items[i]) {
				pg.kept = p.keptExcept(pg, i)
				break
			}
		}
	}
	pg.from = p.firstUnread(pg)
	if r.pf != nil {
		r.pf.taken(pg)
	}
	if p.set.onPage != nil {
		p.set.onPage(PageInfo{Parent: p.bind.parent, Number: pg.number, Fetched: len(pg.items), Kept: pg.len(), Latency: pg.latency, More: pg.next != ""})
	}
	p.enter(pg)
	taken = true
}
