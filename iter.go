package sessions

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"sync"
)

// Collect ranges over seq and returns the items in order. It stops at the
// first error and returns it with the items that came before it.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Merge returns an iterator over the items of every paginator in ps, listing
// up to limit of them at once (limit ≥ 1) and yielding items as they arrive:
// in order within one paginator, interleaved across them. Each item carries
// its parent (StageSession.StageARN, StreamingSession.StudioID).
//
// A paginator that fails yields its [*ListError], which names the operation
// and parent, once; the others go on, and the caller decides whether to
// stop. Breaking out of the loop stops every paginator and waits for their
// goroutines. Every paginator's [Paginator.Cursor] stays exact: an item
// counts as handed out only once the caller has received it. A paginator
// must appear in ps only once and must not be used elsewhere while the
// iterator runs. Their Where filters and [OnPage] hooks run on Merge's
// goroutines, possibly at the same time; a panic in one is raised again on
// the caller's goroutine. An invalid limit or a nil paginator yields one
// [*InputError]. If ctx is cancelled, Merge yields one error wrapping the
// context's cause and stops; no item is yielded after that.
//
// To keep a large fan-out within the service's rate limits, configure the
// SDK clients' retryer (for example retry.NewAdaptiveMode, which also
// limits the client's request rate) rather than lowering limit alone.
func Merge[T any](ctx context.Context, limit int, ps ...*Paginator[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if limit < 1 {
			yield(zero, &InputError{Field: "limit", Value: strconv.Itoa(limit), Reason: "must be at least 1"})
			return
		}
		for i, p := range ps {
			if p == nil {
				yield(zero, &InputError{Field: "ps[" + strconv.Itoa(i) + "]", Value: "<nil>", Reason: "must be a paginator from StageSessions or StreamingSessions"})
				return
			}
		}
		ctx, cancel := context.WithCancel(ctx)
		var wg sync.WaitGroup
		defer func() {
			cancel()
			wg.Wait()
		}()

		// A source hands over a page's items at once and waits for the
		// caller's loop to say how many it took, so that an item counts as
		// delivered by its paginator only once the caller has received it,
		// at the cost of one handoff per page rather than per item. Once
		// the caller has a batch it always replies, even if its loop body
		// panics, so a source may wait for the reply without a way out.
		type batch struct {
			items    []T
			err      error
			end      bool       // the paginator has finished
			panicked any        // a panic in the source (a Where, an OnPage, a transport)
			taken    chan<- int // how many items the caller received; nil but for items
		}
		batches := make(chan batch)
		send := func(b batch) bool {
			select {
			case batches <- b:
				return true
			case <-ctx.Done():
				return false
			}
		}
		slots := make(chan struct{}, limit)
		wg.Add(1)
		go func() { // starts the paginators, at most limit at a time
			defer wg.Done()
			for _, p := range ps {
				select {
				case slots <- struct{}{}:
				case <-ctx.Done():
					return
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer func() { <-slots }()
					defer func() {
						// Re-panic on the caller's goroutine, where it can be
						// recovered, as with a single paginator.
						if r := recover(); r != nil {
							send(batch{panicked: r})
						}
					}()
					taken := make(chan int, 1)
					err := p.batches(ctx, func(items []T) (int, bool) {
						if !send(batch{items: items, taken: taken}) {
							return 0, false
						}
						n := <-taken
						return n, n == len(items)
					})
					if err != nil && !send(batch{err: err}) {
						return
					}
					send(batch{end: true})
				}()
			}
		}()

		done := ctx.Done()
		stopped := func() bool {
			// Sources stop without reporting once the context is done.
			yield(zero, fmt.Errorf("sessions: Merge stopped: %w", context.Cause(ctx)))
			return false
		}
		// hand yields a batch's items and returns whether to go on; it
		// replies how many the caller received in every case.
		hand := func(b batch) (more bool) {
			n := 0
			defer func() { b.taken <- n }()
			for _, v := range b.items {
				select {
				case <-done:
					return false
				default:
				}
				n++
				if !yield(v, nil) {
					return false
				}
			}
			return true
		}
		for running := len(ps); running > 0; {
			var b batch
			select {
			case b = <-batches:
			case <-done:
				stopped()
				return
			}
			switch {
			case b.panicked != nil:
				panic(b.panicked)
			case b.end:
				running--
			case b.err != nil:
				if !yield(zero, b.err) {
					return
				}
			case !hand(b):
				if ctx.Err() != nil {
					stopped()
				}
				return
			}
		}
	}
}
