package sessions

import (
	"context"
	"sync"
	"sync/atomic"
)

// prefetcher is the page source under Prefetch(n): it fetches pages ahead of the
// range on one goroutine, which it owns: stop cancels the fetch in flight
// and waits for the goroutine. While the goroutine runs, it alone touches
// the paginator's token history, so the history needs no lock; the range
// touches it again only after stop.
type prefetcher[T any] struct {
	p *Paginator[T]
	// pages carries fetched pages to the range. It holds n-1 pages and the
	// goroutine one more while it waits to send, so at most n pages are
	// fetched beyond the one being read.
	pages   chan fetched[T]
	wake    chan struct{}
	dropped atomic.Int64 // raw items the range will not hand out: filtered out or skipped
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	last    int      // number of the last page the range received
	number  int      // requests sent by the goroutine; read after wg.Wait
	held    *page[T] // a page received but never read: a Where or OnPage panicked
}

// fetched is what the goroutine sends: a page, or the request's error, or
// a panic to raise again on the ranging goroutine.
type fetched[T any] struct {
	pg       *page[T]
	err      error
	panicked any
}

func (p *Paginator[T]) startPrefetch(ctx context.Context) *prefetcher[T] {
	ctx, cancel := context.WithCancel(ctx)
	pf := &prefetcher[T]{
		p:      p,
		pages:  make(chan fetched[T], p.set.prefetch-1),
		wake:   make(chan struct{}, 1),
		cancel: cancel,
		last:   p.requests,
		number: p.requests,
	}
	pf.wg.Add(1)
	go pf.loop(ctx, p.start, p.quota.left())
	return pf
}

func (pf *prefetcher[T]) loop(ctx context.Context, from position, capLeft int) {
	defer pf.wg.Done()
	defer close(pf.pages)
	returned := false
	defer func() {
		// A panic in the transport is raised again where the range can
		// recover it, as without Prefetch; so is runtime.Goexit, as
		// errGoexit, which would otherwise close pages early.
		if v := endedEarly(recover(), returned); v != nil {
			select {
			case pf.pages <- fetched[T]{panicked: v}:
			case <-ctx.Done():
			}
		}
	}()
	pf.fetch(ctx, from, capLeft)
	returned = true
}

// fetch fetches pages from the position from until the listing ends, it
// fails, MaxItems is within reach of the pages fetched, or ctx is done.
func (pf *prefetcher[T]) fetch(ctx context.Context, from position, capLeft int) {
	token, closes := from.token, from.closesLoop
	fetchedItems := 0 // raw items fetched by this goroutine
	for {
		// Fetch no page while the pages in hand can fill MaxItems: their
		// raw items, less those the range found it will not hand out,
		// bound what they can still deliver. The range wakes us as it
		// drops items.
		for fetchedItems-int(pf.dropped.Load()) >= capLeft {
			select {
			case <-pf.wake:
			case <-ctx.Done():
				return
			}
		}
		pf.number++
		pg, err := pf.p.fetchPage(ctx, token, new(page[T]), pf.number, closes)
		closes = false
		select {
		case pf.pages <- fetched[T]{pg: pg, err: err}:
		case <-ctx.Done():
			if pg != nil {
				pf.p.forget(pg)
			}
			return
		}
		// A repeated token ends the listing: stop before the cycle.
		if err != nil || pg.next == "" || pg.loop {
			return
		}
		fetchedItems += len(pg.items)
		token = pg.next
	}
}

// next returns the next page, waiting for the goroutine if none is ready.
func (pf *prefetcher[T]) next(ctx context.Context) (*page[T], error) {
	// A page fetched before the range's context was cancelled is not
	// handed out after it: cancelling stops the listing promptly.
	if ctx.Err() == nil {
		select {
		case f, ok := <-pf.pages:
			switch {
			case !ok: // the goroutine ended early; cannot happen while the listing goes on
			case f.panicked != nil:
				panic(f.panicked)
			case f.err != nil:
				return nil, f.err
			default:
				pf.last = f.pg.number
				return f.pg, nil
			}
		case <-ctx.Done():
		}
	}
	err := ctx.Err()
	if err == nil {
		err = context.Canceled
	}
	return nil, pf.p.listError(pf.last+1, err)
}

// taken tells the goroutine how many raw items of a page the range will
// not hand out, so that MaxItems can ask for more pages.
func (pf *prefetcher[T]) taken(pg *page[T]) {
	if n := len(pg.items) - (pg.len() - pg.from); n > 0 {
		pf.dropped.Add(int64(n))
		select {
		case pf.wake <- struct{}{}:
		default:
		}
	}
}

// stop cancels the goroutine and waits for it, then takes the pages it
// fetched that the range never read out of the token history, so that a
// later range reads them again without seeing a false loop.
func (pf *prefetcher[T]) stop() {
	pf.cancel()
	pf.wg.Wait()
	for f := range pf.pages {
		if f.pg != nil {
			pf.p.forget(f.pg)
		}
	}
	if pf.held != nil {
		pf.p.forget(pf.held)
	}
	pf.p.requests = pf.number
}
