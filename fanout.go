package sessions

import (
	"context"
	"iter"
)

// A Fanout lists the sessions of many parents at once, like [Merge], and
// keeps one cursor for all of them: [Fanout.Cursor] records where every
// source stands, the finished ones included, so that another Fanout, even in
// another process, continues each source exactly there. Build one with
// [NewFanout] or [AccountSessions].
//
// Like a [Paginator], a Fanout is stateful: ranging over [Fanout.All] again
// continues where the last loop stopped, and retries the sources that failed.
// It is not safe for concurrent use, but [Fanout.Cursor] may be called in the
// loop body. Its sources are listed on goroutines of their own: an [OnPage]
// hook runs there, one call at a time, and filters (Where) may run at the
// same time for several sources.
type Fanout[T any] struct {
	srcs    []*fanSource[T]
	index   map[string]bool // the parents in srcs
	build   func(parent string, opts ...Option) (*Paginator[T], error)
	srcOpts []Option   // the options every source is built with
	set     settings   // the fan-out's own: MaxItems, Concurrency, Ordered
	quota   quota      // the items handed out, against MaxItems
	bind    []string   // what the cursor is bound to, as key/value pairs
	disc    discoverer // finds more sources before listing; nil if all are given
	guard   rangeGuard // one range over All at a time
}

// A discoverer finds sources for a Fanout, as [AccountSessions] finds stages.
type discoverer interface {
	// discover lists what is left to find with up to limit requests at
	// once, passes each new parent to add and each error to fail, and
	// returns false once fail did.
	discover(ctx context.Context, limit int, add func(parent string) error, fail func(error) bool) bool
	entries() []entry // for the cursor
	pending() int     // listings not finished
}

// fanSource is one paginator of a fan-out, and where it started.
type fanSource[T any] struct {
	id    string
	start []byte        // the body of the cursor it started from; nil for the start
	done  bool          // finished before this Fanout was built
	p     *Paginator[T] // nil if done, or while build fails for it
}

// All returns an iterator over the sessions of every source, listing up to
// the [Concurrency] limit of sources at once. Items come in order within a
// source; across sources they are interleaved as they arrive, or, with
// [Ordered], source after source in the order given. A failing source yields
// its [*ListError] once and the others go on; ranging again retries it. An
// [AccountSessions] fan-out first lists the stages, and yields an error for
// a region whose ListStages fails, and an [*InputError] for a stage found
// that cannot be listed (an ARN that fails the check): such a stage is not
// finished, so every range, also over a Fanout resumed from the cursor,
// reports it again. [MaxItems] caps the items across sources
// and across ranges. One range at a time: a range over All while another is
// in progress, nested or on another goroutine, yields one [*ListError]
// wrapping [ErrConcurrentRange], as a paginator does, and leaves the Fanout as it was. Breaking out of the
// loop stops every source and waits for its goroutines. If ctx is
// cancelled, All yields one error wrapping the context's cause and stops.
func (f *Fanout[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		busy := func() *ListError { return &ListError{Op: f.bind[1], Err: ErrConcurrentRange} }
		if err := f.guard.begin(ctx, busy); err != nil {
			yield(zero, err)
			return
		}
		defer f.guard.end()
		if f.capReached() {
			return
		}
		// A source that could not be built is not finished: every range
		// tries again, and reports it again if it fails.
		for _, s := range f.srcs {
			if err := f.open(s); err != nil && !yield(zero, err) {
				return
			}
		}
		if f.disc != nil && f.disc.pending() > 0 {
			// An error yielded once ctx is done is the cancellation (Merge
			// yields it once and stops): listing the sessions would yield
			// it a second time.
			cancelled := false
			fail := func(err error) bool {
				cancelled = ctx.Err() != nil
				return yield(zero, err)
			}
			if !f.disc.discover(ctx, f.limit(f.disc.pending()), f.add, fail) || cancelled {
				return
			}
		}
		var ps []*Paginator[T]
		for _, s := range f.srcs {
			if s.p != nil && !s.entry().done { // finished, or stopped by ErrTokenLoop
				ps = append(ps, s.p)
			}
		}
		if len(ps) == 0 {
			return
		}
		for v, err := range merge(ctx, f.limit(len(ps)), f.set.ordered, ps) {
			if err != nil {
				if !yield(zero, err) {
					return
				}
				continue
			}
			f.quota.count(1)
			if !yield(v, nil) || f.capReached() {
				return
			}
		}
	}
}

// Cursor returns an opaque string for the point just after the last item
// handed to the caller, for [StartingToken] of a Fanout over the same
// sources; "" once every source has finished. It records every source's
// position, finished sources included. A source stopped by [ErrTokenLoop]
// counts as finished.
func (f *Fanout[T]) Cursor() string {
	st := fanoutState{bind: f.bind}
	more := false
	if f.disc != nil {
		st.lists = f.disc.entries()
		more = f.disc.pending() > 0
	}
	st.sources = make([]entry, len(f.srcs))
	for i, s := range f.srcs {
		st.sources[i] = s.entry()
		more = more || !st.sources[i].done
	}
	if !more {
		return ""
	}
	return encodeFanout(&st)
}

// entry returns where s stands, for a cursor. A source not started yet is
// recorded at its paginator's cursor too, so that the fan-out cursor binds
// every source it will list to its operation, parent and service-side
// filters, wherever the sources stand.
func (s *fanSource[T]) entry() entry {
	switch {
	case s.done:
		return entry{id: s.id, done: true}
	case s.p == nil:
		return entry{id: s.id, at: s.start}
	}
	if body, done := s.p.cursorBody(); !done {
		return entry{id: s.id, at: body}
	}
	return entry{id: s.id, done: true}
}

func (f *Fanout[T]) capReached() bool {
	return f.quota.reached()
}

// limit returns how many of n sources to list at once.
func (f *Fanout[T]) limit(n int) int {
	if f.set.concurrencySet {
		return f.set.concurrency
	}
	return max(1, min(n, DefaultConcurrency))
}
