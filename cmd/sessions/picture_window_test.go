package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

// TestPictureWindow: --from and --to cut sessions to the window instead of
// dropping those begun before it, in the zone --tz names; lanes carry the
// stages' names and regions, from ListStages, for named stages too.
func TestPictureWindow(t *testing.T) {
	srv, west, east := windowServer(t)
	window := []string{"--from", "2026-11-30", "--to", "2026-11-30"}

	for name, args := range map[string][]string{
		"named stages":    {"stage", "--stage-arn", west, "--stage-arn", east},
		"--all-stages":    {"stage", "--all-stages", "--region", "us-west-2", "--region", "eu-west-1"},
		"one named stage": {"stage", "--stage-arn", west},
	} {
		t.Run(name, func(t *testing.T) {
			r := runBin(t, srv, append(append(args, window...), "--summary")...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit status %d, stderr %q", r.code, r.stderr)
			}
			if !strings.HasPrefix(r.stdout, "sessions cut to the window 2026-11-30 00:00:00 UTC to 2026-12-01 00:00:00 UTC\n") {
				t.Errorf("the summary does not name its window:\n%s", r.stdout)
			}
			if !regexp.MustCompile(`(?m)^studio-10 · us-west-2 +2 +0 +4h30m00s +3h00m00s +1 `).MatchString(r.stdout) {
				t.Errorf("no line for studio-10 with its 2 sessions in the window, 4h30m of them:\n%s", r.stdout)
			}
			if len(args) > 3 && !strings.Contains(r.stdout, "\nstudio-9 · eu-west-1 ") {
				t.Errorf("studio-9 of eu-west-1 is not named, or not before studio-10:\n%s", r.stdout)
			}
			// An idle stage --all-stages finds has a lane of its own.
			idle := regexp.MustCompile(`(?m)^studio-idle · us-west-2 +0 +0 `).MatchString(r.stdout)
			if idle != (name == "--all-stages") {
				t.Errorf("a line for the idle stage: %t, want %t:\n%s", idle, name == "--all-stages", r.stdout)
			}
		})
	}

	t.Run("time zone", func(t *testing.T) {
		// Midnight to midnight in Berlin is 23:00 to 23:00 UTC: the
		// session at 10:00 UTC is inside, the one begun at 22:00 the day
		// before runs 4 hours into it.
		r := runBin(t, srv, "stage", "--stage-arn", west, "--from", "2026-11-30", "--to", "2026-11-30", "--tz", "Europe/Berlin", "--summary")
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("exit status %d, stderr %q", r.code, r.stderr)
		}
		for _, want := range []string{"window 2026-11-30 00:00:00 CET to 2026-12-01 00:00:00 CET", " 5h30m00s ", " CET\n"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("no %q in the summary:\n%s", want, r.stdout)
			}
		}
	})

	t.Run("html", func(t *testing.T) {
		r := runBin(t, srv, append([]string{"stage", "--stage-arn", west, "--stage-arn", east, "--output", "html"}, window...)...)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("exit status %d, stderr %q", r.code, r.stderr)
		}
		for _, want := range []string{"studio-10 · us-west-2", "studio-9 · eu-west-1", "st-west-across-0000", "3h00m00s within the window"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("the page has no %q", want)
			}
		}
		if strings.Contains(r.stdout, "st-west-before") || strings.Contains(r.stdout, "st-west-afterw") {
			t.Error("the page draws sessions outside the window")
		}
	})
}

// TestPictureWindowValues: bad --tz, --from and --to values are usage
// errors; --started-after takes a date too.
func TestPictureWindowValues(t *testing.T) {
	srv, west, _ := windowServer(t)
	t.Run("bad values", func(t *testing.T) {
		for _, tc := range []struct {
			args []string
			want string
		}{
			{[]string{"--tz", "Mars/Olympus", "--summary"}, `--tz "Mars/Olympus": not a time zone; pass an IANA zone name`},
			{[]string{"--tz", "", "--summary"}, `--tz "": not a time zone`},
			{[]string{"--from", "2026-02-30", "--summary"}, `argument --from: "2026-02-30" is neither a date`},
			{[]string{"--to", "yesterday", "--output", "svg"}, `argument --to: "yesterday" is neither a date`},
			{[]string{"--from", "2026-12-01", "--to", "2026-11-30", "--summary"}, "--to 2026-12-01T00:00:00+00:00: must be later than --from"},
			{[]string{"--from", "2026-12-01", "--output", "json"}, "--from and --to set the window of the picture outputs"},
			{[]string{"--started-after", "30.11.2026"}, `argument --started-after: "30.11.2026" is neither a date`},
		} {
			r := runBin(t, srv, append([]string{"stage", "--stage-arn", west}, tc.args...)...)
			if r.code != exitUsage || r.stdout != "" || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("%v: exit status %d, stdout %q, stderr %q; want %d, nothing, and %q", tc.args, r.code, r.stdout, r.stderr, exitUsage, tc.want)
			}
		}
	})

	t.Run("dates for --started-after", func(t *testing.T) {
		r := runBin(t, srv, "stage", "--stage-arn", west, "--started-after", "2026-11-30", "--output", "text", "--query", "stageSessions[].sessionId")
		if r.code != 0 || strings.Fields(r.stdout)[0] != "st-west-inside-0000" {
			t.Errorf("exit status %d, stdout %q, stderr %q; want the sessions begun after midnight", r.code, r.stdout, r.stderr)
		}
	})
}

// windowServer serves two named stages of two regions, each with a
// session before, across, inside and after 2026-11-30 (UTC), and an idle
// stage; it returns the server and the two stages' ARNs.
func windowServer(t *testing.T) (srv *fakeaws.Server, west, east string) {
	t.Helper()
	west, east = "arn:aws:ivs:us-west-2:111122223333:stage/WinWest", "arn:aws:ivs:eu-west-1:111122223333:stage/WinEast"
	day := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	h := func(n float64) time.Time { return day.Add(time.Duration(n * float64(time.Hour))) }
	sessionsOf := func(prefix string) fakeaws.Dataset[fakeaws.StageSession] {
		return fakeaws.FromSlice([]fakeaws.StageSession{
			{SessionID: prefix + "-before-0000", StartTime: h(-30), EndTime: h(-25)}, // out
			{SessionID: prefix + "-across-0000", StartTime: h(-2), EndTime: h(3)},    // 3h inside
			{SessionID: prefix + "-inside-0000", StartTime: h(10), EndTime: h(11.5)}, // 1h30m
			{SessionID: prefix + "-afterw-0000", StartTime: h(50), EndTime: h(51)},   // out
		})
	}
	srv = fakeaws.New(fakeaws.WithStages(
		fakeaws.Stage{ARN: west, Name: "studio-10", Sessions: sessionsOf("st-west")},
		fakeaws.Stage{ARN: east, Name: "studio-9", Sessions: sessionsOf("st-east")},
		fakeaws.Stage{ARN: "arn:aws:ivs:us-west-2:111122223333:stage/WinIdle", Name: "studio-idle", Sessions: fakeaws.FromSlice([]fakeaws.StageSession{})},
	))
	t.Cleanup(srv.Close)
	return srv, west, east
}

// TestSummaryCountsWhatActiveKeeps: the summary's ACTIVE column counts
// exactly the sessions --active lists, for both services.
func TestSummaryCountsWhatActiveKeeps(t *testing.T) {
	const stage = "arn:aws:ivs:us-west-2:111122223333:stage/ActiveCount"
	srv := fakeaws.New(
		fakeaws.WithStage(stage, fakeaws.GenStageSessions(300, 5)),
		fakeaws.WithStudio(goldenStudio, fakeaws.GenStreamingSessions(400, 6)),
	)
	t.Cleanup(srv.Close)
	for _, parent := range [][]string{{"stage", "--stage-arn", stage}, {"studio", "--studio-id", goldenStudio}} {
		listed := runBin(t, srv, append(parent, "--active", "--output", "jsonl")...)
		sum := runBin(t, srv, append(parent, "--summary")...)
		if listed.code != 0 || sum.code != 0 {
			t.Fatalf("%v: exit status %d and %d, stderr %q %q", parent, listed.code, sum.code, listed.stderr, sum.stderr)
		}
		n := strings.Count(listed.stdout, "\n")
		m := regexp.MustCompile(`(?m)^\S.* +\d+ +(\d+) +\S+ +\S+ +\d+ `).FindStringSubmatch(lastLine(sum.stdout))
		if n == 0 || m == nil || m[1] != strconv.Itoa(n) {
			t.Errorf("%v: --active lists %d sessions; the summary's last line counts %v active:\n%s", parent, n, m, sum.stdout)
		}
	}
}
