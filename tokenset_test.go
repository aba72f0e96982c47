package sessions

import (
	"fmt"
	"math/rand/v2"
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

// TestTokenSetAgainstMap adds and removes random hashes, many in one
// region of the table, and checks every answer against a Go map.
func TestTokenSetAgainstMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var s tokenSet
	want := map[uint64]bool{}
	for i := range 20000 {
		h := rng.Uint64N(4096) << (rng.UintN(2) * 40) // clustered, zero included
		switch rng.IntN(3) {
		case 0, 1:
			s.add(h)
			want[key(h)] = true
		default:
			s.remove(h)
			delete(want, key(h))
		}
		if s.len() != len(want) {
			t.Fatalf("step %d: len = %d, want %d", i, s.len(), len(want))
		}
		if probe := rng.Uint64N(4096) << (rng.UintN(2) * 40); s.has(probe) != want[key(probe)] {
			t.Fatalf("step %d: has(%d) = %v, want %v", i, probe, s.has(probe), want[key(probe)])
		}
	}
	for h := range want {
		if !s.has(h) {
			t.Fatalf("has(%d) = false after the run", h)
		}
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
