package sessions

import "github.com/sessionkit/sessions/internal/stagearn"

// regionOrder returns the order in which an unordered fan-out starts its
// sources: the first source of every region, in the order the regions
// first appear, then the second, and so on; nil if every source is in one
// region (or has none: Nimble's studios, ListStages). Each region has a
// quota of its own (IVS: 5 requests a second per region and operation), so
// a fan-out that started the sources of one region first would hold its
// Concurrency slots waiting on that region's quota while the others sit
// idle. In turns, every region is listed at once, at its own rate; within
// a region, pacing lets a request go only in its slot, so no more than
// latency × rate + 1 of its requests are on the wire at once, however many
// of its sources wait.
func regionOrder[T any](ps []*Paginator[T]) []int {
	var regions []string
	of := map[string][]int{}
	for i, p := range ps {
		r := ""
		if p.bind.op == opStage {
			r = stagearn.Region(p.bind.parent)
		}
		if _, ok := of[r]; !ok {
			regions = append(regions, r)
		}
		of[r] = append(of[r], i)
	}
	if len(regions) < 2 {
		return nil
	}
	order := make([]int, 0, len(ps))
	for k := 0; len(order) < len(ps); k++ {
		for _, r := range regions {
			if k < len(of[r]) {
				order = append(order, of[r][k])
			}
		}
	}
	return order
}
