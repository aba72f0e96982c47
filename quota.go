package sessions

import "math"

// A quota counts the items handed to the caller against [MaxItems]. It is
// the one counter of them: a paginator keeps one for its ranges, a fan-out
// one across its sources. The zero quota has no cap.
type quota struct {
	max  int // the cap; 0 for none (MaxItems is at least 1)
	used int // items handed out and counted so far
}

func newQuota(s *settings) quota {
	if !s.maxItemsSet {
		return quota{}
	}
	return quota{max: s.maxItems}
}

// left returns how many more items may be handed out: math.MaxInt without
// a cap. It never overflows, whatever the cap.
func (q *quota) left() int {
	if q.max == 0 {
		return math.MaxInt
	}
	return q.max - q.used
}

// reached reports whether the cap is reached.
func (q *quota) reached() bool { return q.left() <= 0 }

// count records n items handed out.
func (q *quota) count(n int) { q.used += n }
