package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/archive"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

var syncedLine = regexp.MustCompile(`^synced (\d+) stages: (\d+) new, (\d+) updated sessions, (\d+) requests in \S+$`)

// syncFigures parses the last line of a sync: stages, new, updated,
// requests.
func syncFigures(t *testing.T, stdout string) [4]int {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	m := syncedLine.FindStringSubmatch(lines[len(lines)-1])
	if m == nil {
		t.Fatalf("last line %q is not the synced line", lines[len(lines)-1])
	}
	var f [4]int
	for i := range f {
		f[i], _ = strconv.Atoi(m[i+1])
	}
	return f
}

// archivedIDs returns "arn id" of every session in the archive at path.
func archivedIDs(t *testing.T, path string) []string {
	t.Helper()
	a, err := archive.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var ids []string
	for s, err := range a.StageSessions(context.Background(), archive.Query{}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.StageARN+" "+s.ID)
	}
	slices.Sort(ids)
	return ids
}

// listedIDs returns "arn id" of every session "stage --all-stages" lists.
func listedIDs(t *testing.T, srv *fakeaws.Server, regions ...string) []string {
	t.Helper()
	args := []string{"stage", "--all-stages", "--output", "json"}
	for _, r := range regions {
		args = append(args, "--region", r)
	}
	r := runBin(t, srv, args...)
	if r.code != 0 {
		t.Fatalf("stage --all-stages: exit status %d, %s", r.code, r.stderr)
	}
	ids, _ := parseOutput(t, "json", r.stdout)
	slices.Sort(ids)
	return ids
}

func TestSyncHoldsWhatTheListingLists(t *testing.T) {
	srv, _ := accountServer(t)
	db := filepath.Join(t.TempDir(), "s.db")
	sync := []string{"sync", "--db", db, "--region", "us-west-2", "--region", "eu-west-1"}
	r := runBin(t, srv, sync...)
	if r.code != 0 {
		t.Fatalf("sync: exit status %d, %s", r.code, r.stderr)
	}
	want := listedIDs(t, srv, "us-west-2", "eu-west-1")
	if f := syncFigures(t, r.stdout); f[0] != 5 || f[1] != len(want) || f[2] != 0 {
		t.Errorf("first sync: %s", r.stdout)
	}
	if diff := cmp.Diff(want, archivedIDs(t, db)); diff != "" {
		t.Errorf("archive (-listed +archived):\n%s", diff)
	}
	r = runBin(t, srv, sync...)
	if f := syncFigures(t, r.stdout); r.code != 0 || f[1] != 0 || f[2] != 0 || f[3] > 2*f[0] {
		t.Errorf("second sync: exit status %d, %s", r.code, r.stdout)
	}
}

// cancelAfter serves srv's endpoint through a proxy that cancels the
// returned context once n responses were sent (at once for n = 0): an
// interrupt at an exact point of a sync, as SIGINT does in the command.
func cancelAfter(t *testing.T, srv *fakeaws.Server, n int) (context.Context, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if n == 0 {
		cancel()
	}
	target, _ := url.Parse(srv.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	var served atomic.Int64
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proxy.ServeHTTP(w, r)
		if served.Add(1) == int64(n) {
			cancel()
		}
	}))
	t.Cleanup(front.Close)
	return ctx, front.URL
}

func TestSyncInterruptedThenAgain(t *testing.T) {
	var stages []fakeaws.Stage
	for i := range 3 {
		stages = append(stages, fakeaws.Stage{ARN: fmt.Sprintf("arn:aws:ivs:us-west-2:111122223333:stage/Int%d", i), Sessions: fakeaws.GenStageSessions(700, uint64(i))})
	}
	srv := fakeaws.New(fakeaws.WithStages(stages...))
	t.Cleanup(srv.Close)
	db := filepath.Join(t.TempDir(), "s.db")
	args := []string{"sync", "--db", db, "--concurrency", "1"}
	// Interrupted before the file is opened, after ListStages, and in the
	// middle of each stage's listing.
	for _, n := range []int{0, 1, 3, 9, 16} {
		ctx, endpoint := cancelAfter(t, srv, n)
		r := runIn(t, ctx, nil, append(args, "--endpoint-url", endpoint)...)
		if r.code != exitInterrupted || !strings.Contains(r.stderr, "Interrupted") {
			t.Fatalf("sync interrupted after %d responses: exit status %d, %s", n, r.code, r.stderr)
		}
	}
	if r := runBin(t, srv, args...); r.code != 0 {
		t.Fatalf("sync again: exit status %d, %s", r.code, r.stderr)
	}
	if diff := cmp.Diff(listedIDs(t, srv), archivedIDs(t, db)); diff != "" {
		t.Errorf("archive (-listed +archived):\n%s", diff)
	}
}

// SIGINT reaches the same path as a cancelled context: the interrupted
// exit status, never a failure of the file.
func TestSyncSIGINT(t *testing.T) {
	srv := fakeaws.New(fakeaws.WithStages(fakeaws.Stage{ARN: "arn:aws:ivs:us-west-2:111122223333:stage/Sig", Sessions: fakeaws.GenStageSessions(2000, 1)}))
	t.Cleanup(srv.Close)
	srv.SetLatency(20 * time.Millisecond)
	db := filepath.Join(t.TempDir(), "s.db")
	args := []string{"sync", "--db", db, "--endpoint-url", srv.URL}
	for _, wait := range []time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 150 * time.Millisecond} {
		cmd := exec.Command(binary, args...)
		cmd.Env = awsEnv(t)
		var errOut strings.Builder
		cmd.Stderr = &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(wait)
		cmd.Process.Signal(syscall.SIGINT)
		// -1: the signal came before the handler was set, as a crash.
		if code := exitStatus(t, cmd.Wait(), args); code != exitInterrupted && code != 0 && code != -1 {
			t.Fatalf("interrupted sync: exit status %d, %s", code, errOut.String())
		}
	}
}

func TestSyncBadFileSendsNothing(t *testing.T) {
	srv, _ := accountServer(t)
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte(strings.Repeat("not a database\n", 50)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range [][]string{{"sync", "--db", text}, {"report", "--db", text}, {"report", "--db", filepath.Join(dir, "missing.db")}} {
		srv.ResetStats()
		r := runBin(t, srv, cmd...)
		if r.code != exitFailure || !strings.Contains(r.stderr, "sessions: "+cmd[2]+" ") {
			t.Errorf("%v: exit status %d, stderr %q", cmd, r.code, r.stderr)
		}
		if n := len(srv.Log()); n != 0 {
			t.Errorf("%v: %d requests sent", cmd, n)
		}
	}
}

func TestReportOutputs(t *testing.T) {
	srv, _ := accountServer(t)
	db := filepath.Join(t.TempDir(), "s.db")
	if r := runBin(t, srv, "sync", "--db", db, "--region", "us-west-2", "--region", "eu-west-1"); r.code != 0 {
		t.Fatalf("sync: %s", r.stderr)
	}
	total := len(archivedIDs(t, db))
	r := runBin(t, nil, "report", "--db", db, "--by", "tag:team", "--output", "csv")
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || r.code != 0 {
		t.Fatalf("report csv: %v, exit %d, %s", err, r.code, r.stderr)
	}
	want := [][]string{{"tag:team", "stages"}, {"blue", "2"}, {"red", "3"}, {"total", "5"}}
	var got [][]string
	for _, row := range rows {
		got = append(got, row[:2])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("csv (-want +got):\n%s", diff)
	}
	r = runBin(t, nil, "report", "--db", db, "--output", "json", "--tz", "Asia/Tokyo")
	var rep struct {
		Groups []struct {
			Key      string
			Sessions int
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Groups) != 6 || rep.Groups[5].Sessions != total {
		t.Errorf("report json: %v, %s", err, r.stdout)
	}
	r = runBin(t, nil, "report", "--db", db)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "NAME ") || !strings.Contains(r.stdout, "prod-1") {
		t.Errorf("report table: exit %d\n%s", r.code, r.stdout)
	}
	r = runBin(t, nil, "report", "--db", db, "--output", "svg")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "<svg") || !strings.Contains(r.stdout, "prod-1") {
		t.Errorf("report svg: exit %d, %.200s", r.code, r.stdout)
	}
	for _, bad := range [][]string{{"--by", "team"}, {"--tz", "Mars/Olympus"}, {"--from", "yesterday"}, {"--output", "yaml"}} {
		if r := runBin(t, nil, append([]string{"report", "--db", db}, bad...)...); r.code != exitUsage {
			t.Errorf("report %v: exit status %d, want %d", bad, r.code, exitUsage)
		}
	}
}
