package timeline_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
	"github.com/sessionkit/sessions/internal/timeline"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// element is an SVG element as parsed back: its name, attributes, the text
// of its <title> child and its own text.
type element struct {
	name  string
	attr  map[string]string
	title string
	text  string
}

func (e *element) num(t *testing.T, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(e.attr[name], 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", e.name, name, e.attr[name], err)
	}
	return v
}

// parseSVG decodes doc as XML, failing the test if it is not well formed,
// and returns its elements in document order.
func parseSVG(t *testing.T, doc []byte) []*element {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	var all, stack []*element
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v\n%s", err, doc[:min(len(doc), 2000)])
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &element{name: tok.Name.Local, attr: map[string]string{}}
			for _, a := range tok.Attr {
				e.attr[a.Name.Local] = a.Value
			}
			all = append(all, e)
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			top := stack[len(stack)-1]
			top.text += string(tok)
			if top.name == "title" && len(stack) > 1 {
				stack[len(stack)-2].title += string(tok)
			}
		}
	}
	if len(all) == 0 || all[0].name != "svg" {
		t.Fatalf("the document does not start with <svg>")
	}
	return all
}

// bars returns the session bars: rects of class e (ended), a (active), tr
// (in transition) or f (failed).
func bars(els []*element) []*element {
	var bs []*element
	for _, e := range els {
		if e.name == "rect" && slices.Contains([]string{"e", "a", "tr", "f"}, e.attr["class"]) && e.title != "" {
			bs = append(bs, e)
		}
	}
	return bs
}

// sessionsDrawn counts the sessions bars draw: one, or as many as a bar
// of sessions that touch says it holds ("12 sessions, …").
func sessionsDrawn(bs []*element) int {
	n := 0
	for _, b := range bs {
		k, rest, ok := strings.Cut(b.title, " sessions, ")
		c, err := strconv.Atoi(k)
		if !ok || err != nil || strings.Contains(k, "\n") || rest == "" {
			c = 1
		}
		n += c
	}
	return n
}

func texts(els []*element) []string {
	var ts []string
	for _, e := range els {
		if e.name == "text" {
			ts = append(ts, e.text)
		}
	}
	return ts
}

func render(t *testing.T, c *timeline.Chart) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := c.WriteSVG(&b); err != nil {
		t.Fatalf("WriteSVG: %v", err)
	}
	return b.Bytes()
}

// genLanes spreads n generated stage sessions over the given number of
// stages, as StageLanes builds them, with now just after the last event.
func genLanes(n, stages int) ([]timeline.Lane, time.Time) {
	var ss []sessions.StageSession
	var now time.Time
	for s := range stages {
		k := n / stages
		if s < n%stages {
			k++
		}
		arn := fmt.Sprintf("arn:aws:ivs:us-west-2:111122223333:stage/Stage%04d", s)
		for _, x := range fakeaws.GenStageSessions(k, uint64(s)+1).Items() {
			ss = append(ss, sessions.StageSession{StageARN: arn, ID: x.SessionID, StartTime: x.StartTime, EndTime: x.EndTime})
			now = latest(now, x.StartTime, x.EndTime)
		}
	}
	return timeline.StageLanes(ss), now.Add(time.Minute)
}

func latest(ts ...time.Time) time.Time {
	return slices.MaxFunc(ts, time.Time.Compare)
}

func TestSVGDrawsEverySession(t *testing.T) {
	for _, tc := range []struct{ n, stages int }{{1, 1}, {10, 2}, {300, 5}, {5000, 20}, {5000, 1}, {2000, 500}} {
		t.Run(fmt.Sprintf("%d sessions in %d lanes", tc.n, tc.stages), func(t *testing.T) {
			lanes, now := genLanes(tc.n, tc.stages)
			doc := render(t, &timeline.Chart{Lanes: lanes, Now: now})
			els := parseSVG(t, doc)
			bs := bars(els)
			if drawn := sessionsDrawn(bs); drawn != tc.n {
				t.Fatalf("%d bars draw %d sessions, want every session (%d)", len(bs), drawn, tc.n)
			}
			svg := els[0]
			width, height := svg.num(t, "width"), svg.num(t, "height")
			activeN := 0
			for _, l := range lanes {
				for _, s := range l.Spans {
					if s.Active {
						activeN++
					}
				}
			}
			gotActive := 0
			for _, b := range bs {
				x, w, y, h := b.num(t, "x"), b.num(t, "width"), b.num(t, "y"), b.num(t, "height")
				if x < 0 || w < 1 || x+w > width+0.1 || y < 0 || h <= 0 || y+h > height {
					t.Fatalf("bar %q at x=%v w=%v y=%v h=%v lies outside the %vx%v picture", b.title, x, w, y, h, width, height)
				}
				if b.attr["class"] == "a" {
					gotActive += sessionsDrawn([]*element{b})
				}
			}
			if gotActive != activeN {
				t.Errorf("%d bars drawn as active, want %d", gotActive, activeN)
			}
			// Even 5,000 sessions make a picture a browser opens at once.
			if len(doc) > 250*tc.n+20_000 {
				t.Errorf("the SVG has %d bytes, more than 250 per session", len(doc))
			}
			if height > 3000 {
				t.Errorf("the SVG is %v pixels tall", height)
			}
		})
	}
}

func TestSVGRowsDoNotOverlap(t *testing.T) {
	lanes, now := genLanes(300, 5)
	els := parseSVG(t, render(t, &timeline.Chart{Lanes: lanes, Now: now}))
	type key struct{ y float64 }
	rows := map[key][][2]float64{}
	for _, b := range bars(els) {
		k := key{b.num(t, "y")}
		rows[k] = append(rows[k], [2]float64{b.num(t, "x"), b.num(t, "x") + b.num(t, "width")})
	}
	if len(rows) < 10 {
		t.Fatalf("only %d rows for 300 overlapping sessions", len(rows))
	}
	for k, xs := range rows {
		slices.SortFunc(xs, func(a, b [2]float64) int { return int(a[0] - b[0]) })
		for i := 1; i < len(xs); i++ {
			if xs[i][0] < xs[i-1][1] {
				t.Errorf("row at y=%v: a bar at x=%v starts before the one before it ends (%v)", k.y, xs[i][0], xs[i-1][1])
			}
		}
	}
}

func TestSVGMarksPeakAndAxis(t *testing.T) {
	lanes := []timeline.Lane{
		{Name: "arn:aws:ivs:us-west-2:111122223333:stage/One", Label: "stage/One", Spans: []timeline.Span{ended("a", 0, 30), ended("b", 10, 20), active("c", 50)}},
		{Name: "arn:aws:ivs:us-west-2:111122223333:stage/Two", Label: "stage/Two", Spans: []timeline.Span{ended("d", 15, 75)}},
	}
	els := parseSVG(t, render(t, &timeline.Chart{Title: "Two stages", Lanes: lanes, Now: at(60)}))
	ts := strings.Join(texts(els), "\n")
	for _, want := range []string{
		"Two stages",
		"peak: 3 at once, 2024-03-05 10:15:00 UTC",
		"stage/One", "stage/Two",
		"Mar 5 10:00", "10:30", "11:00",
		"4 sessions in 2 lanes, 1 active",
	} {
		if !strings.Contains(ts, want) {
			t.Errorf("no text %q in the SVG; its texts:\n%s", want, ts)
		}
	}
	var titles []string
	for _, b := range bars(els) {
		titles = append(titles, b.title)
	}
	slices.Sort(titles) // bars are drawn row by row
	wantTitles := []string{
		"a\n2024-03-05 10:00:00 UTC to 2024-03-05 10:30:00 UTC, 30m00s",
		"b\n2024-03-05 10:10:00 UTC to 2024-03-05 10:20:00 UTC, 10m00s",
		"c\n2024-03-05 10:50:00 UTC to now (active), 10m00s",
		"d\n2024-03-05 10:15:00 UTC to 2024-03-05 11:15:00 UTC, 1h00m00s",
	}
	if !slices.Equal(titles, wantTitles) {
		t.Errorf("bar tooltips:\n%q\nwant\n%q", titles, wantTitles)
	}
	var lines int
	for _, e := range els {
		if e.name == "line" && e.attr["class"] == "peak" && e.attr["x1"] == e.attr["x2"] {
			lines++
		}
	}
	if lines != 1 {
		t.Errorf("%d vertical peak lines, want 1", lines)
	}
}

func TestSVGEscapes(t *testing.T) {
	nasty := `<script>alert("x")</script> & 'q' ]]> ` + "\x01\x1b[31m"
	lanes := []timeline.Lane{{Name: nasty, Label: nasty, Spans: []timeline.Span{{ID: nasty, Start: at(0), End: at(5)}}}}
	c := &timeline.Chart{Title: nasty, Lanes: lanes, Now: at(10)}
	doc := render(t, c)
	if bytes.Contains(doc, []byte("<script")) || bytes.Contains(doc, []byte("\x1b")) {
		t.Fatalf("the SVG holds the raw name:\n%s", doc)
	}
	els := parseSVG(t, doc)
	bs := bars(els)
	if len(bs) != 1 || !strings.HasPrefix(bs[0].title, `<script>alert("x")</script> & 'q' ]]> `) {
		t.Errorf("the bars do not give back the ID in their tooltip: %d bars", len(bs))
		for _, b := range bs {
			t.Logf("tooltip %q", b.title)
		}
	}
	var html bytes.Buffer
	if err := c.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	// The page's own two scripts (its data and its code), and no other.
	if bytes.Contains(html.Bytes(), []byte("<script>alert")) || bytes.Count(html.Bytes(), []byte("<script")) != 2 {
		t.Errorf("the HTML page holds the raw name:\n%s", html.Bytes())
	}
}

func TestSVGNoSessions(t *testing.T) {
	for _, lanes := range [][]timeline.Lane{nil, {{Name: "empty"}}, {{Name: "undated", Spans: []timeline.Span{{ID: "u"}}}}} {
		els := parseSVG(t, render(t, &timeline.Chart{Lanes: lanes}))
		if len(bars(els)) != 0 {
			t.Errorf("%d bars for no dated session", len(bars(els)))
		}
		ts := texts(els)
		if !slices.ContainsFunc(ts, func(s string) bool {
			return strings.HasPrefix(s, "no sessions") || strings.HasPrefix(s, "1 session in")
		}) {
			t.Errorf("the picture does not say there is nothing to draw: %q", ts)
		}
	}
}

func TestSVGDeterministic(t *testing.T) {
	lanes, now := genLanes(500, 3)
	first := render(t, &timeline.Chart{Lanes: lanes, Now: now})
	// The same sessions in another order give the same picture.
	for i := range lanes {
		slices.Reverse(lanes[i].Spans)
	}
	if again := render(t, &timeline.Chart{Lanes: lanes, Now: now}); !bytes.Equal(first, again) {
		t.Errorf("two renderings of the same sessions differ")
	}
}

func TestGolden(t *testing.T) {
	lanes, now := genLanes(12, 3)
	lanes[1].Spans = append(lanes[1].Spans, timeline.Span{ID: "st-without-start"})
	c := &timeline.Chart{Title: "Stage sessions", Lanes: lanes, Now: now}
	var svg, html, text bytes.Buffer
	if err := c.WriteSVG(&svg); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	s := timeline.Summarize(lanes, now)
	if err := s.WriteText(&text, nil); err != nil {
		t.Fatal(err)
	}
	golden(t, "stages.svg", svg.Bytes())
	golden(t, "stages.html", html.Bytes())
	golden(t, "stages.txt", text.Bytes())
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it); got:\n%s", name, got)
	}
}

func TestSVGLongActiveSessionsDoNotSqueezeTheRest(t *testing.T) {
	// A session left active for a year beside a day of ended ones: the
	// axis ends after the last start or end, the active bar runs off it.
	lanes := []timeline.Lane{{Name: "stage", Spans: []timeline.Span{
		active("forgotten", 0), ended("a", 60, 120), ended("b", 600, 660), ended("c", 1400, 1440),
	}}}
	els := parseSVG(t, render(t, &timeline.Chart{Lanes: lanes, Now: at(365 * 24 * 60)}))
	svgW := els[0].num(t, "width")
	for _, b := range bars(els) {
		x, w := b.num(t, "x"), b.num(t, "width")
		if x+w > svgW {
			t.Errorf("bar %q ends at %v, past the picture's width %v", b.title, x+w, svgW)
		}
		if strings.HasPrefix(b.title, "a\n") && w < 20 {
			t.Errorf("an hour of a day is %v pixels wide: the axis spans the year to now", w)
		}
	}
	if ts := strings.Join(texts(els), "\n"); !strings.Contains(ts, "active sessions run on to now, 2025-03-05 10:00:00 UTC") {
		t.Errorf("the picture does not say the active sessions run on; texts:\n%s", ts)
	}
}
