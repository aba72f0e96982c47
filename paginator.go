package sessions

import (
	"context"
	"errors"
	"hash/maphash"
	"iter"
	"strconv"
	"sync"
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

	// Where the listing stands. Only position.go writes these fields: a
	// range enters a page, hands out its items and leaves it. Everything
	// else (the cursor, what is left under MaxItems) is derived from them
	// when asked.
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
	guard    rangeGuard
}

// state is where a listing is: reading pages, finished (Cursor returns ""),
// or stopped by a repeated token (every range yields ErrTokenLoop).
type state uint8

const (
	reading state = iota
	finished
	looped
)

// fetchFunc requests the page at token, of pageSize items (0: the
// service's default), and appends its items, converted, to buf. It returns
// the service's next token ("" at the end).
type fetchFunc[T any] func(ctx context.Context, token string, pageSize int, buf []T) ([]T, string, error)

// An operation is what a constructor (StageSessions, StreamingSessions,
// Stages) tells newPaginator about its paginated operation.
type operation[T any] struct {
	bind      binding // the operation, parent and service-side filters; no page size
	pageSized bool    // whether the operation takes a page size
	fetch     fetchFunc[T]
	keep      func(*T) bool   // the client-side filter; nil keeps everything
	id        func(*T) string // the item's ID, used to resume exactly
	// checkToken checks a service token (a StartingToken that is not a
	// cursor, or, with inCursor, the token inside a cursor): it returns ""
	// or what a token must be.
	checkToken func(tok string, inCursor bool) string
}

// ErrConcurrentRange is returned, wrapped in a [*ListError], by a range over
// a paginator that another range, nested or on another goroutine, is still
// reading. The paginator is left as it was: the first range goes on.
var ErrConcurrentRange = errors.New("a range is already in progress")

// newPaginator builds the paginator of op with opts, checked. The page size
// it sends is decided here, once: PageSize's, else the cursor's, else
// defaultPageSize (none for an operation without one); it is then part of
// the binding, which every request and cursor reads.
func newPaginator[T any](op operation[T], opts []Option) (*Paginator[T], error) {
	p := &Paginator[T]{fetch: op.fetch, keep: op.keep, id: op.id, bind: op.bind, set: newSettings(opts), seed: maphash.MakeSeed()}
	if err := p.set.check(op.pageSized); err != nil {
		return nil, err
	}
	p.quota = newQuota(&p.set)
	switch {
	case !op.pageSized:
	case p.set.pageSizeSet:
		p.bind.pageSize = p.set.pageSize
	default:
		p.bind.pageSize = defaultPageSize
	}
	tok := p.set.startingToken
	if !isCursor(tok) {
		if want := op.checkToken(tok, false); tok != "" && want != "" {
			return nil, &InputError{Field: "StartingToken", Value: tok, Reason: "neither a cursor from Paginator.Cursor nor " + want}
		}
		p.start.token = tok
		return p, nil
	}
	got, pos, err := parseCursor(tok)
	if err != nil {
		return nil, err
	}
	if op.pageSized && !p.set.pageSizeSet { // the cursor's page size is adopted
		if got.pageSize > maxPageSize {
			return nil, &InputError{Field: "StartingToken", Value: tok, Reason: "not a valid cursor (page size " + strconv.Itoa(got.pageSize) + ")"}
		}
		p.bind.pageSize = got.pageSize
	}
	if err := checkCursor(tok, &got, &p.bind, pos); err != nil {
		return nil, err
	}
	// The checksum catches corruption, not an edit: the token inside gets
	// the same check as a bare one.
	if want := op.checkToken(pos.token, true); want != "" {
		return nil, &InputError{Field: "StartingToken", Value: tok, Reason: "the cursor carries a page token that is not " + want + "; it was edited"}
	}
	p.start, p.resumed = pos, true
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
			for p.unread() {
				if !yield(p.handOne(), nil) {
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

// Page is one page of a listing, as yielded by [Paginator.Pages]: the items,
// which the caller owns, and the token to resume at the page boundary.
// [PageInfo] gives an [OnPage] hook the same facts without the items.
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
		if p.unread() && !yield(p.handRest(), nil) {
			return
		}
		for {
			if ok, err := r.nextPage(); !ok {
				if err != nil {
					yield(Page[T]{}, err)
				}
				return
			}
			if !yield(p.handRest(), nil) {
				return
			}
		}
	}
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
	body, _ := p.cursorBody()
	if body == nil { // ended
		return ""
	}
	return cursorString(body)
}

// cursorBody returns the body of Cursor (nil once the listing has ended),
// and whether the listing can hand out nothing more: it has ended, or it
// stopped, or will stop at the next page, with ErrTokenLoop. A fan-out
// counts such a source as finished, wherever the cursor was taken.
func (p *Paginator[T]) cursorBody() (body []byte, done bool) {
	p.mu.Lock()
	pos, end := p.position()
	p.mu.Unlock()
	if end {
		return nil, true
	}
	return cursorBody(&p.bind, pos), pos.looped
}

func (p *Paginator[T]) listError(number int, err error) *ListError {
	return &ListError{Op: opName(p.bind.op), Parent: p.bind.parent, Page: number, Err: err}
}
