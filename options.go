package sessions

import (
	"strconv"
	"time"
)

// An Option changes how a paginator or a [Fanout] lists. Leaving an option
// out means the default; passing one with a value out of range, or one that
// does not apply to what is built, makes the constructor return an
// [*InputError]. The zero Option changes nothing.
type Option struct {
	apply func(*settings)
}

// maxPrefetch bounds Prefetch: pages held ahead cost memory, and a few
// already hide the latency of a page.
const maxPrefetch = 100

type settings struct {
	pageSize      int
	pageSizeSet   bool
	maxItems      int
	maxItemsSet   bool
	startingToken string
	prefetch      int
	onPage        func(PageInfo)

	pace        paceSetting
	deletedEnds bool // ResourceNotFoundException finishes the listing (AccountSessions' stages)

	concurrency    int // fan-outs only
	concurrencySet bool
	ordered        bool
}

// PageSize asks the service for pages of n items (IVS maxResults, 1–100).
// Without it a paginator asks for 100, the largest page and so the fewest
// requests (the service's own default is 50), or, when it starts from a
// cursor, for the cursor's page size.
// Streaming sessions have no page size: passing PageSize to
// [StreamingSessions] is an error.
func PageSize(n int) Option {
	return Option{func(s *settings) { s.pageSize, s.pageSizeSet = n, true }}
}

// MaxItems stops the listing after n items have been handed to the caller,
// counted after filters and across every range over the paginator (n ≥ 1).
// No page is fetched that the cap does not need; [Paginator.Cursor] then
// points just after the last item handed out.
func MaxItems(n int) Option {
	return Option{func(s *settings) { s.maxItems, s.maxItemsSet = n, true }}
}

// StartingToken starts the listing at token: a value returned by
// [Paginator.Cursor], or a nextToken the service returned. A cursor must come
// from a paginator with the same parent and service-side filters; it carries
// its page size, so [PageSize] need not be repeated (a different one is an
// error). A bare IVS token must have the documented form (at most 1,024
// characters of a-z A-Z 0-9 + / = _ -); a cursor resumes whatever token the
// service handed out, longer ones included.
func StartingToken(token string) Option {
	return Option{func(s *settings) { s.startingToken = token }}
}

// Prefetch lets the paginator fetch up to n pages ahead of the page the
// caller is reading (0 ≤ n ≤ 100; 0, the default, fetches a page only when
// it is needed). The fetching goroutine lives only while a range loop runs: leaving
// the loop cancels a fetch in flight and waits for it, and [Paginator.Cursor]
// counts what the caller received, not what was fetched. With [MaxItems], no
// page is fetched once the pages in hand hold enough items for the cap,
// unless client-side filters turn out to drop some. A panic in the transport
// is raised again on the ranging goroutine; so is runtime.Goexit in it
// (t.Fatal in a mock), as a panic that names it.
func Prefetch(n int) Option { return Option{func(s *settings) { s.prefetch = n }} }

// OnPage calls f once for every page received, in order, before the page's
// items are handed out. Use it for logs, metrics and progress displays.
// On one paginator, f runs on the goroutine that ranges over it. In a
// fan-out ([NewFanout], [AccountSessions]), f runs on the goroutine that
// lists the page's source, one call at a time across every source, so it
// needs no lock; [PageInfo.Parent] says whose page it is. Paginators listed
// by [Merge] each call their own hook on Merge's goroutines, possibly at
// the same time.
func OnPage(f func(PageInfo)) Option { return Option{func(s *settings) { s.onPage = f }} }

// PageInfo describes one page for an [OnPage] hook.
type PageInfo struct {
	Number  int           // the request's number in this paginator, counting from 1
	Fetched int           // items the service returned
	Kept    int           // items left after client-side filters
	Latency time.Duration // how long the request took
	More    bool          // whether the service said more pages follow
	Parent  string        // the stage ARN or studio ID listed; for Stages, the region ("" if unknown)
}

// maxPageSize is the largest page IVS serves.
const maxPageSize = 100

// defaultPageSize is the page size asked of IVS when neither PageSize nor a
// cursor gives one: its largest page, so that a listing sends the fewest
// requests.
const defaultPageSize = maxPageSize

func newSettings(opts []Option) settings {
	var s settings
	for _, o := range opts {
		if o.apply != nil {
			o.apply(&s)
		}
	}
	return s
}

func (s *settings) check(pageSizeAllowed bool) error {
	switch {
	case s.concurrencySet:
		return &InputError{Field: "Concurrency", Value: strconv.Itoa(s.concurrency), Reason: "applies to a fan-out (NewFanout, AccountSessions), not to one paginator"}
	case s.ordered:
		return &InputError{Field: "Ordered", Value: "true", Reason: "applies to a fan-out (NewFanout, AccountSessions); one paginator is always in order"}
	case s.pageSizeSet && !pageSizeAllowed:
		return &InputError{Field: "PageSize", Value: strconv.Itoa(s.pageSize), Reason: "ListStreamingSessions has no page size; leave the option out"}
	case s.pageSizeSet && (s.pageSize < 1 || s.pageSize > maxPageSize):
		return &InputError{Field: "PageSize", Value: strconv.Itoa(s.pageSize), Reason: "must be between 1 and 100"}
	case s.maxItemsSet && s.maxItems < 1:
		return &InputError{Field: "MaxItems", Value: strconv.Itoa(s.maxItems), Reason: "must be at least 1"}
	case s.prefetch < 0 || s.prefetch > maxPrefetch:
		return &InputError{Field: "Prefetch", Value: strconv.Itoa(s.prefetch), Reason: "must be between 0 and " + strconv.Itoa(maxPrefetch)}
	}
	return s.pace.check()
}
