package sessions

import "testing"

func TestTokenSet(t *testing.T) {
	var s tokenSet
	const n = 3*tokenSetBatch + 17 // crosses several moves to the sorted slice
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
	if len(s.old)+len(s.recent) != n {
		t.Errorf("holds %d hashes, want %d", len(s.old)+len(s.recent), n)
	}
}
