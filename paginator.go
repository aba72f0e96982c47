package sessions

import (
	"context"
	"hash/maphash"
	"iter"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// A Paginator lists the sessions of one stage or one studio, page by page,
// as values of type T ([StageSession] or [StreamingSession]). Build one with
// [StageSessions] or [StreamingSessions].
//
// A Paginator is stateful, like the SDK's: a second range over [Paginator.All]
// or [Paginator.Pages] continues where the first one stopped, and after an
// error it retries the page that failed. [Paginator.Cursor] records that
// point so that another paginator, even in another process, can continue
// exactly there. A Paginator is not safe for concurrent use; [Merge] lists
// several at once. The token history that catches loops ([ErrTokenLoop]) is
// not in the cursor, so a cycle that closes across a resume between pages is
// caught only when the new paginator sees it repeat.
type Paginator[T any] struct {
	fetch fetchFunc[T]
	keep  func(*T) bool   // client-side filter; nil keeps every item
	id    func(*T) string // the item's session ID, to find it again on resume
	bind  binding
	set   settings

	pos       position // the next item to hand out
	done      bool     // the listing has ended; Cursor returns ""
	loopErr   error    // set once the service repeated a token; final
	delivered int      // items handed to the caller, for MaxItems
	requests  int      // requests sent, for page numbers
	seen      tokenSet // hashes of the tokens sent, for ErrTokenLoop
	seed      maphash.Seed
}

// fetchFunc requests the page at token and appends its items, converted, to
// buf. It returns the service's next token ("" at the end).
type fetchFunc[T any] func(ctx context.Context, token string, buf []T) ([]T, string, error)

// Page is one page of a listing, as yielded by [Paginator.Pages].
type Page[T any] struct {
	Items     []T    // the page's items after client-side filters and MaxItems, less any delivered before a resume
	Number    int    // the request's number in this paginator, counting from 1
	NextToken string // the service's token for the next page; "" on the last page
	Fetched   int    // items the service returned on this page
}

// page is a page in flight between the fetch and the caller.
type page[T any] struct {
	token    string
	items    []T     // converted, then compacted to the kept items
	raw      []int32 // raw index of each kept item; nil while all are kept
	fetched  int
	next     string
	number   int
	latency  time.Duration
	err      error
	loop     bool // next was seen before in this listing
	advanced bool
	carry    int // raw items still to skip on the next page (see firstUnread)
}

func newPaginator[T any](b binding, fetch fetchFunc[T], keep func(*T) bool, id func(*T) string, opts []Option, checkToken func(string) error) (*Paginator[T], error) {
	p := &Paginator[T]{fetch: fetch, keep: keep, id: id, bind: b, seed: maphash.MakeSeed()}
	for _, o := range opts {
		o(&p.set)
	}
	if err := p.set.check(b.op == opStage); err != nil {
		return nil, err
	}
	p.bind.pageSize = p.set.pageSize
	switch tok := p.set.startingToken; {
	case isCursor(tok):
		pos, err := decodeCursor(tok, &p.bind)
		if err != nil {
			return nil, err
		}
		p.pos = pos
	case tok != "":
		if err := checkToken(tok); err != nil {
			return nil, err
		}
		p.pos.token = tok
	}
	return p, nil
}

// All returns an iterator over the sessions of the listing, in the service's
// order, after client-side filters. It yields each session once with a nil
// error; if a page request fails, it yields the zero T and a [*ListError]
// once, and stops. An empty listing yields nothing. Breaking out of the loop
// stops all fetching; ranging again continues after the last item yielded.
func (p *Paginator[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		err := p.run(ctx, true, func(pg *page[T], from int) bool {
			for j := from; j < len(pg.items); j++ {
				p.consumed(pg, j, 1)
				if !yield(pg.items[j], nil) || p.capReached() {
					p.stopAt(pg, j)
					return false
				}
			}
			return true
		})
		if err != nil {
			var zero T
			yield(zero, err)
		}
	}
}

// batches is All for Merge: it hands over the unread items of each page at
// once, and hand reports how many of them the caller received and whether
// to go on. Only received items count as delivered, so the cursor stays
// exact when the caller stops in the middle of a batch. The items are valid
// until hand returns.
func (p *Paginator[T]) batches(ctx context.Context, hand func(items []T) (n int, more bool)) error {
	return p.run(ctx, true, func(pg *page[T], from int) bool {
		items := pg.items[from:]
		if p.set.maxItemsSet {
			items = items[:min(len(items), p.set.maxItems-p.delivered)]
		}
		if len(items) == 0 {
			return true
		}
		n, more := hand(items)
		if n > 0 {
			p.consumed(pg, from+n-1, n)
		}
		if more && n == len(items) && !p.capReached() {
			return true
		}
		if n > 0 {
			p.stopAt(pg, from+n-1)
		}
		return false
	})
}

// Pages returns an iterator over the pages of the listing, in order. Each
// [Page] holds the items left after client-side filters, which may be none,
// and the page's facts. On failure it yields a zero Page and a [*ListError]
// once, and stops. The caller owns each page's Items. Ranging again continues
// after the last page yielded.
func (p *Paginator[T]) Pages(ctx context.Context) iter.Seq2[Page[T], error] {
	return func(yield func(Page[T], error) bool) {
		err := p.run(ctx, false, func(pg *page[T], from int) bool {
			items := pg.items[from:len(pg.items):len(pg.items)]
			if p.set.maxItemsSet {
				items = items[:min(len(items), p.set.maxItems-p.delivered)]
			}
			if len(items) > 0 {
				p.consumed(pg, from+len(items)-1, len(items))
				if p.capReached() {
					p.stopAt(pg, from+len(items)-1)
				}
			} else if from == len(pg.items) {
				p.advance(pg) // nothing of it is left: ranging again starts after it
			}
			out := Page[T]{Items: items, Number: pg.number, NextToken: pg.next, Fetched: pg.fetched}
			return yield(out, nil) && !p.capReached()
		})
		if err != nil {
			yield(Page[T]{}, err)
		}
	}
}

// Cursor returns an opaque string for the point just after the last item
// handed to the caller, for [StartingToken]; "" once the listing has ended.
// Before the first item it is the starting point. After an error or a
// [MaxItems] stop, resuming from it re-fetches the page that failed or was
// cut and delivers each remaining item exactly once. A cursor is bound to the
// parent, page size and service-side filters of its paginator. After
// [ErrTokenLoop] the cursor only records where the listing broke: starting
// from it is an [*InputError] that wraps ErrTokenLoop.
func (p *Paginator[T]) Cursor() string {
	if p.done {
		return ""
	}
	return encodeCursor(&p.bind, p.pos)
}

func (p *Paginator[T]) capReached() bool {
	return p.set.maxItemsSet && p.delivered >= p.set.maxItems
}

// run drives one range loop: it takes pages in order, directly or from a
// prefetching goroutine, and hands each to visit with the index of its first
// item not yet delivered. visit returns false to stop. The error returned is
// the one to yield.
func (p *Paginator[T]) run(ctx context.Context, reuse bool, visit func(pg *page[T], from int) bool) error {
	if p.done || p.capReached() {
		return nil
	}
	if p.loopErr != nil {
		return p.loopErr
	}
	var next func(context.Context) *page[T]
	var pf *prefetcher[T]
	if p.set.prefetch > 0 {
		pf = p.startPrefetch(ctx)
		defer pf.stop()
		next = pf.next
	} else {
		next = p.direct(reuse)
	}
	for {
		pg := next(ctx)
		if pg.err != nil {
			return pg.err // the position is unchanged: ranging again retries
		}
		p.received(pg)
		from := p.firstUnread(pg)
		if pf != nil {
			pf.taken(pg, from)
		}
		if !visit(pg, from) {
			return nil
		}
		p.advance(pg)
		if p.loopErr != nil {
			return p.loopErr
		}
		if p.done || p.capReached() {
			return nil
		}
	}
}

// direct returns a page source that fetches each page when it is needed.
// With reuse, it converts every page into the same buffer: All hands items
// out by value and is done with a page before it asks for the next.
func (p *Paginator[T]) direct(reuse bool) func(context.Context) *page[T] {
	var pg page[T]
	return func(ctx context.Context) *page[T] {
		p.requests++
		buf := pg.items[:0]
		if !reuse {
			buf = nil
		}
		p.fetchPage(ctx, &pg, p.pos.token, buf, p.requests)
		return &pg
	}
}

// fetchPage fills pg with the page at token, converted into buf.
func (p *Paginator[T]) fetchPage(ctx context.Context, pg *page[T], token string, buf []T, number int) {
	start := time.Now()
	items, next, err := p.fetch(ctx, token, buf)
	*pg = page[T]{token: token, items: items, fetched: len(items), next: next, number: number, latency: time.Since(start)}
	if err != nil {
		pg.err = p.listError(number, err)
	}
}

func (p *Paginator[T]) listError(number int, err error) error {
	return &ListError{Op: opName(p.bind.op), Parent: p.bind.parent, Page: number, Err: err}
}

// received checks a page's token against the listing so far, applies the
// client-side filters and calls the OnPage hook.
func (p *Paginator[T]) received(pg *page[T]) {
	if pg.token != "" {
		p.seen.add(maphash.String(p.seed, pg.token))
	}
	if pg.next != "" {
		pg.loop = p.seen.has(maphash.String(p.seed, pg.next)) ||
			p.pos.closesLoop && pg.token == p.pos.token // the history is not in the cursor
	}
	if p.keep != nil {
		p.filter(pg)
	}
	if p.set.onPage != nil {
		p.set.onPage(PageInfo{Number: pg.number, Fetched: pg.fetched, Kept: len(pg.items), Latency: pg.latency, More: pg.next != ""})
	}
}

// filter compacts the kept items to the front of pg.items, recording their
// raw indexes once the first item is dropped.
func (p *Paginator[T]) filter(pg *page[T]) {
	items, k := pg.items, 0
	for i := range items {
		if !p.keep(&items[i]) {
			if pg.raw == nil {
				pg.raw = make([]int32, k, len(items))
				for j := range pg.raw {
					pg.raw[j] = int32(j)
				}
			}
			continue
		}
		items[k] = items[i]
		if pg.raw != nil {
			pg.raw = append(pg.raw, int32(i))
		}
		k++
	}
	clear(items[k:]) // let dropped items' strings and maps be collected
	pg.items = items[:k]
}

func (pg *page[T]) rawIndex(j int) int {
	if pg.raw == nil {
		return j
	}
	return int(pg.raw[j])
}

// firstUnread returns the index of the first kept item not yet delivered
// on pg, which is not 0 only on the first page read after a stop inside a
// page. The item delivered last is looked for by its ID, so that a service
// that shifts items between requests still resumes exactly; without it,
// the skip count decides. A page shorter than the skip (an empty page that
// the service put in front, say) delivers nothing and carries the rest of
// the skip over to the next page.
func (p *Paginator[T]) firstUnread(pg *page[T]) int {
	skip := p.pos.skip
	if skip == 0 {
		return 0
	}
	if last := p.pos.lastID; last != "" {
		for j := range pg.items {
			if p.id(&pg.items[j]) == last {
				return j + 1
			}
		}
	}
	if pg.fetched < skip {
		pg.carry = skip - pg.fetched
		return len(pg.items)
	}
	return sort.Search(len(pg.items), func(j int) bool { return pg.rawIndex(j) >= skip })
}

// stopAt records the ID of the kept item j, the last one delivered, when
// the listing stops inside pg; see firstUnread.
func (p *Paginator[T]) stopAt(pg *page[T], j int) {
	if !pg.advanced {
		p.pos.lastID = p.id(&pg.items[j])
		p.pos.closesLoop = pg.loop
	}
}

// consumed records that n items up to the kept item j have been handed out.
// The position moves before the caller sees the item, so that Cursor called
// inside the loop body already points after it.
func (p *Paginator[T]) consumed(pg *page[T], j, n int) {
	p.delivered += n
	if j == len(pg.items)-1 {
		p.advance(pg) // filters already ran over the rest of the page
		return
	}
	p.pos.skip = pg.rawIndex(j) + 1
	p.pos.lastID, p.pos.closesLoop = "", false
}

// advance moves the position past pg. A page whose next token was seen
// before ends the listing with ErrTokenLoop; the position then stays at the
// end of that page so that no repeated page is ever read.
func (p *Paginator[T]) advance(pg *page[T]) {
	if pg.advanced {
		return
	}
	pg.advanced = true
	switch {
	case pg.loop:
		p.pos.skip, p.pos.looped = pg.fetched, true
		p.loopErr = p.listError(pg.number, ErrTokenLoop)
	case pg.next == "":
		p.done = true
		p.pos = position{}
		p.seen = tokenSet{} // a finished listing needs no history
	case pg.carry > 0:
		p.pos = position{token: pg.next, skip: pg.carry, lastID: p.pos.lastID}
	default:
		p.pos = position{token: pg.next}
	}
}

// prefetcher fetches pages ahead of the caller on one goroutine, which it
// owns: stop cancels the fetch in flight and waits for the goroutine.
type prefetcher[T any] struct {
	pages   chan *page[T]
	wake    chan struct{}
	dropped atomic.Int64 // raw items the caller will not get: filtered out or skipped
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	p       *Paginator[T]
	last    int // number of the last page taken by the caller
	number  int // requests sent by the goroutine; read after wg.Wait
}

func (p *Paginator[T]) startPrefetch(ctx context.Context) *prefetcher[T] {
	ctx, cancel := context.WithCancel(ctx)
	// The channel holds n-1 pages and the goroutine one more while it waits
	// to send, so at most n pages are fetched beyond the one being read.
	pf := &prefetcher[T]{
		pages:  make(chan *page[T], p.set.prefetch-1),
		wake:   make(chan struct{}, 1),
		cancel: cancel,
		p:      p,
		last:   p.requests,
		number: p.requests,
	}
	capLeft := -1
	if p.set.maxItemsSet {
		capLeft = p.set.maxItems - p.delivered
	}
	pf.wg.Add(1)
	go pf.loop(ctx, p.pos, capLeft)
	return pf
}

func (pf *prefetcher[T]) loop(ctx context.Context, from position, capLeft int) {
	defer pf.wg.Done()
	defer close(pf.pages)
	token := from.token
	fetched := 0 // raw items fetched in this loop
	var seen tokenSet
	for {
		// Fetch no page while the pages in hand can fill MaxItems: their
		// raw items, less those the caller found filtered out, bound what
		// they can still deliver. The caller wakes us as it drops items.
		for capLeft >= 0 && fetched-int(pf.dropped.Load()) >= capLeft {
			select {
			case <-pf.wake:
			case <-ctx.Done():
				return
			}
		}
		pf.number++
		pg := new(page[T])
		pf.p.fetchPage(ctx, pg, token, nil, pf.number)
		select {
		case pf.pages <- pg:
		case <-ctx.Done():
			return
		}
		if pg.err != nil || pg.next == "" {
			return
		}
		// A repeated token ends the listing; the caller detects it with
		// the full history, this only stops fetching the cycle.
		seen.add(maphash.String(pf.p.seed, token))
		if seen.has(maphash.String(pf.p.seed, pg.next)) {
			return
		}
		fetched += pg.fetched
		token = pg.next
	}
}

// next returns the next page, asking the goroutine for more when none is
// ready, or a page carrying the context's error.
func (pf *prefetcher[T]) next(ctx context.Context) *page[T] {
	// A page fetched before the caller's context was cancelled is not
	// handed out after it: cancelling stops the listing promptly.
	if ctx.Err() == nil {
		select {
		case pg, ok := <-pf.pages:
			if ok {
				pf.last = pg.number
				return pg
			}
		case <-ctx.Done():
		}
	}
	err := ctx.Err()
	if err == nil {
		err = context.Canceled // the goroutine ended early; cannot happen while the listing goes on
	}
	return &page[T]{err: pf.p.listError(pf.last+1, err)}
}

// taken tells the goroutine how many raw items of a page the caller will
// not get, so that MaxItems can ask for more pages.
func (pf *prefetcher[T]) taken(pg *page[T], from int) {
	if n := pg.fetched - (len(pg.items) - from); n > 0 {
		pf.dropped.Add(int64(n))
		select {
		case pf.wake <- struct{}{}:
		default:
		}
	}
}

func (pf *prefetcher[T]) stop() {
	pf.cancel()
	pf.wg.Wait()
	pf.p.requests = pf.number
}
