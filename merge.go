package sessions

import (
	"context"
	"iter"
	"strconv"
	"sync"
)

// Merge returns an iterator over the items of every paginator in ps, listing
// up to limit of them at once (limit ≥ 1) and yielding items as they arrive:
// in order within one paginator, interleaved across them. Each item carries
// its parent (StageSession.StageARN, StreamingSession.StudioID).
//
// A paginator that fails yields its [*ListError], which names the operation
// and parent, once; the others go on, and the caller decides whether to
// stop. Breaking out of the loop stops every paginator and waits for their
// goroutines. Every paginator's [Paginator.Cursor] stays exact, also when
// read in the loop body: an item counts as handed out once the caller has
// received it. A paginator must appear in ps only once (else Merge yields
// an [*InputError]); one that another range is reading yields a ListError
// wrapping [ErrConcurrentRange]. Their Where filters and [OnPage] hooks run
// on Merge's goroutines, possibly at the same time; a panic in one, or in a
// transport, is raised again on the caller's goroutine, and runtime.Goexit
// there (t.Fatal in a mock) ends the range with a panic that names it. An
// invalid limit or a nil paginator yields one [*InputError]. If ctx is
// cancelled, Merge yields one *ListError wrapping the context's cause,
// naming a paginator that had not finished, and stops; no item is yielded
// after that.
//
// Merge combines paginators the caller built and keeps, each with its own
// cursor; a [Fanout] builds its paginators from parents and keeps one
// cursor for all of them, so that a listing of many parents resumes as one.
//
// The requests of SDK clients are paced under IVS's rate quota (see
// [MaxRate]); paginators of several regions are started in turns, so that
// every region is listed at once, each at its own quota.
func Merge[T any](ctx context.Context, limit int, ps ...*Paginator[T]) iter.Seq2[T, error] {
	return merge(ctx, limit, false, ps)
}

// merge is Merge; ordered hands the sources' items out one source after
// another, in the order of ps, while still listing up to limit at once.
func merge[T any](ctx context.Context, limit int, ordered bool, ps []*Paginator[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		if err := checkMerge(ctx, limit, ps); err != nil {
			var zero T
			yield(zero, err)
			return
		}
		m := &merger[T]{ps: ps, out: make(chan batch[T]), ended: make([]bool, len(ps)), pages: make([]int, len(ps))}
		if ordered {
			m.turns = make([]chan struct{}, len(ps)+1)
			for i := range m.turns {
				m.turns[i] = make(chan struct{})
			}
			close(m.turns[0])
		} else {
			m.order = regionOrder(ps)
		}
		m.ctx, m.cancel = context.WithCancel(ctx)
		defer m.stop()
		m.run(ctx, limit, yield)
	}
}

func checkMerge[T any](ctx context.Context, limit int, ps []*Paginator[T]) error {
	if ctx == nil {
		return errNilContext()
	}
	if limit < 1 {
		return &InputError{Field: "limit", Value: strconv.Itoa(limit), Reason: "must be at least 1"}
	}
	at := make(map[*Paginator[T]]int, len(ps))
	for i, p := range ps {
		field := "ps[" + strconv.Itoa(i) + "]"
		if p == nil {
			return &InputError{Field: field, Value: "<nil>", Reason: "must be a paginator from StageSessions or StreamingSessions"}
		}
		if j, ok := at[p]; ok {
			return &InputError{Field: field, Value: opName(p.bind.op) + " " + p.bind.parent, Reason: "is ps[" + strconv.Itoa(j) + "] again; list a paginator once"}
		}
		at[p] = i
	}
	return nil
}

// A merger runs Merge: one goroutine per paginator being listed, at most
// limit at a time, like an errgroup with SetLimit, except that an error
// stops only its own source. The caller's goroutine starts the sources and
// hands out their items.
type merger[T any] struct {
	ps     []*Paginator[T]
	ctx    context.Context // the sources' context: the caller's, cancelled when Merge returns
	cancel context.CancelFunc
	wg     sync.WaitGroup
	// out is unbuffered: a source waits until the caller takes its batch,
	// so it never reads ahead of the caller beyond what Prefetch allows.
	out     chan batch[T]
	started int
	ended   []bool
	pages   []int // number of the last page of each source the caller saw
	// turns, when ordered, holds a source's sends back until the source
	// before it has ended: turns[i] is closed then. Source i has fetched
	// its first page meanwhile, so sources are still listed concurrently.
	turns []chan struct{}
	// order, if not nil, is the order in which to start the sources
	// (regionOrder); an ordered merge starts them in the order of ps.
	order []int
}

// A batch is what a source sends: its error, its end, a panic, or else
// its paginator's page in hand, for the caller to hand out.
type batch[T any] struct {
	src      int
	reply    chan<- bool // for a page: whether the source may go on
	err      error
	end      bool
	panicked any
}

func (m *merger[T]) run(ctx context.Context, limit int, yield func(T, error) bool) {
	for m.started < min(limit, len(m.ps)) {
		m.start()
	}
	done := ctx.Done()
	for running := len(m.ps); running > 0; {
		var b batch[T]
		select {
		case b = <-m.out:
		case <-done:
			m.cancelled(ctx, yield)
			return
		}
		switch {
		case b.panicked != nil:
			panic(b.panicked) // where the caller can recover it; m.stop runs first
		case b.end:
			running--
			m.ended[b.src] = true
			if m.started < len(m.ps) {
				m.start()
			}
		case b.err != nil:
			// After a cancel, the first error is the cancellation: one
			// error, then stop.
			if !yield(*new(T), b.err) || ctx.Err() != nil {
				return
			}
		default:
			if stop := m.hand(b, done, yield); stop {
				return
			}
			if ctx.Err() != nil {
				m.cancelled(ctx, yield)
				return
			}
		}
	}
}

func (m *merger[T]) start() {
	i := m.started
	if m.order != nil {
		i = m.order[i]
	}
	m.started++
	m.wg.Add(1)
	go m.list(i)
}

// hand yields the unread items of a source's page in hand, moving its index
// as each is received, so that an item counts as delivered exactly when the
// caller has it and Cursor read in the loop body is exact. The source waits
// for the reply meanwhile, so the paginator has one user at a time; the
// reply is sent even if the loop body panics, so a source never waits
// forever. It returns true when the loop body said stop.
func (m *merger[T]) hand(b batch[T], done <-chan struct{}, yield func(T, error) bool) (stop bool) {
	more := false // unless the page is handed out in full
	defer func() { b.reply <- more }()
	p := m.ps[b.src]
	m.pages[b.src] = p.pageNumber()
	for p.unread() {
		select {
		case <-done:
			return false
		default:
		}
		if !yield(p.handOne(), nil) {
			return true
		}
	}
	more = true
	return false
}

// cancelled stops the sources, then yields the cancellation as a *ListError
// for a source that had not finished.
func (m *merger[T]) cancelled(ctx context.Context, yield func(T, error) bool) {
	m.stop()
	i := 0
	for i < len(m.ps)-1 && m.ended[i] {
		i++
	}
	yield(*new(T), m.ps[i].listError(m.pages[i]+1, context.Cause(ctx)))
}

// list runs one source. A panic, or runtime.Goexit (as errGoexit), is sent
// to the caller, to be raised again on its goroutine, as with a single
// paginator; without it the caller would wait for the source's end forever.
func (m *merger[T]) list(i int) {
	defer m.wg.Done()
	if m.turns != nil {
		defer close(m.turns[i+1]) // after this source's end was received, or it gave up
	}
	returned := false
	defer func() {
		if v := endedEarly(recover(), returned); v != nil {
			m.send(batch[T]{src: i, panicked: v})
		}
	}()
	if err := m.read(i); err == nil || m.send(batch[T]{src: i, err: err}) {
		m.send(batch[T]{src: i, end: true})
	}
	returned = true
}

func (m *merger[T]) read(i int) error {
	p := m.ps[i]
	r, err := p.begin(m.ctx)
	if err != nil {
		return err
	}
	defer r.close()
	reply := make(chan bool, 1)
	for {
		if p.unread() {
			if !m.send(batch[T]{src: i, reply: reply}) || !<-reply {
				return nil
			}
		}
		if ok, err := r.nextPage(); !ok {
			return err
		}
	}
}

// send hands b to the caller, or gives up once Merge is over.
func (m *merger[T]) send(b batch[T]) bool {
	if m.turns != nil && b.panicked == nil {
		select {
		case <-m.turns[b.src]:
		case <-m.ctx.Done():
			return false
		}
	}
	select {
	case m.out <- b:
		return true
	case <-m.ctx.Done():
		return false
	}
}

// stop cancels the sources and waits for them; no goroutine outlives Merge.
func (m *merger[T]) stop() {
	m.cancel()
	m.wg.Wait()
}
