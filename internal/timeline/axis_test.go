package timeline_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions/internal/timeline"
)

func TestTicks(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	tests := []struct {
		name     string
		from, to time.Time
		loc      *time.Location
		want     []string // labels
	}{
		{
			name: "seconds",
			from: t0.Add(3 * time.Second), to: t0.Add(50 * time.Second),
			want: []string{"Mar 5 10:00:05", "10:00:10", "10:00:15", "10:00:20", "10:00:25", "10:00:30", "10:00:35", "10:00:40", "10:00:45", "10:00:50"},
		},
		{
			name: "minutes",
			from: at(-1), to: at(40),
			want: []string{"Mar 5 10:00", "10:05", "10:10", "10:15", "10:20", "10:25", "10:30", "10:35", "10:40"},
		},
		{
			name: "hours across midnight",
			from: at(9 * 60), to: at(20 * 60),
			want: []string{"Mar 5 19:00", "20:00", "21:00", "22:00", "23:00", "Mar 6 00:00", "01:00", "02:00", "03:00", "04:00", "05:00", "06:00"},
		},
		{
			name: "3-hour steps start at midnight",
			from: at(-10 * 60), to: at(20 * 60),
			want: []string{"Mar 5 00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00", "Mar 6 00:00", "03:00", "06:00"},
		},
		{
			name: "days",
			from: at(-100), to: at(9 * 24 * 60),
			want: []string{"Mar 6 2024", "Mar 7", "Mar 8", "Mar 9", "Mar 10", "Mar 11", "Mar 12", "Mar 13", "Mar 14"},
		},
		{
			name: "weeks start on Mondays",
			from: at(0), to: at(50 * 24 * 60),
			want: []string{"Mar 11 2024", "Mar 18", "Mar 25", "Apr 1", "Apr 8", "Apr 15", "Apr 22"},
		},
		{
			name: "months across a year",
			from: time.Date(2023, 9, 20, 0, 0, 0, 0, time.UTC), to: time.Date(2024, 6, 2, 0, 0, 0, 0, time.UTC),
			want: []string{"Oct 1 2023", "Nov 1", "Dec 1", "Jan 1 2024", "Feb 1", "Mar 1", "Apr 1", "May 1", "Jun 1"},
		},
		{
			name: "years",
			from: time.Date(2015, 6, 1, 0, 0, 0, 0, time.UTC), to: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
			want: []string{"Jan 1 2016", "Jan 1 2017", "Jan 1 2018", "Jan 1 2019", "Jan 1 2020", "Jan 1 2021", "Jan 1 2022", "Jan 1 2023", "Jan 1 2024", "Jan 1 2025", "Jan 1 2026"},
		},
		{
			name: "in the chart's zone, across a daylight-saving change",
			from: time.Date(2024, 3, 30, 20, 0, 0, 0, berlin), to: time.Date(2024, 3, 31, 9, 0, 0, 0, berlin),
			loc:  berlin,
			want: []string{"Mar 30 20:00", "21:00", "22:00", "23:00", "Mar 31 00:00", "01:00", "03:00", "04:00", "05:00", "06:00", "07:00", "08:00", "09:00"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ticks := timeline.Ticks(tt.from, tt.to, 13, tt.loc)
			var got []string
			for i, tk := range ticks {
				got = append(got, tk.Label)
				if tk.At.Before(tt.from) || tk.At.After(tt.to) {
					t.Errorf("tick %d at %v is outside [%v, %v]", i, tk.At, tt.from, tt.to)
				}
				if i > 0 && !tk.At.After(ticks[i-1].At) {
					t.Errorf("tick %d at %v is not after tick %d", i, tk.At, i-1)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Ticks() labels mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTicksBound(t *testing.T) {
	const year = 365 * 24 * time.Hour
	for span := time.Second; span < 40*year; span = span * 3 / 2 {
		for _, n := range []int{2, 5, 12} {
			got := timeline.Ticks(t0, t0.Add(span), n, nil)
			// Past n years even the largest step gives more ticks.
			if len(got) > n && span < time.Duration(n-1)*year {
				t.Errorf("Ticks(span %v, max %d) gave %d ticks", span, n, len(got))
			}
			if len(got) == 0 && span >= 2*year {
				t.Errorf("Ticks(span %v, max %d) gave no tick", span, n)
			}
		}
	}
	if got := timeline.Ticks(t0, t0, 10, nil); got != nil {
		t.Errorf("Ticks of an empty span = %v, want nil", got)
	}
	if got := timeline.Ticks(t0, at(10), 0, nil); got != nil {
		t.Errorf("Ticks with max 0 = %v, want nil", got)
	}
}

// TestTicksOnWallClockHours: on a day of 25 hours (daylight saving time
// ends) and of 23, hourly steps stay on whole hours of the wall clock.
func TestTicksOnWallClockHours(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, day := range []time.Time{time.Date(2026, 10, 25, 0, 0, 0, 0, berlin), time.Date(2026, 3, 29, 0, 0, 0, 0, berlin)} {
		var got []string
		for _, tk := range timeline.Ticks(day.Add(-time.Hour), day.AddDate(0, 0, 1), 6, berlin) {
			got = append(got, tk.Label)
		}
		want := []string{"Oct 25 00:00", "06:00", "12:00", "18:00", "Oct 26 00:00"}
		if day.Month() == time.March {
			want = []string{"Mar 29 00:00", "06:00", "12:00", "18:00", "Mar 30 00:00"}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Ticks() on %s mismatch (-want +got):\n%s", day.Format("Jan 2"), diff)
		}
	}
}
