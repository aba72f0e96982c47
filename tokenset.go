package sessions

// A tokenSet remembers the hashes of the page tokens a listing has read, so
// that a repeated token is caught however long the cycle. It is an
// open-addressing hash set of the 64-bit hashes (linear probing, at most
// three quarters full): adding and looking up cost O(1) and one cache line
// whatever the listing's length, at 11 to 21 bytes a token, with nothing
// for the garbage collector to scan.
type tokenSet struct {
	slots []uint64 // a power of two in length; 0 marks an empty slot
	n     int
}

// key maps a hash to a non-zero key.
func key(h uint64) uint64 { return max(h, 1) }

func (s *tokenSet) add(h uint64) {
	if 4*(s.n+1) > 3*len(s.slots) {
		s.grow()
	}
	h = key(h)
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case 0:
			s.slots[i] = h
			s.n++
			return
		case h:
			return
		}
	}
}

// find returns the slot of h, or -1.
func (s *tokenSet) find(h uint64) int {
	if s.n == 0 {
		return -1
	}
	h = key(h)
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case 0:
			return -1
		case h:
			return int(i)
		}
	}
}

func (s *tokenSet) has(h uint64) bool { return s.find(h) >= 0 }

// remove forgets h: a page that was fetched but never read (fetched ahead
// and dropped when the loop stopped) is not part of the listing, and
// reading it later must not look like a repeat. The keys after h in its
// run move back, so that no lookup stops early at the hole.
func (s *tokenSet) remove(h uint64) {
	i := s.find(h)
	if i < 0 {
		return
	}
	mask := len(s.slots) - 1
	for j := (i + 1) & mask; s.slots[j] != 0; j = (j + 1) & mask {
		// The key at j may fill the hole at i unless its home slot lies
		// cyclically in (i, j].
		if home := int(s.slots[j]) & mask; (j-home)&mask >= (j-i)&mask {
			s.slots[i], i = s.slots[j], j
		}
	}
	s.slots[i] = 0
	s.n--
}

func (s *tokenSet) grow() {
	old := s.slots
	s.slots, s.n = make([]uint64, max(64, 2*len(old))), 0
	for _, h := range old {
		if h != 0 {
			s.add(h)
		}
	}
}

func (s *tokenSet) len() int { return s.n }
