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
// iterator runs; their [OnPage] hooks run on Merge's goroutines, possibly
// at the same time. An invalid limit yields one [*InputError]. If ctx is
// cancelled, Merge yields one error wrapping the context's cause and stops.
//
// To keep a large fan-out within the service's rate limits, configure the
// SDK clients' retryer (for example retry.NewAdaptiveMode, which also
// limits the client's request rate) rather than lowering limit alone.
func Merge[T any](ctx context.Context, limit int, ps ...*Paginator[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		if limit < 1 {
			var zero T
			yield(zero, &InputError{Field: "limit", Value: strconv.Itoa(limit), Reason: "must be at least 1"})
			return
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
		// at the cost of one handoff per page rather than per item.
		type batch struct {
			items []T
			err   error
			end   bool       // the paginator has finished
			taken chan<- int // how many items the caller received; nil for err and end
		}
		batches := make(chan batch)
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
					taken := make(chan int, 1) // the caller's reply never blocks it
					err := p.batches(ctx, func(items []T) (int, bool) {
						select {
						case batches <- batch{items: items, taken: taken}:
						case <-ctx.Done():
							return 0, false
						}
						select {
						case n := <-taken:
							return n, true
						case <-ctx.Done():
							// The caller replies before it stops, so a reply
							// that raced with the cancellation is already here.
							select {
							case n := <-taken:
								return n, false
							default:
								return 0, false
							}
						}
					})
					last := batch{err: err, end: err == nil}
					select {
					case batches <- last:
					case <-ctx.Done():
						return
					}
					if err != nil {
						select {
						case batches <- batch{end: true}:
						case <-ctx.Done():
						}
					}
				}()
			}
		}()

		for running := len(ps); running > 0; {
			var b batch
			select {
			case b = <-batches:
			case <-ctx.Done():
				// Sources stop without reporting once the context is done.
				var zero T
				yield(zero, fmt.Errorf("sessions: Merge stopped: %w", context.Cause(ctx)))
				return
			}
			switch {
			case b.end:
				running--
			case b.err != nil:
				var zero T
				if !yield(zero, b.err) {
					return
				}
			default:
				n := 0
				for _, v := range b.items {
					n++
					if !yield(v, nil) {
						b.taken <- n
						return
					}
				}
				b.taken <- n
			}
		}
	}
}
