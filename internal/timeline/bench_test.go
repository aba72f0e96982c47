package timeline_test

import (
	"io"
	"strconv"
	"testing"

	"github.com/sessionkit/sessions/internal/timeline"
)

// countWriter counts what is written to it.
type countWriter struct{ n int }

func (c *countWriter) Write(b []byte) (int, error) { c.n += len(b); return len(b), nil }

// BenchmarkWriteSVG draws 5,000 sessions, the most the picture is made
// for, and reports the size of the SVG.
func BenchmarkWriteSVG(b *testing.B) {
	for _, lanesN := range []int{1, 20, 500} {
		b.Run(strconv.Itoa(lanesN)+"lanes", func(b *testing.B) {
			lanes, now := genLanes(5000, lanesN)
			c := &timeline.Chart{Lanes: lanes, Now: now}
			var cw countWriter
			b.ReportAllocs()
			for b.Loop() {
				cw.n = 0
				if err := c.WriteSVG(&cw); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cw.n), "svg-bytes")
		})
	}
}

// BenchmarkSummary sums up 5,000 sessions as text.
func BenchmarkSummary(b *testing.B) {
	lanes, now := genLanes(5000, 20)
	b.ReportAllocs()
	for b.Loop() {
		s := timeline.Summarize(lanes, now)
		if err := s.WriteText(io.Discard, nil); err != nil {
			b.Fatal(err)
		}
	}
}
