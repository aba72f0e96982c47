package main

import (
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

// svgFacts parses an SVG document (failing the test if it is not well
// formed) and returns the tooltips of its session bars and its texts.
func svgFacts(t *testing.T, doc string) (bars, texts []string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	var stack []xml.StartElement
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok)
			text.Reset()
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			switch tok.Name.Local {
			case "text":
				texts = append(texts, text.String())
			case "title":
				if parent := stack[len(stack)-2]; parent.Name.Local == "rect" && slices.ContainsFunc(parent.Attr, func(a xml.Attr) bool {
					return a.Name.Local == "class" && slices.Contains([]string{"e", "a", "tr", "f"}, a.Value)
				}) {
					bars = append(bars, text.String())
				}
			}
			stack = stack[:len(stack)-1]
		}
	}
	return bars, texts
}

// sessionsDrawn counts the sessions bars draw, from their tooltips: one,
// or as many as a bar of sessions closer than a pixel says it holds
// ("12 sessions, …").
func sessionsDrawn(titles []string) int {
	n := 0
	for _, title := range titles {
		k, _, ok := strings.Cut(title, " sessions, ")
		c, err := strconv.Atoi(k)
		if !ok || err != nil {
			c = 1
		}
		n += c
	}
	return n
}

func TestPictureOutputs(t *testing.T) {
	srv := pictureServer(t)
	stages := []string{"stage", "--stage-arn", pictureStageA, "--stage-arn", pictureStageB}

	t.Run("svg of two stages", func(t *testing.T) {
		r := runBin(t, srv, append(stages, "--output", "svg")...)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("exit status %d, stderr %q", r.code, r.stderr)
		}
		bars, texts := svgFacts(t, r.stdout)
		if n := sessionsDrawn(bars); n != 300 {
			t.Errorf("%d session bars draw %d sessions, want 300", len(bars), n)
		}
		all := strings.Join(texts, "\n")
		for _, want := range []string{"stage/PictureA", "180 sessions", "stage/PictureB", "120 sessions", "300 sessions in 2 lanes", "peak: "} {
			if !strings.Contains(all, want) {
				t.Errorf("the picture has no text %q", want)
			}
		}
		first := fakeaws.GenStageSessions(1, 1).At(0)
		if !slices.ContainsFunc(bars, func(b string) bool { return strings.HasPrefix(b, first.SessionID+"\n") }) {
			t.Errorf("no bar has the tooltip of session %s", first.SessionID)
		}
	})

	t.Run("html under the AWS spelling", func(t *testing.T) {
		r := runBin(t, srv, "ivs-realtime", "list-stage-sessions", "--stage-arn", pictureStageA, "--output", "html")
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("exit status %d, stderr %q", r.code, r.stderr)
		}
		for _, want := range []string{"<!DOCTYPE html>", "<svg ", "stage/PictureA", `<pre id="summary">`, pictureStageA} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("the page has no %q", want)
			}
		}
	})

	t.Run("summary", func(t *testing.T) {
		// Ended sessions only, so that the summary does not depend on now.
		short := runBin(t, srv, append(stages, "--ended", "--summary")...)
		if short.code != 0 || short.stderr != "" {
			t.Fatalf("exit status %d, stderr %q", short.code, short.stderr)
		}
		golden(t, "stages.summary", short.stdout)
		long := runBin(t, srv, "ivs-realtime", "list-stage-sessions", "--stage-arn", pictureStageA, "--stage-arn", pictureStageB, "--ended", "--output", "summary")
		if long.stdout != short.stdout {
			t.Errorf("--output summary under the AWS spelling differs from --summary:\n%s\nvs\n%s", long.stdout, short.stdout)
		}
		// The server has these two stages only: --all-stages finds them.
		all := runBin(t, srv, "stage", "--all-stages", "--ended", "--summary")
		if all.stdout != short.stdout {
			t.Errorf("--all-stages --summary differs from naming the stages:\n%s\nvs\n%s", all.stdout, short.stdout)
		}
	})

	t.Run("summary cut by max-items", func(t *testing.T) {
		r := runBin(t, srv, "stage", "--stage-arn", pictureStageA, "--max-items", "10", "--summary")
		if r.code != 0 {
			t.Fatalf("exit status %d, stderr %q", r.code, r.stderr)
		}
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta("stage/PictureA · us-west-2") + ` +10 `).MatchString(r.stdout) {
			t.Errorf("the summary does not count 10 sessions of the stage:\n%s", r.stdout)
		}
		if !strings.HasPrefix(lastLine(r.stdout), "NextToken: sessions.") {
			t.Errorf("the summary does not end with the NextToken:\n%s", r.stdout)
		}
	})
}

// TestPictureOwners draws and sums up a studio's sessions per owner.
func TestPictureOwners(t *testing.T) {
	srv := pictureServer(t)
	t.Run("studio lanes per owner", func(t *testing.T) {
		for _, args := range [][]string{
			{"studio", "--studio-id", goldenStudio, "--lanes", "owner", "--output", "svg"},
			{"nimble", "list-streaming-sessions", "--studio-id", goldenStudio, "--lanes", "owner", "--output", "svg"},
		} {
			r := runBin(t, srv, args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("%v: exit status %d, stderr %q", args, r.code, r.stderr)
			}
			bars, texts := svgFacts(t, r.stdout)
			if n := sessionsDrawn(bars); n != 40 {
				t.Errorf("%v: %d session bars draw %d sessions, want 40", args, len(bars), n)
			}
			for _, user := range fakeaws.GenUsers {
				if !slices.Contains(texts, user) {
					t.Errorf("%v: no lane for owner %s; texts %q", args, user, texts)
				}
			}
		}
	})

	t.Run("summary per owner", func(t *testing.T) {
		r := runBin(t, srv, "studio", "--studio-id", goldenStudio, "--lanes", "owner", "--summary")
		if r.code != 0 {
			t.Fatalf("exit status %d, stderr %q", r.code, r.stderr)
		}
		for _, user := range fakeaws.GenUsers {
			if !regexp.MustCompile(`(?m)^` + user + ` +\d`).MatchString(r.stdout) {
				t.Errorf("no summary line for owner %s:\n%s", user, r.stdout)
			}
		}
		if !regexp.MustCompile(`(?m)^OWNER +SESSIONS`).MatchString(r.stdout) {
			t.Errorf("the summary's first column is not headed OWNER:\n%s", r.stdout)
		}
	})
}

// TestPictureUsageErrors: what the picture outputs cannot honour is a
// usage error, before any request.
func TestPictureUsageErrors(t *testing.T) {
	srv := pictureServer(t)
	stages := []string{"stage", "--stage-arn", pictureStageA, "--stage-arn", pictureStageB}
	t.Run("usage errors", func(t *testing.T) {
		for _, tc := range []struct {
			args []string
			flag string
		}{
			{append(stages, "--summary", "--output", "json"), "--summary"},
			{append(stages, "--output", "svg", "--query", "stageSessions[0]"), "--query"},
			{append(stages, "--lanes", "owner", "--output", "svg"), "--lanes"},
			{[]string{"studio", "--studio-id", goldenStudio, "--lanes", "owner"}, "--lanes"},
			{[]string{"studio", "--studio-id", goldenStudio, "--lanes", "team", "--summary"}, "--lanes"},
		} {
			r := runBin(t, srv, tc.args...)
			if r.code != exitUsage || r.stdout != "" || !strings.Contains(r.stderr, tc.flag) {
				t.Errorf("%v: exit status %d, stdout %q, stderr %q; want %d, nothing, and a message naming %s",
					tc.args, r.code, r.stdout, r.stderr, exitUsage, tc.flag)
			}
		}
	})
}

const (
	pictureStageA = "arn:aws:ivs:us-west-2:111122223333:stage/PictureA"
	pictureStageB = "arn:aws:ivs:us-west-2:111122223333:stage/PictureB"
)

// pictureServer serves two stages of 180 and 120 sessions and a studio of
// 40 streaming sessions.
func pictureServer(t *testing.T) *fakeaws.Server {
	t.Helper()
	srv := fakeaws.New(
		fakeaws.WithStage(pictureStageA, fakeaws.GenStageSessions(180, 1)),
		fakeaws.WithStage(pictureStageB, fakeaws.GenStageSessions(120, 2)),
		fakeaws.WithStudio(goldenStudio, fakeaws.GenStreamingSessions(40, 3)),
	)
	t.Cleanup(srv.Close)
	return srv
}

// TestPicturePartial: a picture or summary of the AWS CLI's single request
// (--no-paginate, --max-results, --next-token) says when it shows one page
// of a longer listing, and when it starts after earlier pages; one that
// shows the whole listing says nothing of the kind (issue 15, item 18).
func TestPicturePartial(t *testing.T) {
	srv := goldenServer(t)
	stage := []string{"stage", "--stage-arn", goldenARN}
	first := runBin(t, srv, append(slices.Clone(stage), "--max-results", "2", "--output", "json")...)
	next := regexp.MustCompile(`"nextToken": "([^"]+)"`).FindStringSubmatch(first.stdout)
	if next == nil {
		t.Fatalf("no nextToken in %q", first.stdout)
	}
	for _, tt := range []struct {
		name string
		args []string
		want []string // in stdout; none: no word of a part
	}{
		{"summary of one page", []string{"--max-results", "2", "--output", "summary"}, []string{"more sessions follow", "--next-token " + next[1]}},
		{"svg of one page", []string{"--max-results", "2", "--output", "svg"}, []string{"more sessions follow", "--next-token " + next[1]}},
		{"summary from a next token", []string{"--next-token", next[1], "--output", "summary"}, []string{"earlier pages"}},
		{"html from a next token, one page", []string{"--next-token", next[1], "--max-results", "2", "--output", "html"}, []string{"earlier pages", "more sessions follow"}},
		{"summary of the whole listing, one request", []string{"--no-paginate", "--output", "summary"}, nil},
		{"summary of the whole listing", []string{"--output", "summary"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runBin(t, srv, append(slices.Clone(stage), tt.args...)...)
			if r.code != 0 {
				t.Fatalf("exit status %d, stderr %q", r.code, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("output does not say %q:\n%s", w, r.stdout)
				}
			}
			if tt.want == nil && (strings.Contains(r.stdout, "more sessions follow") || strings.Contains(r.stdout, "earlier pages")) {
				t.Errorf("the whole listing says it is partial:\n%s", r.stdout)
			}
		})
	}
}
