package timeline_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions/internal/timeline"
)

var t0 = time.Date(2024, time.March, 5, 10, 0, 0, 0, time.UTC)

// at returns t0 plus m minutes.
func at(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }

func ended(id string, from, to int) timeline.Span {
	return timeline.Span{ID: id, Start: at(from), End: at(to)}
}

func active(id string, from int) timeline.Span {
	return timeline.Span{ID: id, Start: at(from), Active: true}
}

func TestConcurrency(t *testing.T) {
	now := at(100)
	for _, tt := range concurrencyCases(now) {
		t.Run(tt.name, func(t *testing.T) {
			got := timeline.Concurrency(tt.spans, now)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Concurrency() mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.peak, timeline.PeakOf(got)); diff != "" {
				t.Errorf("PeakOf() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// A concurrencyCase is a set of spans with the steps and the peak they make.
type concurrencyCase struct {
	name  string
	spans []timeline.Span
	want  []timeline.Step
	peak  timeline.Peak
}

// concurrencyCases are TestConcurrency's cases for a timeline drawn at now.
func concurrencyCases(now time.Time) []concurrencyCase {
	return []concurrencyCase{
		{name: "none", spans: nil, want: nil, peak: timeline.Peak{}},
		{
			name:  "one",
			spans: []timeline.Span{ended("a", 0, 10)},
			want:  []timeline.Step{{at(0), 1}, {at(10), 0}},
			peak:  timeline.Peak{Count: 1, From: at(0), To: at(10)},
		},
		{
			name:  "overlapping",
			spans: []timeline.Span{ended("a", 0, 10), ended("b", 5, 20)},
			want:  []timeline.Step{{at(0), 1}, {at(5), 2}, {at(10), 1}, {at(20), 0}},
			peak:  timeline.Peak{Count: 2, From: at(5), To: at(10)},
		},
		{
			name:  "one ends as the next starts: no overlap, no dip",
			spans: []timeline.Span{ended("b", 10, 20), ended("a", 0, 10)},
			want:  []timeline.Step{{at(0), 1}, {at(20), 0}},
			peak:  timeline.Peak{Count: 1, From: at(0), To: at(20)},
		},
		{
			name:  "starting together",
			spans: []timeline.Span{ended("a", 0, 10), ended("b", 0, 5), ended("c", 0, 10)},
			want:  []timeline.Step{{at(0), 3}, {at(5), 2}, {at(10), 0}},
			peak:  timeline.Peak{Count: 3, From: at(0), To: at(5)},
		},
		{
			name:  "two peaks of the same height: the first is reported",
			spans: []timeline.Span{ended("a", 0, 10), ended("b", 5, 10), ended("c", 20, 30), ended("d", 25, 30)},
			want:  []timeline.Step{{at(0), 1}, {at(5), 2}, {at(10), 0}, {at(20), 1}, {at(25), 2}, {at(30), 0}},
			peak:  timeline.Peak{Count: 2, From: at(5), To: at(10)},
		},
		{
			name:  "active sessions run to now",
			spans: []timeline.Span{active("a", 50), ended("b", 0, 60), active("c", 90)},
			want:  []timeline.Step{{at(0), 1}, {at(50), 2}, {at(60), 1}, {at(90), 2}, {now, 0}},
			peak:  timeline.Peak{Count: 2, From: at(50), To: at(60)},
		},
		{
			name:  "the End of an active session is ignored",
			spans: []timeline.Span{{ID: "a", Start: at(0), End: at(1), Active: true}},
			want:  []timeline.Step{{at(0), 1}, {now, 0}},
			peak:  timeline.Peak{Count: 1, From: at(0), To: now},
		},
		{
			name:  "a zero-length session overlaps what runs at its start",
			spans: []timeline.Span{ended("a", 0, 10), ended("z", 5, 5)},
			want:  []timeline.Step{{at(0), 1}, {at(5), 2}, {at(5).Add(time.Nanosecond), 1}, {at(10), 0}},
			peak:  timeline.Peak{Count: 2, From: at(5), To: at(5).Add(time.Nanosecond)},
		},
		{
			name:  "a session that ends before it starts counts like a zero-length one",
			spans: []timeline.Span{ended("z", 5, 1)},
			want:  []timeline.Step{{at(5), 1}, {at(5).Add(time.Nanosecond), 0}},
			peak:  timeline.Peak{Count: 1, From: at(5), To: at(5).Add(time.Nanosecond)},
		},
		{
			name:  "a session without a start is left out",
			spans: []timeline.Span{{ID: "u", End: at(3)}, ended("a", 0, 10)},
			want:  []timeline.Step{{at(0), 1}, {at(10), 0}},
			peak:  timeline.Peak{Count: 1, From: at(0), To: at(10)},
		},
	}
}

func TestConcurrencyMatchesCounting(t *testing.T) {
	// Compare the sweep with counting the sessions that run at each minute.
	spans := make([]timeline.Span, 0, 200)
	for i := range 200 {
		from := (i * 37) % 500
		switch i % 7 {
		case 0:
			spans = append(spans, active("s", from))
		default:
			spans = append(spans, ended("s", from, from+1+(i*13)%90))
		}
	}
	now := at(520)
	steps := timeline.Concurrency(spans, now)
	for m := -1; m <= 521; m++ {
		want := 0
		for _, s := range spans {
			end := s.End
			if s.Active {
				end = now
			}
			if !at(m).Before(s.Start) && at(m).Before(end) {
				want++
			}
		}
		got := 0
		for _, st := range steps {
			if !st.At.After(at(m)) {
				got = st.Count
			}
		}
		if got != want {
			t.Fatalf("at minute %d: steps say %d sessions, counting says %d", m, got, want)
		}
	}
}

func TestSummarize(t *testing.T) {
	lanes := []timeline.Lane{
		{Name: "one", Spans: []timeline.Span{ended("a", 0, 30), ended("b", 10, 20), active("c", 50)}},
		{Name: "two", Spans: []timeline.Span{ended("d", 15, 75), {ID: "u"}}},
		{Name: "empty"},
	}
	got := timeline.Summarize(lanes, at(60))
	want := timeline.Summary{
		Now: at(60),
		Lanes: []timeline.Stats{
			{Name: "one", Sessions: 3, Active: 1, Total: 50 * time.Minute, Longest: 30 * time.Minute, LongestID: "a",
				First: at(0), Last: at(60), Peak: timeline.Peak{Count: 2, From: at(10), To: at(20)}},
			{Name: "two", Sessions: 2, Undated: 1, Total: 60 * time.Minute, Longest: 60 * time.Minute, LongestID: "d",
				First: at(15), Last: at(75), Peak: timeline.Peak{Count: 1, From: at(15), To: at(75)}},
			{Name: "empty"},
		},
		Total: timeline.Stats{Name: "TOTAL", Sessions: 5, Active: 1, Undated: 1, Total: 110 * time.Minute,
			Longest: 60 * time.Minute, LongestID: "d", First: at(0), Last: at(75),
			Peak: timeline.Peak{Count: 3, From: at(15), To: at(20)}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summarize() mismatch (-want +got):\n%s", diff)
	}
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                                   "0s",
		1499 * time.Millisecond:             "1s",
		45 * time.Second:                    "45s",
		12*time.Minute + 30*time.Second:     "12m30s",
		2*time.Hour + 5*time.Minute + 7:     "2h05m00s",
		26*time.Hour + 4*time.Minute:        "1d02h04m",
		208*24*time.Hour + 8*time.Hour + 61: "208d08h00m",
		timeline.MaxTotal:                   "292y+",
	} {
		if got := timeline.FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestSummarizeTotalDoesNotOverflow(t *testing.T) {
	// 400 sessions active for a year sum to over 292 years.
	spans := make([]timeline.Span, 400)
	for i := range spans {
		spans[i] = active("s", i)
	}
	lanes := []timeline.Lane{{Name: "a", Spans: spans[:200]}, {Name: "b", Spans: spans[200:]}}
	s := timeline.Summarize(lanes, at(365*24*60))
	for _, st := range append(s.Lanes, s.Total) {
		if st.Total <= 0 {
			t.Errorf("%s: total %v", st.Name, st.Total)
		}
	}
	if s.Total.Total != timeline.MaxTotal {
		t.Errorf("total of 400 years = %v, want MaxTotal", s.Total.Total)
	}
}
