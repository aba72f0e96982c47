package sessions

// Match reports whether s passes every filter of q except StageARN (Status,
// StartedAfter, StartedBefore and Where). The paginator applies it to every
// session the service returns.
func (q StageQuery) Match(s StageSession) bool { return q.match(&s) }

func (q *StageQuery) match(s *StageSession) bool {
	switch {
	case q.Status == StageActive && !s.EndTime.IsZero(),
		q.Status == StageEnded && s.EndTime.IsZero(),
		!q.StartedAfter.IsZero() && !s.StartTime.After(q.StartedAfter),
		!q.StartedBefore.IsZero() && !s.StartTime.Before(q.StartedBefore),
		q.Where != nil && !q.Where(*s):
		return false
	}
	return true
}

// matcher returns the paginator's filter, or nil when q keeps everything so
// that the per-item path does no work at all.
func (q StageQuery) matcher() func(*StageSession) bool {
	if q.Status == AnyStatus && q.StartedAfter.IsZero() && q.StartedBefore.IsZero() && q.Where == nil {
		return nil
	}
	return q.match
}

// Match reports whether s passes every filter of q except StudioID:
// CreatedBy, OwnedBy, SessionIDs, States and Where. The paginator applies it
// to every session the service returns, also for the filters it sends to the
// service, so a transport that ignores them still yields only matches.
func (q StudioQuery) Match(s StreamingSession) bool { return q.compile().match(&s) }

// studioFilter is a StudioQuery prepared for matching many sessions.
type studioFilter struct {
	q   StudioQuery
	ids map[string]struct{} // SessionIDs as a set, when there are many
}

func (q StudioQuery) compile() *studioFilter {
	f := &studioFilter{q: q}
	if len(q.SessionIDs) > 8 {
		f.ids = make(map[string]struct{}, len(q.SessionIDs))
		for _, id := range q.SessionIDs {
			f.ids[id] = struct{}{}
		}
	}
	return f
}

func (f *studioFilter) match(s *StreamingSession) bool {
	q := &f.q
	switch {
	case q.CreatedBy != "" && s.CreatedBy != q.CreatedBy,
		q.OwnedBy != "" && s.OwnedBy != q.OwnedBy,
		len(q.SessionIDs) > 0 && !f.hasID(s.ID),
		len(q.States) > 0 && !containsState(q.States, s.State),
		q.Where != nil && !q.Where(*s):
		return false
	}
	return true
}

func (f *studioFilter) hasID(id string) bool {
	if f.ids != nil {
		_, ok := f.ids[id]
		return ok
	}
	for _, x := range f.q.SessionIDs {
		if x == id {
			return true
		}
	}
	return false
}

func containsState(states []State, s State) bool {
	for _, x := range states {
		if x == s {
			return true
		}
	}
	return false
}

func (q StudioQuery) matcher() func(*StreamingSession) bool {
	if q.CreatedBy == "" && q.OwnedBy == "" && len(q.SessionIDs) == 0 && len(q.States) == 0 && q.Where == nil {
		return nil
	}
	return q.compile().match
}
