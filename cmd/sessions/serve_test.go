//lint:file-ignore SA1019 Nimble Studio's final SDK release marks every API deprecated; these tests serve it.

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/nimble"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
	"github.com/sessionkit/sessions/internal/serve"
)

// served is a "sessions serve" process.
type served struct {
	url    string
	cmd    *exec.Cmd
	stderr *bytes.Buffer
}

// startServe starts "sessions serve --port 0 args..." and waits for it to
// print its URL. The process is stopped at the end of the test if the
// test did not stop it.
func startServe(t *testing.T, args ...string) *served {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--port", "0", "--quota", "0"}, args...)...)
	cmd.Env = awsEnv(t)
	s := &served{cmd: cmd, stderr: &bytes.Buffer{}}
	cmd.Stderr = s.stderr
	dieWithTest(cmd)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if u, ok := strings.CutPrefix(line, "sessions serve: IVS Real-Time and Nimble Studio on "); ok {
			s.url = u
		}
		if line == "Stop with Ctrl-C." {
			break
		}
	}
	if s.url == "" {
		cmd.Wait()
		t.Fatalf("sessions serve printed no URL; stderr: %s", s.stderr)
	}
	return s
}

// stop sends SIGTERM, waits for the process to end and checks that it
// ended cleanly and is gone.
func (s *served) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("sessions serve ended with %v; stderr: %s", err, s.stderr)
		}
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-done
		t.Fatal("sessions serve did not stop on SIGTERM")
	}
	if err := syscall.Kill(s.cmd.Process.Pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("process %d still exists after it ended: %v", s.cmd.Process.Pid, err)
	}
	if !strings.Contains(s.stderr.String(), "sessions serve: stopped after") {
		t.Errorf("stderr %q, want the closing line", s.stderr)
	}
}

// stats reads the endpoint's request counters.
func (s *served) stats(t *testing.T) fakeaws.Stats {
	t.Helper()
	resp, err := http.Get(s.url + fakeaws.StatsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st fakeaws.Stats
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	return st
}

// runAt runs the built command with --endpoint-url url.
func runAt(t *testing.T, url string, args ...string) result {
	t.Helper()
	return runBin(t, nil, append(args, "--endpoint-url", url)...)
}

func serveCreds() aws.CredentialsProvider {
	return aws.NewCredentialsCache(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: serve.AccessKeyID, SecretAccessKey: serve.SecretAccessKey}, nil
	}))
}

// "sessions serve" as a process, driven by the real SDK clients and by the
// built command, in two regions, then stopped with SIGTERM.
func TestServeProcess(t *testing.T) {
	s := startServe(t, "--stages", "2", "--sessions", "230", "--regions", "us-west-2,eu-west-1", "--studios", "1", "--streaming-sessions", "40")
	ctx := context.Background()
	eu := ivsrealtime.New(ivsrealtime.Options{Region: "eu-west-1", BaseEndpoint: aws.String(s.url), Credentials: serveCreds()})
	p, err := sessions.StageSessions(eu, sessions.StageQuery{StageARN: serve.StageARN("eu-west-1", 1)})
	if err != nil {
		t.Fatal(err)
	}
	got, err := sessions.Collect(p.All(ctx))
	if err != nil || len(got) != 230 {
		t.Errorf("eu-west-1 stage 1: %d sessions, %v; want 230", len(got), err)
	}
	stages, err := eu.ListStages(ctx, &ivsrealtime.ListStagesInput{})
	names := map[string]bool{}
	for _, st := range stages.Stages {
		names[aws.ToString(st.Name)] = true
	}
	if err != nil || len(stages.Stages) != 2 || !names["main-stage"] || !names["town-hall"] {
		t.Errorf("ListStages in eu-west-1: %v, %v; want main-stage and town-hall", stages, err)
	}
	nim := nimble.New(nimble.Options{Region: "us-west-2", BaseEndpoint: aws.String(s.url), Credentials: serveCreds()})
	sp, err := sessions.StreamingSessions(nim, sessions.StudioQuery{StudioID: serve.StudioID(1)})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := sessions.Collect(sp.All(ctx)); err != nil || len(got) != 40 {
		t.Errorf("studio: %d sessions, %v; want 40", len(got), err)
	}

	r := runAt(t, s.url, "stage", "--stage-arn", serve.StageARN("us-west-2", 1), "--output", "jsonl")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 230 {
		t.Errorf("sessions stage: exit %d, %d lines; want 0 and 230; stderr: %s", r.code, strings.Count(r.stdout, "\n"), r.stderr)
	}
	// A stage of another region than the request's is not found, as on
	// AWS: the AWS spelling asks the configured region, as the AWS CLI
	// (the short one asks the stage's).
	r = runAt(t, s.url, "ivs-realtime", "list-stage-sessions", "--stage-arn", serve.StageARN("eu-west-1", 1))
	if r.code == 0 || !strings.Contains(r.stderr, "ResourceNotFoundException") {
		t.Errorf("eu-west-1 stage from us-west-2: exit %d, stderr %q; want ResourceNotFoundException", r.code, r.stderr)
	}
	s.stop(t)
}

// The command's SDK clients send exactly one request per page to a local
// endpoint: 10,000 sessions 100 a page are 100 requests, every time. Before
// the remedy for aws-sdk-go-v2#2737, 0.5–1.5 % of the requests were sent
// twice.
func TestServeOneRequestPerPage(t *testing.T) {
	const n, page, runs = 10000, 100, 20
	s := startServe(t, "--stages", "1", "--sessions", strconv.Itoa(n), "--studios", "0")
	arn := serve.StageARN("us-west-2", 1)
	for i := range runs {
		before := s.stats(t)
		r := runAt(t, s.url, "stage", "--stage-arn", arn, "--page-size", strconv.Itoa(page), "--output", "jsonl")
		after := s.stats(t)
		if r.code != 0 || strings.Count(r.stdout, "\n") != n {
			t.Fatalf("run %d: exit %d, %d lines; stderr: %s", i+1, r.code, strings.Count(r.stdout, "\n"), r.stderr)
		}
		if got := after.StageRequests - before.StageRequests; got != (n+page-1)/page {
			t.Errorf("run %d: %d requests, want %d", i+1, got, (n+page-1)/page)
		}
	}
	s.stop(t)
}

// What sessions prints can be served again, and lists again exactly as it
// was printed (TestServeAWSCLI does the same with the AWS CLI's).
func TestServeReplay(t *testing.T) {
	s := startServe(t, "--stages", "3", "--sessions", "25", "--studios", "1", "--streaming-sessions", "30", "--studio-page-size", "7")
	arn1, arn2, arn3 := serve.StageARN("us-west-2", 1), serve.StageARN("us-west-2", 2), serve.StageARN("us-west-2", 3)
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	type listing struct {
		name string
		args []string
	}
	listings := []listing{
		{"stage.json", []string{"stage", "--stage-arn", arn1, "--output", "json"}},
		{"stages.jsonl", []string{"stage", "--stage-arn", arn2, "--stage-arn", arn3, "--output", "jsonl"}},
		{"studio.json", []string{"studio", "--studio-id", serve.StudioID(1), "--output", "json"}},
	}
	want := map[string]string{}
	for _, l := range listings {
		r := runAt(t, s.url, l.args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", l.args, r.code, r.stderr)
		}
		want[l.name] = r.stdout
		write(l.name, r.stdout)
	}
	s.stop(t)

	// --stage-arn and --studio-id name the parent of the sessions of files
	// that name none (a single listing's JSON).
	replay := startServe(t, "--studio-page-size", "7", "--stage-arn", arn1, "--studio-id", serve.StudioID(1),
		"--data", filepath.Join(dir, "stage.json"), "--data", filepath.Join(dir, "stages.jsonl"), "--data", filepath.Join(dir, "studio.json"))
	// Several stages are listed concurrently, in the order their pages
	// arrive: compare those lines as a set.
	sorted := func(s string) string {
		lines := strings.Split(s, "\n")
		slices.Sort(lines)
		return strings.Join(lines, "\n")
	}
	for _, l := range listings {
		r := runAt(t, replay.url, l.args...)
		if got, w := r.stdout, want[l.name]; got != w && sorted(got) != sorted(w) || got == "" {
			t.Errorf("%v replayed:\n%s\nwant:\n%s", l.args, got, w)
		}
	}
	replay.stop(t)
}

// awsCLIs returns the AWS CLI executables found: the one on PATH and
// Debian's at /usr/bin/aws, which may be another major version.
func awsCLIs() []string {
	var found []string
	for _, name := range []string{"aws", "/usr/bin/aws"} {
		p, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		if !slices.Contains(found, p) {
			found = append(found, p)
		}
	}
	return found
}

// Each AWS CLI installed lists what it can from sessions serve, and a
// listing it printed, served again, lists again byte for byte: stage
// sessions and stages where it has ivs-realtime (1.x today), streaming
// sessions where it still has nimble (2.x releases before the shutdown).
func TestServeAWSCLI(t *testing.T) {
	clis := awsCLIs()
	if len(clis) == 0 {
		t.Skip("no AWS CLI installed")
	}
	arn, studio := serve.StageARN("us-west-2", 1), serve.StudioID(1)
	calls := []struct {
		name  string
		args  []string
		flags []string // sessions serve flags to replay the listing
	}{
		{"stage-sessions", []string{"ivs-realtime", "list-stage-sessions", "--stage-arn", arn}, []string{"--stage-arn", arn}},
		{"stages", []string{"ivs-realtime", "list-stages"}, nil},
		{"streaming-sessions", []string{"nimble", "list-streaming-sessions", "--studio-id", studio}, []string{"--studio-id", studio}},
	}
	env := append(awsEnv(t), "AWS_DEFAULT_REGION=us-west-2", "AWS_PAGER=")
	run := func(cli, url string, args []string) (string, bool) {
		cmd := exec.Command(cli, append(args, "--endpoint-url", url)...)
		cmd.Env = env
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			if strings.Contains(errOut.String(), "Invalid choice") {
				return "", false // this release lacks the service
			}
			t.Fatalf("%s %v: %v: %s", cli, args, err, errOut.String())
		}
		return out.String(), true
	}
	s := startServe(t, "--stages", "3", "--sessions", "40", "--studios", "1", "--streaming-sessions", "30")
	dir := t.TempDir()
	type listed struct {
		cli, out string
		args     []string
		flags    []string
		file     string
	}
	var got []listed
	for _, cli := range clis {
		lacks := map[string]bool{}
		for _, c := range calls {
			if lacks[c.args[0]] {
				continue
			}
			out, ok := run(cli, s.url, c.args)
			if !ok {
				t.Logf("%s has no %s", cli, c.args[0])
				lacks[c.args[0]] = true
				continue
			}
			file := filepath.Join(dir, strconv.Itoa(len(got))+"-"+c.name+".json")
			if err := os.WriteFile(file, []byte(out), 0o600); err != nil {
				t.Fatal(err)
			}
			got = append(got, listed{cli, out, c.args, c.flags, file})
		}
	}
	s.stop(t)
	if len(got) == 0 {
		t.Skip("no AWS CLI installed has ivs-realtime or nimble")
	}
	for _, l := range got {
		replay := startServe(t, append(l.flags, "--data", l.file)...)
		if out, _ := run(l.cli, replay.url, l.args); out != l.out {
			t.Errorf("%s %v replayed:\n%s\nwant:\n%s", l.cli, l.args, out, l.out)
		}
		replay.stop(t)
	}
}
