package sessions

import (
	"context"
	"hash/maphash"
	"time"
)

// page is a page read from the service, as a range hands it out.
type page[T any] struct {
	token   string
	items   []T     // every item the service returned, converted
	kept    []int32 // indexes of the items the filters kept; nil when all are
	from    int     // the first kept index not delivered before (see firstUnread)
	carry   int     // raw items still to skip on the next page (see firstUnread)
	next    string
	number  int
	latency time.Duration
	loop    bool // next was read before in this listing
	shared  bool // Pages gave items to the caller: they must not be reused
}

// len is the number of kept items.
func (pg *page[T]) len() int {
	if pg.kept == nil {
		return len(pg.items)
	}
	return len(pg.kept)
}

// raw returns the index in items of the kept item j.
func (pg *page[T]) raw(j int) int {
	if pg.kept == nil {
		return j
	}
	return int(pg.kept[j])
}

// keptExcept returns the indexes of the items of pg that the filters keep,
// knowing that the first one they drop is first.
func (p *Paginator[T]) keptExcept(pg *page[T], first int) []int32 {
	kept := make([]int32, first, len(pg.items)-1)
	for j := range kept {
		kept[j] = int32(j)
	}
	for i := first + 1; i < len(pg.items); i++ {
		if p.keep(&pg.items[i]) {
			kept = append(kept, int32(i))
		}
	}
	return kept
}

// fetchPage requests the page at token into pg, a new page or one whose
// buffers may be reused, and records its token in the history. closes
// marks the first page after a cursor taken inside a page whose next token
// closes a cycle (the history is not in the cursor).
func (p *Paginator[T]) fetchPage(ctx context.Context, token string, pg *page[T], number int, closes bool) (*page[T], error) {
	start := time.Now()
	items, next, err := p.fetch(ctx, token, p.bind.pageSize, pg.items[:0])
	if err != nil {
		return nil, p.listError(number, err)
	}
	*pg = page[T]{token: token, items: items, next: next, number: number, latency: time.Since(start)}
	if token != "" {
		p.seen.add(maphash.String(p.seed, token))
	}
	pg.loop = next != "" && (closes || p.seen.has(maphash.String(p.seed, next)))
	return pg, nil
}

// forget removes a page that was never read from the history.
func (p *Paginator[T]) forget(pg *page[T]) {
	if pg.token != "" {
		p.seen.remove(maphash.String(p.seed, pg.token))
	}
}
