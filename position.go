package sessions

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/aws/smithy-go"
)

// A reader is one range over a paginator: All, Pages, or a source of Merge.
// Its page source is direct (each page fetched on the ranging goroutine
// when it is needed) or, under Prefetch, a prefetcher started with the
// first page the range needs. Either way a page comes with the token
// history updated and its loop flag set.
type reader[T any] struct {
	p   *Paginator[T]
	ctx context.Context
	pf  *prefetcher[T] // nil without Prefetch or before the first page
}

// begin starts a range, or returns ErrConcurrentRange if one is in progress.
func (p *Paginator[T]) begin(ctx context.Context) (*reader[T], error) {
	if ctx == nil {
		return nil, errNilContext()
	}
	if !p.ranging.CompareAndSwap(false, true) {
		// Page 0: the other range owns the request count.
		return nil, p.listError(0, ErrConcurrentRange)
	}
	return &reader[T]{p: p, ctx: ctx}, nil
}

// close ends the range: it stops the prefetcher, if any, and lets another
// range begin.
func (r *reader[T]) close() {
	if r.pf != nil {
		r.pf.stop()
	}
	r.p.ranging.Store(false)
}

// nextPage leaves the page in hand, which the range has read to its end,
// and takes the next one. It returns false when nothing is left to hand out
// (the listing ended or MaxItems is reached), with an error if a request
// failed or the service repeated a token. This is the one place where the
// position moves from page to page.
func (r *reader[T]) nextPage() (bool, error) {
	p := r.p
	if pg := p.page; pg != nil && p.state == reading {
		if p.end < pg.len() {
			return false, nil // stopped by MaxItems inside the page
		}
		p.mu.Lock()
		switch {
		case pg.loop:
			p.state = looped
		case pg.next == "":
			// A finished listing needs neither history nor buffers.
			p.state, p.page, p.seen, p.free = finished, nil, tokenSet{}, nil
		default:
			p.quota.count(p.next - pg.from)
			p.start, p.page, p.next, p.end = p.following(pg), nil, 0, 0
			if !pg.shared && p.set.prefetch == 0 {
				// Drop the page's references to the decoded response
				// before the next request, so that the collector never
				// holds two responses where the SDK's loop holds one.
				clear(pg.items)
				p.free = pg
			}
		}
		p.mu.Unlock()
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
	p.mu.Lock()
	p.state, p.seen, p.free = finished, tokenSet{}, nil
	p.mu.Unlock()
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
	end := pg.from + min(pg.len()-pg.from, p.quota.left())
	p.mu.Lock()
	p.page, p.next, p.end = pg, pg.from, end
	p.mu.Unlock()
	p.resumed = false
	taken = true
}

// firstUnread returns the index of the first kept item of pg not delivered
// before: 0 unless the listing stopped inside the page, or the service
// shifted items. The item read last is looked for by its ID (its occ-th
// occurrence, if the service repeats IDs), so that a service that shifts
// items between requests still resumes exactly; without it, the skip count
// decides. A page shorter than the skip (an empty page that the service put
// in front, say) delivers nothing and carries the rest of the skip over to
// the next page.
func (p *Paginator[T]) firstUnread(pg *page[T]) int {
	s := p.start
	// A page boundary names the item read last only for a cursor: within
	// one listing, the items the service returns on the next page are
	// delivered as they come, repeats included.
	if s.skip == 0 && (s.lastID == "" || !p.resumed) {
		return 0
	}
	from := -1
	if s.lastID != "" {
		for i := range pg.items {
			if p.id(&pg.items[i]) == s.lastID {
				from = i + 1
				if s.occ--; s.occ <= 0 {
					break
				}
			}
		}
	}
	if from < 0 {
		if len(pg.items) < s.skip {
			pg.carry = s.skip - len(pg.items)
			return pg.len()
		}
		from = s.skip
	}
	return sort.Search(pg.len(), func(j int) bool { return pg.raw(j) >= from })
}

// following returns the start of the page after pg. It names pg's last
// item, so that a cursor taken at the boundary resumes exactly even if the
// service shifts items before the next request (a session that starts
// moves every later one a place on).
func (p *Paginator[T]) following(pg *page[T]) position {
	if pg.carry > 0 {
		return position{token: pg.next, skip: pg.carry, lastID: p.start.lastID, occ: p.start.occ}
	}
	if len(pg.items) == 0 {
		return position{token: pg.next}
	}
	return position{token: pg.next, lastID: p.id(&pg.items[len(pg.items)-1])}
}

// position derives the point just after the last item handed out; end
// reports that the listing has ended. The caller holds p.mu.
func (p *Paginator[T]) position() (pos position, end bool) {
	pg := p.page
	switch {
	case p.state == finished:
		return position{}, true
	case pg == nil:
		return p.start, false
	case p.next == pg.len() && pg.loop: // no repeated page is ever read
		return position{token: pg.token, skip: len(pg.items), looped: true}, false
	case p.next == pg.len() && pg.next == "":
		return position{}, true
	case p.next == pg.len():
		return p.following(pg), false
	case p.next == pg.from:
		return p.start, false
	}
	last := pg.raw(p.next - 1)
	id := p.id(&pg.items[last])
	occ := 0
	for i := range last + 1 {
		if p.id(&pg.items[i]) == id {
			occ++
		}
	}
	return position{token: pg.token, skip: last + 1, lastID: id, occ: occ, closesLoop: pg.loop}, false
}
