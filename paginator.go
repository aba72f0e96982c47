package sessions

import (
	"context"
	"errors"
	"hash/maphash"
	"iter"
	"sync"
	"sync/atomic"
)

// A Paginator lists the sessions of one stage or one studio, page by page,
// as values of type T ([StageSession] or [StreamingSession]). Build one with
// [StageSessions] or [StreamingSessions].
//
// A Paginator is stateful, like the SDK's: a second range over [Paginator.All]
// or [Paginator.Pages] continues where the first one stopped, and after an
// error it retries the page that failed. [Paginator.Cursor] records that
// point so that another paginator, even in another process, can continue
// exactly there. One range at a time: ranging over a paginator while another
// range over it is in progress, nested or on another goroutine, yields
// [ErrConcurrentRange] and leaves the paginator as it was; [Merge] lists
// several paginators at once. A Paginator is otherwise not safe for
// concurrent use: call Cursor from the goroutine that ranges (in the loop
// body, too), or from the loop body of a Merge that lists the paginator.
//
// The token history that catches loops ([ErrTokenLoop]) is not in the
// cursor, so a cycle that closes across a resume between pages is caught
// only when the new paginator sees it repeat.
type Paginator[T any] struct {
	fetch fetchFunc[T]
	keep  func(*T) bool   // client-side filter; nil keeps every item
	id    func(*T) string // the item's session ID, to find it again on resume
	bind  binding
	set   settings
	seed  maphash.Seed

	// Where the listing stands. Only position.go moves it: nextPage takes
	// a page, and a consumer hands out the page's items by moving next.
	// Everything else (the cursor, what is left under MaxItems) is derived
	// from these fields when asked.
	mu    sync.Mutex // guards the fields below against Cursor, for Merge
	start position   // the committed start of the page in hand, or of the next page when none is
	page  *page[T]   // the page in hand; nil before the first page
	next  int        // index of the next kept item of page to hand out
	end   int        // index where handing out stops: the page's length, or less under MaxItems
	state state
	quota quota // counts the items handed out before the page in hand

	resumed  bool     // start came from a cursor and its page is not read yet
	requests int      // requests sent, for page numbers
	seen     tokenSet // hashes of the tokens read, for ErrTokenLoop
	free     *page[T] // a page whose buffers the next direct fetch may reuse
	ranging  atomic.Bool
}

// state is where a listing is: reading pages, finished (Cursor returns ""),
// or stopped by a repeated token (every range yields ErrTokenLoop).
type state uint8

const (
	reading state = iota
	finished
	looped
)

// fetchFunc requests the page at token and appends its items, converted, to
// buf. It returns the service's next token ("" at the end).
type fetchFunc[T any] func(ctx context.Context, token string, buf []T) ([]T, string, error)

// ErrConcurrentRange is returned, wrapped in a [*ListError], by a range over
// a paginator that another range, nested or on another goroutine, is still
// reading. The paginator is left as it was: the first range goes on.
var ErrConcurrentRange = errors.New("a range is already in progress")

// newPaginator builds the paginator of one paginated operation; each
// constructor (StageSessions, StreamingSessions) calls it once:
//
//   - b names the operation and parent and the request parameters a cursor
//     is bound to; b.pageSize < 0 means "not set": the cursor's, if any,
//     else defaultPageSize (set it to 0 for an operation without one);
//   - fetch sends one request; keep is the client-side filter (nil keeps
//     everything) and id the item's ID, used to resume exactly;
//   - checkToken checks a service token (a StartingToken that is not a
//     cursor, or, with inCursor, the token inside a cursor): it returns ""
//     or what a token must be.
//
// Read p.bind.pageSize afterwards for the page size to send.
func newPaginator[T any](b binding, fetch fetchFunc[T], keep func(*T) bool, id func(*T) string, opts []Option, checkToken func(tok string, inCursor bool) string) (*Paginator[T], error) {
	p := &Paginator[T]{fetch: fetch, keep: keep, id: id, bind: b, set: newSettings(opts), seed: maphash.MakeSeed()}
	if err := p.set.check(b.pageSize != 0); err != nil {
		return nil, err
	}
	p.quota = newQuota(&p.set)
	if p.set.pageSizeSet {
		p.bind.pageSize = p.set.pageSize
	}
	switch tok := p.set.startingToken; {
	case isCursor(tok):
		pos, err := decodeCursor(tok, &p.bind)
		if err != nil {
			return nil, err
		}
		// The checksum catches corruption, not an edit: the token inside
		// gets the same check as a bare one.
		if want := checkToken(pos.token, true); want != "" {
			return nil, &InputError{Field: "StartingToken", Value: tok, Reason: "the cursor carries a page token that is not " + want + "; it was edited"}
		}
		p.start, p.resumed = pos, true
	case tok != "":
		if want := checkToken(tok, false); want != "" {
			return nil, &InputError{Field: "StartingToken", Value: tok, Reason: "neither a cursor from Paginator.Cursor nor " + want}
		}
		p.start.token = tok
	}
	if p.bind.pageSize < 0 {
		p.bind.pageSize = defaultPageSize
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
		var zero T
		r, err := p.begin(ctx)
		if err != nil {
			yield(zero, err)
			return
		}
		defer r.close()
		for {
			// The per-item path: move the index, then hand the item out,
			// so that Cursor called in the loop body already counts it.
			if pg := p.page; pg != nil && pg.kept == nil {
				items := pg.items[:p.end]
				for i := p.next; i < len(items); i++ {
					p.next = i + 1
					if !yield(items[i], nil) {
						return
					}
				}
			}
			for pg := p.page; p.next < p.end; {
				v := pg.items[pg.kept[p.next]]
				p.next++
				if !yield(v, nil) {
					return
				}
			}
			if ok, err := r.nextPage(); !ok {
				if err != nil {
					yield(zero, err)
				}
				return
			}
		}
	}
}

// Page is one page of a listing, as yielded by [Paginator.Pages].
type Page[T any] struct {
	Items     []T    // the page's items after client-side filters and MaxItems, less any delivered before
	Number    int    // the request's number in this paginator, counting from 1
	NextToken string // the service's token for the next page; "" on the last page
	Fetched   int    // items the service returned on this page
}

// Pages returns an iterator over the pages of the listing, in order. Each
// [Page] holds the items left after client-side filters, which may be none,
// and the page's facts. On failure it yields a zero Page and a [*ListError]
// once, and stops. The caller owns each page's Items. Ranging again continues
// after the last page yielded; a page that [Paginator.All] left in the middle
// comes first, with the items All did not hand out.
func (p *Paginator[T]) Pages(ctx context.Context) iter.Seq2[Page[T], error] {
	return func(yield func(Page[T], error) bool) {
		r, err := p.begin(ctx)
		if err != nil {
			yield(Page[T]{}, err)
			return
		}
		defer r.close()
		if p.next < p.end && !yield(p.handPage(), nil) {
			return
		}
		for {
			if ok, err := r.nextPage(); !ok {
				if err != nil {
					yield(Page[T]{}, err)
				}
				return
			}
			if !yield(p.handPage(), nil) {
				return
			}
		}
	}
}

// handPage hands out the unread items of the page in hand as a Page.
func (p *Paginator[T]) handPage() Page[T] {
	pg := p.page
	pg.shared = true // the caller owns Items: no later page may reuse them
	var items []T
	if pg.kept == nil {
		items = pg.items[p.next:p.end:p.end]
	} else {
		items = make([]T, 0, p.end-p.next)
		for j := p.next; j < p.end; j++ {
			items = append(items, pg.items[pg.kept[j]])
		}
	}
	p.next = p.end
	return Page[T]{Items: items, Number: pg.number, NextToken: pg.next, Fetched: len(pg.items)}
}

// Cursor returns an opaque string for the point just after the last item
// handed to the caller, for [StartingToken]; "" once the listing has ended.
// Before the first item it is the starting point. After an error or a
// [MaxItems] stop, resuming from it re-fetches the page that failed or was
// cut and delivers each remaining item exactly once. A cursor read inside
// the loop body is as exact as one read after the loop; inside [Merge]'s
// loop body, any of its paginators' cursors may be read. A cursor is bound
// to the parent, page size and service-side filters of its paginator. After
// [ErrTokenLoop] the cursor only records where the listing broke: starting
// from it is an [*InputError] that wraps ErrTokenLoop.
func (p *Paginator[T]) Cursor() string {
	c, _ := p.cursor()
	return c
}

// cursor returns Cursor, and whether the listing can hand out nothing more:
// it has ended, or it stopped, or will stop at the next page, with
// ErrTokenLoop. A fan-out counts such a source as finished, wherever the
// cursor was taken.
func (p *Paginator[T]) cursor() (c string, done bool) {
	p.mu.Lock()
	pos, end := p.position()
	p.mu.Unlock()
	if end {
		return "", true
	}
	return encodeCursor(&p.bind, pos), pos.looped
}

func (p *Paginator[T]) listError(number int, err error) error {
	return &ListError{Op: opName(p.bind.op), Parent: p.bind.parent, Page: number, Err: err}
}
