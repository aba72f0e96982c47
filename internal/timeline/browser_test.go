//go:build linux

package timeline_test

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sessionkit/sessions/internal/headless"
	"github.com/sessionkit/sessions/internal/timeline"
)

func TestBrowserShowsThePicture(t *testing.T) {
	lanes, now := genLanes(300, 5)
	c := &timeline.Chart{Title: "Stage sessions", Lanes: lanes, Now: now}
	sum := timeline.Summarize(lanes, now)
	dir := t.TempDir()
	page := filepath.Join(dir, "sessions.html")
	var html bytes.Buffer
	if err := c.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, html.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	dom := string(headless.Chromium(t, page, "--dump-dom"))
	for _, want := range []string{
		"stage/Stage0000", "stage/Stage0004", // lane labels
		"Jan 1 00:00", "02:00", // axis labels
		"peak: " + strconv.Itoa(sum.Total.Peak.Count) + " at once", // the peak marker
		"PARENT", "TOTAL", // the summary below the picture
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("the page as the browser sees it has no %q", want)
		}
	}
	if n := len(regexp.MustCompile(`<rect class="[ea]"[^>]*><title>`).FindAllString(dom, -1)); n != 300 {
		t.Errorf("the browser sees %d session bars, want 300", n)
	}

	shot := filepath.Join(dir, "sessions.png")
	headless.Chromium(t, page, "--screenshot="+shot, "--window-size=1250,900")
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	// Count the pixels that have the colours of ended (blue) and active
	// (orange) bars: a page that failed to draw has none.
	var blue, orange, all int
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			all++
			switch {
			case bl > 150 && bl > r+50 && r < 140:
				blue++
			case r > 220 && g > 120 && g < 180 && bl < 110:
				orange++
			}
		}
	}
	if blue < all/50 || orange < all/500 {
		t.Errorf("the screenshot (%dx%d) has %d blue and %d orange pixels of %d: the bars are not drawn", b.Dx(), b.Dy(), blue, orange, all)
	}
}

func TestBrowserOpensTheSVG(t *testing.T) {
	lanes, now := genLanes(10, 2)
	path := filepath.Join(t.TempDir(), "sessions.svg")
	var svg bytes.Buffer
	if err := (&timeline.Chart{Lanes: lanes, Now: now}).WriteSVG(&svg); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, svg.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := string(headless.Chromium(t, path, "--dump-dom"))
	// A document Chromium cannot parse shows its XML error page instead.
	if strings.Contains(dom, "parsererror") || !strings.Contains(dom, "stage/Stage0001") {
		t.Errorf("Chromium does not show the SVG:\n%s", dom[:min(len(dom), 1500)])
	}
}
