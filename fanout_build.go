package sessions

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// NewFanout returns a [Fanout] over the paginators that build returns for
// parents (stage ARNs or studio IDs, each once). build must return the
// paginator of the parent it is given, with the options it is given, e.g.
//
//	func(arn string, opts ...sessions.Option) (*sessions.Paginator[sessions.StageSession], error) {
//		return sessions.StageSessions(client, sessions.StageQuery{StageARN: arn}, opts...)
//	}
//
// The fan-out's options are [MaxItems] (a total across the parents),
// [StartingToken] (a [Fanout.Cursor] of a Fanout over the same parents),
// [Concurrency] and [Ordered]; [PageSize], [Prefetch] and [OnPage] are passed
// to build for every parent, OnPage wrapped so that its calls for all the
// parents come one at a time (on the goroutines listing them). NewFanout builds every paginator it needs at
// once and returns the first error, so bad input is reported before any
// request; parents a cursor marks finished are not built. A cursor binds
// every source it will list to its service-side filters, so resuming with
// a build that uses other filters is an [*InputError], and so is a build
// whose paginator does not start at the StartingToken it was given.
func NewFanout[T any](parents []string, build func(parent string, opts ...Option) (*Paginator[T], error), opts ...Option) (*Fanout[T], error) {
	if build == nil {
		return nil, &InputError{Field: "build", Value: "<nil>", Reason: "must return the paginator of a parent"}
	}
	if len(parents) == 0 {
		return nil, &InputError{Field: "parents", Value: "", Reason: "must name at least one parent"}
	}
	if err := checkOnce("parents", parents); err != nil {
		return nil, err
	}
	f, st, err := newFanout(build, []string{"fan-out", "NewFanout"}, opts)
	if err != nil {
		return nil, err
	}
	entries := make([]entry, len(parents))
	for i, p := range parents {
		entries[i].id = p
	}
	if st != nil {
		if entries, err = sameParents(f.set.startingToken, parents, st.sources); err != nil {
			return nil, err
		}
	}
	for _, e := range entries {
		if err := f.addEntry(e); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// newFanout checks the options and splits them into the fan-out's and its
// sources'; it decodes and checks the starting cursor, if any.
func newFanout[T any](build func(string, ...Option) (*Paginator[T], error), bind []string, opts []Option) (*Fanout[T], *fanoutState, error) {
	f := &Fanout[T]{build: build, bind: bind, index: map[string]bool{}, set: newSettings(opts)}
	if err := f.set.checkFanout(); err != nil {
		return nil, nil, err
	}
	f.quota = newQuota(&f.set)
	if f.set.pageSizeSet {
		f.srcOpts = append(f.srcOpts, PageSize(f.set.pageSize))
	}
	if f.set.prefetch > 0 {
		f.srcOpts = append(f.srcOpts, Prefetch(f.set.prefetch))
	}
	if f.set.pace.set {
		f.srcOpts = append(f.srcOpts, MaxRate(f.set.pace.rate))
	}
	if hook := f.set.onPage; hook != nil {
		// The sources run on goroutines of their own: one call at a time,
		// as on a single paginator, so that a hook needs no lock.
		var mu sync.Mutex
		f.srcOpts = append(f.srcOpts, OnPage(func(pi PageInfo) {
			mu.Lock()
			defer mu.Unlock()
			hook(pi)
		}))
	}
	if f.set.startingToken == "" {
		return f, nil, nil
	}
	st, err := decodeFanout(f.set.startingToken)
	if err != nil {
		return nil, nil, err
	}
	if err := checkBinding(f.set.startingToken, st.bind, bind); err != nil {
		return nil, nil, err
	}
	return f, st, nil
}

// sameParents checks that a cursor's sources are parents and returns them
// in the order of parents.
func sameParents(tok string, parents []string, srcs []entry) ([]entry, error) {
	byID := make(map[string]entry, len(srcs))
	for _, e := range srcs {
		byID[e.id] = e
	}
	out := make([]entry, len(parents))
	for i, p := range parents {
		e, ok := byID[p]
		if !ok {
			return nil, &InputError{Field: "StartingToken", Value: tok, Reason: "the cursor does not list " + strconv.Quote(p) + "; it continues " + idList(srcs)}
		}
		out[i] = e
	}
	if len(srcs) != len(parents) {
		return nil, &InputError{Field: "StartingToken", Value: tok, Reason: "the cursor continues " + idList(srcs) + ", more parents than given"}
	}
	return out, nil
}

func idList(es []entry) string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = strconv.Quote(e.id)
	}
	if len(ids) > 5 {
		ids = append(ids[:5], "… ("+strconv.Itoa(len(es))+" in all)")
	}
	return strings.Join(ids, ", ")
}

// addEntry adds a source where a cursor left it, and builds its paginator;
// a parent already present is left alone. A source whose build fails is
// kept, not finished, for All to build again.
func (f *Fanout[T]) addEntry(e entry) error {
	if f.index[e.id] {
		return nil
	}
	f.index[e.id] = true
	s := &fanSource[T]{id: e.id, start: e.at, done: e.done}
	f.srcs = append(f.srcs, s)
	return f.open(s)
}

// open builds the paginator of s, unless it is finished or built.
func (f *Fanout[T]) open(s *fanSource[T]) error {
	if s.done || s.p != nil {
		return nil
	}
	opts := f.srcOpts
	if s.start != nil {
		opts = append(slices.Clip(opts), StartingToken(cursorString(s.start)))
	}
	e := entry{id: s.id, at: s.start}
	p, err := f.build(e.id, opts...)
	if err == nil && (p == nil || p.bind.parent != e.id) {
		got := "<nil>"
		if p != nil {
			got = p.bind.parent
		}
		err = &InputError{Field: "build", Value: got, Reason: "must return the paginator of " + strconv.Quote(e.id)}
	}
	if err != nil {
		return err
	}
	// A build that drops StartingToken would list the source again from
	// its start: every item read before would come twice.
	if first, _ := p.cursorBody(); e.at == nil || bytes.Equal(first, e.at) {
		s.p = p
		return nil
	}
	return &InputError{Field: "build", Value: e.id, Reason: "must pass the options it is given to the paginator: the paginator does not start at the StartingToken given for " + strconv.Quote(e.id)}
}

func (f *Fanout[T]) add(parent string) error { return f.addEntry(entry{id: parent}) }

// checkOnce returns an *InputError for the first value of field that
// repeats an earlier one.
func checkOnce(field string, vals []string) error {
	at := make(map[string]int, len(vals))
	for i, v := range vals {
		if j, ok := at[v]; ok {
			return &InputError{Field: field + "[" + strconv.Itoa(i) + "]", Value: v, Reason: "repeats " + field + "[" + strconv.Itoa(j) + "]; list each once"}
		}
		at[v] = i
	}
	return nil
}
