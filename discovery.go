package sessions

import "context"

// stageDiscovery finds the stages of an account listing, one Stages
// paginator per region.
type stageDiscovery struct {
	activeOnly bool
	pace       paceSetting // MaxRate, if the fan-out was given one
	regions    []*fanSource[Stage]
}

func (d *stageDiscovery) addEntry(a *account, e entry) error {
	s := &fanSource[Stage]{id: e.id, start: e.at, done: e.done}
	d.regions = append(d.regions, s)
	if e.done {
		return nil
	}
	t, err := a.transport(e.id)
	if err != nil {
		return err
	}
	var opts []Option
	if d.pace.set { // ListStages is paced by a bucket of its own
		opts = append(opts, MaxRate(d.pace.rate))
	}
	if e.at != nil {
		opts = append(opts, StartingToken(cursorString(e.at)))
	}
	// A region's stages are those whose ARN names it, as ListStages
	// returns them; a fake that lists every stage to every region's client
	// would otherwise put a stage under two regions.
	f, region := a.q.Stages, e.id
	where := f.Where
	f.Where = func(s Stage) bool { return s.Region() == region && (where == nil || where(s)) }
	p, err := newStages(t, f, region, opts)
	if err != nil {
		return err
	}
	s.p = p
	return nil
}

func (d *stageDiscovery) discover(ctx context.Context, limit int, add func(string) error, fail func(error) bool) bool {
	var ps []*Paginator[Stage]
	for _, s := range d.regions {
		if !s.entry().done {
			ps = append(ps, s.p)
		}
	}
	// The stages are read on this goroutine, so add needs no lock; only
	// the requests run concurrently. They are read region by region, in
	// order, so that the sources of an Ordered fan-out are always in the
	// same order.
	for s, err := range merge(ctx, limit, true, ps) {
		if err == nil && d.activeOnly && !s.Active() {
			continue // no active session to list: save the request
		}
		if err == nil {
			err = add(s.ARN)
		}
		if err != nil && !fail(err) {
			return false
		}
	}
	return true
}

func (d *stageDiscovery) entries() []entry {
	es := make([]entry, len(d.regions))
	for i, s := range d.regions {
		es[i] = s.entry()
	}
	return es
}

func (d *stageDiscovery) pending() int {
	n := 0
	for _, s := range d.regions {
		if !s.entry().done {
			n++
		}
	}
	return n
}
