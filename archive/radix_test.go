package archive

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSortEvents(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 255, 256, 1000, 70000} {
		for _, spread := range []int64{1, 1 << 20, 1 << 40, math.MaxInt64} {
			events := make([]int64, n)
			for i := range events {
				events[i] = r.Int64N(spread)
				if i%3 == 0 {
					events[i] = -events[i] // times before 1970
				}
			}
			if n > 3 {
				events[1], events[2] = math.MinInt64, math.MaxInt64
			}
			want := slices.Clone(events)
			slices.Sort(want)
			sortEvents(events)
			if !slices.Equal(events, want) {
				t.Fatalf("n=%d spread=%d: sortEvents does not sort as slices.Sort", n, spread)
			}
		}
	}
}
