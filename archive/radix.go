package archive

// An eventList collects a report's events in blocks, then into one slice
// of the exact size: growing one slice to a million sessions' events
// would copy them over and over, a fifth of a report's time.
type eventList struct {
	blocks [][]int64
	n      int
}

const eventBlock = 1 << 15

// add appends a session's start and end events.
func (l *eventList) add(start, end int64) {
	if len(l.blocks) == 0 || len(l.blocks[len(l.blocks)-1]) == eventBlock {
		l.blocks = append(l.blocks, make([]int64, 0, eventBlock))
	}
	b := &l.blocks[len(l.blocks)-1]
	*b = append(*b, start, end)
	l.n += 2
}

// flat returns the events in one slice.
func (l *eventList) flat() []int64 {
	events := make([]int64, 0, l.n)
	for _, b := range l.blocks {
		events = append(events, b...)
	}
	return events
}

// sortEvents sorts a report's events, a million sessions' worth in a
// fraction of what a comparison sort takes: a least-significant-digit
// radix sort, 16 bits a pass, skipping the passes in which every event has
// the same digit (the high ones, for times within a few years). It uses a
// buffer as large as events.
func sortEvents(events []int64) {
	if len(events) < 256 {
		insertionSort(events)
		return
	}
	// Flipping the sign bit orders negative numbers (times before 1970)
	// before positive ones, as unsigned keys.
	const flip = uint64(1) << 63
	src, dst := events, make([]int64, len(events))
	var counts [1 << 16]int
	for shift := uint(0); shift < 64; shift += 16 {
		clear(counts[:])
		for _, e := range src {
			counts[(uint64(e)^flip)>>shift&0xffff]++
		}
		if counts[(uint64(src[0])^flip)>>shift&0xffff] == len(src) {
			continue // one digit for all: this pass would change nothing
		}
		pos := 0
		for d, n := range counts {
			counts[d] = pos
			pos += n
		}
		for _, e := range src {
			d := (uint64(e) ^ flip) >> shift & 0xffff
			dst[counts[d]] = e
			counts[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &events[0] {
		copy(events, src)
	}
}

func insertionSort(s []int64) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
