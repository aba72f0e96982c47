//go:build linux

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sessionkit/sessions/internal/fakeaws"
	"github.com/sessionkit/sessions/internal/headless"
)

// TestPictureInBrowser opens what --output html and --output svg print in
// headless Chromium and checks what the browser shows.
func TestPictureInBrowser(t *testing.T) {
	srv := goldenServer(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		file string
		args []string
		want []string
	}{
		{"stages.html", []string{"stage", "--stage-arn", goldenARN, "--stage-arn", goldenARN2, "--output", "html"},
			[]string{"stage/GoldenStage", "stage/GoldenStage2", "Jan 1 00:00", "peak: ", "11 sessions in 2 lanes", "TOTAL"}},
		{"studio.svg", []string{"nimble", "list-streaming-sessions", "--studio-id", goldenStudio, "--lanes", "owner", "--output", "svg"},
			[]string{fakeaws.GenStreamingSessions(1, 42).At(0).OwnedBy, "peak: ", "6 sessions in"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r := runBin(t, srv, tc.args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit status %d, stderr %q", r.code, r.stderr)
			}
			path := filepath.Join(dir, tc.file)
			if err := os.WriteFile(path, []byte(r.stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			dom := string(headless.Chromium(t, path, "--dump-dom"))
			if strings.Contains(dom, "parsererror") {
				t.Fatalf("Chromium could not read the document:\n%s", dom)
			}
			for _, want := range tc.want {
				if !strings.Contains(dom, want) {
					t.Errorf("the browser shows no %q", want)
				}
			}
			bars := regexp.MustCompile(`<rect class="(e|a|tr|f)"[^>]*><title>`).FindAllString(dom, -1)
			if want := strings.Count(r.stdout, "<title>st-") + strings.Count(r.stdout, "<title>session-"); len(bars) != want || want == 0 {
				t.Errorf("the browser shows %d session bars, want %d (one per session printed)", len(bars), want)
			}
		})
	}
}
