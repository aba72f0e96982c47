package sessions

import (
	"fmt"
	"testing"
)

func TestTokenSet(t *testing.T) {
	var s tokenSet
	const n = 5000
	for i := range uint64(n) {
		h := i * 0x9e3779b97f4a7c15 // spread, unsorted
		if s.has(h) {
			t.Fatalf("has(%d) before add", i)
		}
		s.add(h)
		for _, j := range []uint64{0, i / 2, i} {
			if !s.has(j * 0x9e3779b97f4a7c15) {
				t.Fatalf("after %d adds, has(%d) = false", i+1, j)
			}
		}
	}
	seven := uint64(7)
	h := seven * 0x9e3779b97f4a7c15
	s.remove(h)
	if s.has(h) || s.len() != n-1 {
		t.Errorf("after remove: has = true or len = %d, want false and %d", s.len(), n-1)
	}
}

// BenchmarkTokenHistory measures what the token history costs per page of
// a listing of the given length: one add and one lookup, as a page does.
// The cost per page must stay flat from 100k to 400k pages and beyond.
func BenchmarkTokenHistory(b *testing.B) {
	for _, pages := range []int{100_000, 400_000, 1_000_000} {
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				var s tokenSet
				for i := range uint64(pages) {
					s.add(i * 0x9e3779b97f4a7c15)
					if s.has((i + 1) * 0x9e3779b97f4a7c15) {
						b.Fatal("false repeat")
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pages), "ns/page")
		})
	}
}
