package awscli

import (
	"fmt"
	"runtime"
	"testing"
)

// liveHeapWriter discards what it is written and samples the live heap
// every few writes.
type liveHeapWriter struct {
	writes, largest int
	peak            uint64
}

func (w *liveHeapWriter) Write(b []byte) (int, error) {
	w.largest = max(w.largest, len(b))
	if w.writes%64 == 0 {
		w.peak = max(w.peak, liveHeap())
	}
	w.writes++
	return len(b), nil
}

func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// TestTableStreams: a listing's table is written as it is rendered, in
// pieces, and rendering it (made vertical, as a listing of wide sessions
// is) holds little more than the rows: not the whole text, nor every
// section twice.
func TestTableStreams(t *testing.T) {
	const n = 5000
	items := make([]any, n)
	for i := range items {
		items[i] = Map{
			{"arn", fmt.Sprintf("arn:aws:nimble:us-west-2:111122223333:streaming-session/session-%08d", i)},
			{"createdAt", "2024-01-01T00:02:32+00:00"},
			{"ownedBy", fmt.Sprintf("user-%d", i%7)},
			{"sessionId", fmt.Sprintf("session-%08d", i)},
			{"state", "READY"},
			{"volumeConfiguration", Map{{"iops", 3000}, {"size", 500}}},
		}
	}
	v := Map{{"sessions", items}}
	before := liveHeap()
	w := &liveHeapWriter{}
	if err := WriteTable(w, "ListStreamingSessions", v, 80, false); err != nil {
		t.Fatal(err)
	}
	runtime.KeepAlive(v)
	if w.writes < 50 || w.largest > 64<<10 {
		t.Errorf("%d writes, the largest %d bytes; want the table in pieces of at most 64 KiB", w.writes, w.largest)
	}
	// The rows' strings are the records'; the sections add their slices.
	grew := w.peak - min(before, w.peak)
	t.Logf("the live heap grew by %d bytes (%d a row) while writing", grew, grew/n)
	if grew > n*900 {
		t.Errorf("the live heap grew by %d bytes (%d a row) while writing; want at most 900 bytes a row", grew, grew/n)
	}
}
