package timeline_test

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions/internal/timeline"
)

// TestWindowCutsSessions: a window keeps the sessions that overlap it,
// cut to it, and leaves the others out of the summary.
func TestWindowCutsSessions(t *testing.T) {
	lanes := []timeline.Lane{
		{Name: "one", Spans: []timeline.Span{
			ended("before", 0, 10),       // ends as the window starts: out
			ended("across-start", 5, 30), // 20 minutes inside
			ended("inside", 20, 40),
			active("running", 50), // runs to now (90), cut at 60
		}},
		{Name: "two", Spans: []timeline.Span{
			ended("whole", 0, 100), // 50 minutes inside
			ended("after", 60, 70), // starts as the window ends: out
			{ID: "undated"},
		}},
	}
	c := &timeline.Chart{Lanes: lanes, Now: at(90), From: at(10), To: at(60)}
	got := c.Summarize()
	want := timeline.Summary{
		Now: at(90), From: at(10), To: at(60),
		Lanes: []timeline.Stats{
			{Name: "one", Sessions: 3, Active: 1, Total: 50 * time.Minute, Longest: 20 * time.Minute, LongestID: "across-start",
				First: at(10), Last: at(60), Peak: timeline.Peak{Count: 2, From: at(20), To: at(30)}},
			{Name: "two", Sessions: 2, Undated: 1, Total: 50 * time.Minute, Longest: 50 * time.Minute, LongestID: "whole",
				First: at(10), Last: at(60), Peak: timeline.Peak{Count: 1, From: at(10), To: at(60)}},
		},
		Total: timeline.Stats{Name: "TOTAL", Sessions: 5, Active: 1, Undated: 1, Total: 100 * time.Minute,
			Longest: 50 * time.Minute, LongestID: "whole", First: at(10), Last: at(60),
			Peak: timeline.Peak{Count: 3, From: at(20), To: at(30)}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summarize() mismatch (-want +got):\n%s", diff)
	}

	var svg bytes.Buffer
	if err := c.WriteSVG(&svg); err != nil {
		t.Fatal(err)
	}
	doc := svg.String()
	for _, id := range []string{"before", "after"} {
		if strings.Contains(doc, "<title>"+id) {
			t.Errorf("the SVG draws %q, which is outside the window", id)
		}
	}
	// Every bar lies within the plot, the window's first minute on its
	// left edge.
	xs := regexp.MustCompile(`<rect class="[a-z]+" x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)"[^>]*><title>(across-start|whole|running)`).FindAllStringSubmatch(doc, -1)
	if len(xs) != 3 {
		t.Fatalf("found %d of the 3 bars that cross an edge of the window", len(xs))
	}
	for _, m := range xs {
		x, _ := strconv.ParseFloat(m[1], 64)
		w, _ := strconv.ParseFloat(m[2], 64)
		if x < 220 || x+w > 1170.05 {
			t.Errorf("bar %s runs from x=%v to %v, outside the plot [220, 1170]", m[3], x, x+w)
		}
		if m[3] != "running" && x != 220 {
			t.Errorf("bar %s starts at x=%v, want the window's start, 220", m[3], x)
		}
	}
}

// TestAxisIgnoresAForgottenSession: one session begun months before the
// others does not squeeze them into a few pixels.
func TestAxisIgnoresAForgottenSession(t *testing.T) {
	var spans []timeline.Span
	for i := range 200 {
		spans = append(spans, ended("s"+strconv.Itoa(i), i*50, i*50+30))
	}
	spans = append(spans, active("forgotten", -90*24*60))
	c := &timeline.Chart{Lanes: []timeline.Lane{{Name: "one", Spans: spans}}, Now: at(200 * 50)}
	var svg bytes.Buffer
	if err := c.WriteSVG(&svg); err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<rect class="e" x="[0-9.]+" y="[0-9.]+" width="([0-9.]+)"[^>]*><title>s7\n`).FindStringSubmatch(strings.ReplaceAll(svg.String(), "&#xA;", "\n"))
	if m == nil {
		t.Fatal("no bar for session s7")
	}
	// 30 minutes of 10,000 on a 950-pixel plot: about 2.8 pixels.
	if w, _ := strconv.ParseFloat(m[1], 64); w < 2.5 {
		t.Errorf("a 30-minute session is %v px wide: the forgotten session squeezed the axis", w)
	}
	if !strings.Contains(svg.String(), "1 session began before the axis") {
		t.Error("the picture does not say that a session began before its axis")
	}
}

// TestSVGOfAYearStaysSmall: sessions closer than a pixel share a bar in
// the SVG, whose tooltip counts them, so a year of an account's sessions
// is a picture of a few hundred kilobytes that still draws every one.
func TestSVGOfAYearStaysSmall(t *testing.T) {
	now := time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC)
	lanes := realistic(now, 365, 16, 2, false)
	total := 0
	for _, l := range lanes {
		total += len(l.Spans)
	}
	doc := render(t, &timeline.Chart{Lanes: lanes, Now: now})
	bs := bars(parseSVG(t, doc))
	if drawn := sessionsDrawn(bs); drawn != total {
		t.Errorf("%d bars draw %d sessions, want %d", len(bs), drawn, total)
	}
	if len(doc) > 1<<20 || len(bs) > total/4 {
		t.Errorf("%d sessions make %d bars and %d bytes of SVG; want sessions that touch to share bars", total, len(bs), len(doc))
	}
	t.Logf("%d sessions, %d bars, %d bytes", total, len(bs), len(doc))
}

func TestSummaryNamesAnOpenWindow(t *testing.T) {
	c := &timeline.Chart{Lanes: []timeline.Lane{{Name: "one", Spans: []timeline.Span{ended("a", 0, 30)}}}, Now: at(40), From: at(10)}
	s := c.Summarize()
	var b bytes.Buffer
	if err := s.WriteText(&b, nil); err != nil {
		t.Fatal(err)
	}
	if want := "sessions cut to the window 2024-03-05 10:10:00 UTC to now\n"; !strings.HasPrefix(b.String(), want) {
		t.Errorf("WriteText() begins %q, want %q", b.String(), want)
	}
}
