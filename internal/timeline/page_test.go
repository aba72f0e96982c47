//go:build linux

package timeline_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sessionkit/sessions/internal/headless"
	"github.com/sessionkit/sessions/internal/timeline"
)

// driver plays a person on the page: it drags across the chart, pans,
// resets, searches for a session and clicks it, and writes what the page
// showed after each step into <pre id="result">.
const driver = `<script>
(function () {
  var svg = document.querySelector("#chart svg"), out = {};
  function shown() {
    return [].filter.call(svg.querySelectorAll("rect[data-s]"), function (r) { return r.getAttribute("display") !== "none"; }).length;
  }
  function ticks() { // the labels above the lanes: every other text
    return [].filter.call(document.querySelectorAll("#ticks text"), function (t, i) { return i % 2 === 0; })
      .map(function (t) { return t.textContent; }).slice(0, 3);
  }
  function status() { return document.getElementById("status").textContent; }
  function snap(name) { out[name] = { shown: shown(), ticks: ticks(), status: status() }; }
  var box = svg.getBoundingClientRect(), w = +svg.getAttribute("width");
  function mouse(type, x, shift, target) {
    (target || (type === "mousedown" ? svg : window)).dispatchEvent(new MouseEvent(type, {
      bubbles: true, cancelable: true, button: 0, shiftKey: !!shift,
      clientX: box.left + x * box.width / w, clientY: box.top + 200 }));
  }
  out.width = w;
  out.chartWidth = document.getElementById("chart").clientWidth;
  out.bars = svg.querySelectorAll("rect[data-s]").length;
  snap("start");
  mouse("mousedown", 400); mouse("mousemove", 450); mouse("mousemove", 520); mouse("mouseup", 520);
  snap("zoomed");
  mouse("mousedown", 600, true); mouse("mousemove", 500, true); mouse("mouseup", 500, true);
  snap("panned");
  document.getElementById("reset").click();
  snap("reset");
  var q = document.getElementById("q");
  q.value = "SEARCH";
  q.dispatchEvent(new Event("input"));
  out.lanesShown = [].filter.call(svg.querySelectorAll("g.lane"), function (g) { return g.getAttribute("display") !== "none"; }).length;
  out.hits = svg.querySelectorAll("rect.hit").length;
  out.found = document.getElementById("found").textContent;
  out.panelMax = document.getElementById("pmax").textContent;
  out.height = +svg.getAttribute("height");
  var hit = svg.querySelector("rect.hit");
  if (hit) { // a click as a mouse makes it
    var at = hit.getBoundingClientRect(), x = (at.left + 0.5 - box.left) * w / box.width;
    mouse("mousedown", x, false, hit); mouse("mouseup", x); mouse("click", x, false, hit);
  }
  var d = document.getElementById("details");
  out.details = d.hidden ? "" : d.textContent;
  var pre = document.createElement("pre");
  pre.id = "result";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
</body>`

type view struct {
	Shown  int
	Ticks  []string
	Status string
}

type pageResult struct {
	Width, ChartWidth, Bars, Height int
	Start, Zoomed, Panned, Reset    view
	LanesShown, Hits                int
	Found, Details, PanelMax        string
}

// TestPageInteractive drives the HTML page in headless Chromium: zoom,
// pan, reset, search and click.
func TestPageInteractive(t *testing.T) {
	now := time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	lanes := realistic(now, 7, 16, 1, false)
	target := lanes[5].Spans[3].ID
	c := &timeline.Chart{Title: "Stage sessions", Lanes: lanes, Now: now, Location: berlin}
	var page bytes.Buffer
	if err := c.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	doc := strings.Replace(page.String(), "</body>", strings.Replace(driver, "SEARCH", target, 1), 1)
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := string(headless.Chromium(t, path, "--dump-dom", "--window-size=1400,900"))
	m := regexp.MustCompile(`<pre id="result">(.*?)</pre>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("the page's script did not run to its end:\n%s", dom[max(0, len(dom)-3000):])
	}
	var r pageResult
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &r); err != nil {
		t.Fatalf("result %s: %v", m[1], err)
	}
	t.Logf("%+v", r)

	if r.Width < 1300 || r.Width != r.ChartWidth {
		t.Errorf("the chart is %d px wide in a %d px column of a 1400 px window: it does not fit the window", r.Width, r.ChartWidth)
	}
	if r.Start.Shown != r.Bars || r.Bars == 0 {
		t.Errorf("%d of %d bars shown before zooming, want all", r.Start.Shown, r.Bars)
	}
	if !strings.Contains(r.Start.Status, "CET") || strings.Contains(r.Start.Status, "zoomed") {
		t.Errorf("status before zooming %q: want the whole range, in Berlin's time", r.Start.Status)
	}
	// 120 px of about 1130: a ninth of the week, less than a day.
	if r.Zoomed.Shown == 0 || r.Zoomed.Shown > r.Bars/4 || !strings.Contains(r.Zoomed.Status, "(zoomed)") {
		t.Errorf("after dragging across 120 px: %d of %d bars shown, status %q; want a few, zoomed", r.Zoomed.Shown, r.Bars, r.Zoomed.Status)
	}
	if slicesEqual(r.Zoomed.Ticks, r.Start.Ticks) || !regexp.MustCompile(`(^|\x00)\d\d:\d\d(\x00|$)`).MatchString(strings.Join(r.Zoomed.Ticks, "\x00")) {
		t.Errorf("ticks after zooming %q (before %q): want hours", r.Zoomed.Ticks, r.Start.Ticks)
	}
	if r.Panned.Status == r.Zoomed.Status || !strings.Contains(r.Panned.Status, "(zoomed)") {
		t.Errorf("Shift+drag did not pan: status %q, then %q", r.Zoomed.Status, r.Panned.Status)
	}
	if r.Reset.Shown != r.Bars || r.Reset.Status != r.Start.Status {
		t.Errorf("after Reset: %d bars, status %q; want %d and %q", r.Reset.Shown, r.Reset.Status, r.Bars, r.Start.Status)
	}
	if r.LanesShown != 1 || r.Hits != 1 || r.Found != fmt.Sprintf("1 of %d lanes, 1 session matches", len(lanes)) {
		t.Errorf("searching %s: %d lanes, %d sessions marked, %q; want 1, 1 and a count", target, r.LanesShown, r.Hits, r.Found)
	}
	// One stage runs one session at a time: the panel counts its sessions.
	if r.PanelMax != "1" {
		t.Errorf("with one stage shown, the panel's scale goes to %q sessions at once, want 1", r.PanelMax)
	}
	if !strings.Contains(r.Details, target) || !strings.Contains(r.Details, lanes[5].Label) || !strings.Contains(r.Details, "CET") {
		t.Errorf("details of the session clicked: %q; want its ID, its lane %q and its times", r.Details, lanes[5].Label)
	}
}

func slicesEqual(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") }

// TestPageTicksMatchTheSVG: the page's script computes the axis as Ticks
// does (a port of it), in the chart's zone, across daylight-saving
// changes: at the width of the SVG, it shows the same ticks.
func TestPageTicksMatchTheSVG(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	tick := regexp.MustCompile(`<text class="tick[^"]*" x="[^"]*" y="[^"]*" text-anchor="middle">([^<]*)</text>`)
	labels := func(doc string) (out []string) {
		for i, m := range tick.FindAllStringSubmatch(doc, -1) {
			if i%2 == 0 { // above the lanes; the same below
				out = append(out, m[1])
			}
		}
		return out
	}
	dir := t.TempDir()
	for _, days := range []int{3, 40, 400} {
		start := time.Date(2026, 10, 24, 6, 0, 0, 0, berlin).AddDate(0, 0, -days/2)
		lanes := []timeline.Lane{{Name: "a", Spans: []timeline.Span{{ID: "x", Start: start, End: start.AddDate(0, 0, days)}}}}
		// 1368 px: the chart's column in a 1400 px window.
		c := &timeline.Chart{Lanes: lanes, Now: start.AddDate(0, 0, days+1), Location: berlin, Width: 1368}
		var b bytes.Buffer
		if err := c.WriteHTML(&b); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, fmt.Sprintf("%d.html", days))
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		dom := string(headless.Chromium(t, path, "--dump-dom", "--window-size=1400,900"))
		svg, page := labels(b.String()), labels(dom)
		if len(svg) < 3 || !slicesEqual(svg, page) {
			t.Errorf("%d days: the SVG's ticks %q, the page's %q", days, svg, page)
		}
	}
}
