//go:build linux

package timeline_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sessionkit/sessions/internal/headless"
	"github.com/sessionkit/sessions/internal/timeline"
)

var shots = flag.String("screenshots", "", "write pages and screenshots of realistic data to this directory, to look at")

// TestScreenshots draws realistic data as a person would look at it: a
// week, a year, and 5,000 sessions in 50 lanes. It runs with
// -screenshots DIR only, and leaves the pages and their PNGs there.
func TestScreenshots(t *testing.T) {
	if *shots == "" {
		t.Skip("pass -screenshots DIR to draw them")
	}
	now := time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		c    *timeline.Chart
	}{
		{"week", &timeline.Chart{Title: "Stage sessions (IVS Real-Time)", Lanes: realistic(now, 7, 16, 1, true), Now: now, Location: berlin}},
		{"week-window", &timeline.Chart{Title: "Stage sessions (IVS Real-Time)", Lanes: realistic(now, 9, 16, 1, true), Now: now, Location: berlin,
			From: time.Date(2026, 11, 30, 0, 0, 0, 0, berlin), To: time.Date(2026, 12, 7, 0, 0, 0, 0, berlin)}},
		{"year", &timeline.Chart{Title: "Stage sessions (IVS Real-Time)", Lanes: realistic(now, 365, 16, 2, false), Now: now}},
		{"crowded", &timeline.Chart{Title: "Streaming sessions (Nimble Studio) by owner", Lanes: crowded(now, 5000, 50), Now: now, Heading: "OWNER"}},
	} {
		var html, svg bytes.Buffer
		start := time.Now()
		if err := tc.c.WriteHTML(&html); err != nil {
			t.Fatal(err)
		}
		mid := time.Now()
		if err := tc.c.WriteSVG(&svg); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: HTML %d bytes in %v, SVG %d bytes in %v", tc.name, html.Len(), mid.Sub(start), svg.Len(), time.Since(mid))
		page := filepath.Join(*shots, tc.name+".html")
		if err := os.WriteFile(page, html.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*shots, tc.name+".svg"), svg.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		headless.Chromium(t, page, "--screenshot="+filepath.Join(*shots, tc.name+".png"), "--window-size=1400,1000")
		// The page as a person leaves it: zoomed, panned, a session
		// searched for and clicked (the driver of TestPageInteractive).
		id := tc.c.Lanes[len(tc.c.Lanes)/2].Spans[0].ID
		played := strings.Replace(html.String(), "</body>", strings.Replace(driver, "SEARCH", id, 1), 1)
		played = strings.Replace(played, "</body>", `<script>document.getElementById("zin").click();document.getElementById("zin").click();</script></body>`, 1)
		page = filepath.Join(*shots, tc.name+"-played.html")
		if err := os.WriteFile(page, []byte(played), 0o644); err != nil {
			t.Fatal(err)
		}
		headless.Chromium(t, page, "--screenshot="+filepath.Join(*shots, tc.name+"-played.png"), "--window-size=1400,1000")
	}
}
