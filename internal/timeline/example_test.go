package timeline_test

import (
	"fmt"
	"os"
	"time"

	"github.com/sessionkit/sessions/internal/timeline"
)

func ExampleConcurrency() {
	t := time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)
	spans := []timeline.Span{
		{ID: "st-a", Start: t, End: t.Add(30 * time.Minute)},
		{ID: "st-b", Start: t.Add(10 * time.Minute), End: t.Add(20 * time.Minute)},
		{ID: "st-c", Start: t.Add(20 * time.Minute), Active: true},
	}
	steps := timeline.Concurrency(spans, t.Add(time.Hour))
	for _, s := range steps {
		fmt.Println(s.At.Format("15:04"), s.Count)
	}
	p := timeline.PeakOf(steps)
	fmt.Printf("peak %d from %s to %s\n", p.Count, p.From.Format("15:04"), p.To.Format("15:04"))
	// Output:
	// 10:00 1
	// 10:10 2
	// 10:30 1
	// 11:00 0
	// peak 2 from 10:10 to 10:30
}

func ExampleSummary_WriteText() {
	t := time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)
	lanes := []timeline.Lane{
		{Name: "stage/One", Spans: []timeline.Span{
			{ID: "st-a", Start: t, End: t.Add(90 * time.Minute)},
			{ID: "st-b", Start: t.Add(time.Hour), Active: true},
		}},
		{Name: "stage/Two", Spans: []timeline.Span{
			{ID: "st-c", Start: t.Add(80 * time.Minute), End: t.Add(100 * time.Minute)},
		}},
	}
	s := timeline.Summarize(lanes, t.Add(2*time.Hour))
	s.WriteText(os.Stdout, nil)
	// Output:
	// active sessions counted to 2024-03-05 12:00:00 UTC
	// PARENT     SESSIONS  ACTIVE     TOTAL   LONGEST  PEAK  PEAK AT
	// stage/One         2       1  2h30m00s  1h30m00s     2  2024-03-05 11:00:00 UTC
	// stage/Two         1       0    20m00s    20m00s     1  2024-03-05 11:20:00 UTC
	// TOTAL             3       1  2h50m00s  1h30m00s     3  2024-03-05 11:20:00 UTC
}
