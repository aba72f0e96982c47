package sessions

import "sort"

// Where a listing stands is the paginator's start, page, next and end
// fields (see Paginator). This file is the one place that writes them: a
// range enters a page, hands its items out, and leaves it; everything
// else (the cursor, what is left under MaxItems) is derived from the
// fields when asked.

// enter makes pg, its filters applied and its first unread item found, the
// page in hand, handing out items up to what MaxItems leaves.
func (p *Paginator[T]) enter(pg *page[T]) {
	end := pg.from + min(pg.len()-pg.from, p.quota.left())
	p.mu.Lock()
	p.page, p.next, p.end = pg, pg.from, end
	p.mu.Unlock()
	p.resumed = false
}

// unread reports whether the page in hand has items left to hand out.
func (p *Paginator[T]) unread() bool { return p.next < p.end }

// handOne hands out the next item of the page in hand (unread must be
// true). The index moves first, so that Cursor read in the loop body of
// All or Merge already counts the item.
func (p *Paginator[T]) handOne() T {
	pg := p.page
	i := p.next
	p.next++
	return pg.items[pg.raw(i)]
}

// handRest hands out the unread items of the page in hand as a Page.
func (p *Paginator[T]) handRest() Page[T] {
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

// pageNumber returns the request number of the page in hand.
func (p *Paginator[T]) pageNumber() int { return p.page.number }

// leavePage leaves the page in hand, which the range has read to its end:
// the listing is then finished, looped, or starts at the next page. It
// returns true, leaving everything as it is, if MaxItems stopped the range
// inside the page.
func (p *Paginator[T]) leavePage() (capped bool) {
	pg := p.page
	if pg == nil || p.state != reading {
		return false
	}
	if p.end < pg.len() {
		return true
	}
	p.mu.Lock()
	defer p.mu.Unlock()
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
			// Drop the page's references to the decoded response before
			// the next request, so that the collector never holds two
			// responses where the SDK's loop holds one.
			clear(pg.items)
			p.free = pg
		}
	}
	return false
}

// finish ends the listing where it stands: Cursor returns "" from now on.
func (p *Paginator[T]) finish() {
	p.mu.Lock()
	p.state, p.seen, p.free = finished, tokenSet{}, nil
	p.mu.Unlock()
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
