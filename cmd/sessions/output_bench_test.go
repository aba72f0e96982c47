package main

import (
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/sessionkit/sessions"
)

// BenchmarkOutput feeds 10k and 100k stage sessions, in pages of 100,
// through each output format and reports the time per session and the
// peak live heap, sampled after every page: flat in the number of
// sessions for the streamed formats.
//
//	go test ./cmd/sessions -run '^$' -bench Output -benchtime 3x
func BenchmarkOutput(b *testing.B) {
	page := make([]sessions.StageSession, 100)
	start := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	for i := range page {
		page[i] = sessions.StageSession{ID: fmt.Sprintf("st-%013d", i), StartTime: start.Add(time.Duration(i) * time.Minute), EndTime: start.Add(time.Duration(i)*time.Minute + 90*time.Second)}
	}
	shape := &stageCommand.shape
	for _, format := range []string{"jsonl", "json", "text", "yaml", "yaml-stream"} {
		for _, n := range []int{10_000, 100_000} {
			b.Run(fmt.Sprintf("%s/%dk", format, n/1000), func(b *testing.B) {
				b.ReportAllocs()
				var peak uint64
				var ms runtime.MemStats
				for b.Loop() {
					runtime.GC()
					var failed error
					f := lookupFormat(format)
					w := newSyncWriter(io.Discard, f.held)
					out := f.sink(sinkConfig{w: w, shape: shape, out: &outputSpec{format: f, width: 80, stamp: isoTime}, failed: &failed})
					for range n / len(page) {
						out.page(stageBatch(page, false), "")
						w.Flush()
						runtime.ReadMemStats(&ms)
						peak = max(peak, ms.HeapAlloc)
					}
					out.end("")
					w.release()
					w.Flush()
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/session")
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			})
		}
	}
}
