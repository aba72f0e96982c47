package sessions

// A tokenSet remembers the hashes of the page tokens a listing has read, so
// that a repeated token is caught however long the cycle. It is a plain
// hash set: adding and looking up cost O(1) whatever the listing's length
// (Go's maps grow table by table, never rehashing everything at once), at
// about 10 to 20 bytes a token.
type tokenSet struct {
	m map[uint64]struct{}
}

func (s *tokenSet) add(h uint64) {
	if s.m == nil {
		s.m = make(map[uint64]struct{})
	}
	s.m[h] = struct{}{}
}

func (s *tokenSet) has(h uint64) bool {
	_, ok := s.m[h]
	return ok
}

// remove forgets h: a page that was fetched but never read (fetched ahead
// and dropped when the loop stopped) is not part of the listing, and
// reading it later must not look like a repeat.
func (s *tokenSet) remove(h uint64) { delete(s.m, h) }

func (s *tokenSet) len() int { return len(s.m) }
