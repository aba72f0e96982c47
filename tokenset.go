package sessions

import "slices"

// A tokenSet remembers the hashes of the page tokens a listing has seen, so
// that a repeated token is caught however long the cycle. It costs about 8
// bytes a token: the latest ones sit in a small map, older ones in a sorted
// slice, so that a listing of many pages keeps a small, flat footprint.
type tokenSet struct {
	recent map[uint64]struct{}
	old    []uint64 // sorted
}

// tokenSetBatch is how many hashes wait in the map before they move to the
// sorted slice; moving sorts the slice, so it happens rarely.
const tokenSetBatch = 512

func (s *tokenSet) add(h uint64) {
	if s.recent == nil {
		s.recent = make(map[uint64]struct{})
	}
	s.recent[h] = struct{}{}
	if len(s.recent) < tokenSetBatch {
		return
	}
	s.old = slices.Grow(s.old, len(s.recent))
	for h := range s.recent {
		s.old = append(s.old, h)
	}
	slices.Sort(s.old)
	clear(s.recent)
}

func (s *tokenSet) has(h uint64) bool {
	if _, ok := s.recent[h]; ok {
		return true
	}
	_, ok := slices.BinarySearch(s.old, h)
	return ok
}
