package timeline_test

import (
	"io"
	"strconv"
	"testing"
	"time"

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

// BenchmarkPage5000in50 draws 5,000 sessions in 50 lanes over a week as
// the SVG and as the interactive page, and reports their sizes.
func BenchmarkPage5000in50(b *testing.B) {
	now := time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC)
	c := &timeline.Chart{Lanes: crowded(now, 5000, 50), Now: now}
	for name, write := range map[string]func(io.Writer) error{"svg": c.WriteSVG, "html": c.WriteHTML} {
		b.Run(name, func(b *testing.B) {
			var cw countWriter
			b.ReportAllocs()
			for b.Loop() {
				cw.n = 0
				if err := write(&cw); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cw.n), name+"-bytes")
		})
	}
}
