package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// binary is the command built once for the tests that run it.
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "sessions-cmd-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "sessions")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building the command:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	if code == 0 {
		// The in-process tests start the SDK's HTTP clients, the fake
		// server and the Merge and prefetch goroutines.
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// awsEnv returns an environment in which the AWS configuration chain finds
// test credentials and a region, and nothing of the machine's own: empty
// config and credentials files, no instance metadata, a temporary HOME.
func awsEnv(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config")
	creds := filepath.Join(dir, "credentials")
	for _, f := range []string{cfg, creds} {
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return []string{
		"AWS_ACCESS_KEY_ID=AKIDCMDTEST",
		"AWS_SECRET_ACCESS_KEY=cmd-test-secret",
		"AWS_REGION=" + fakeaws.Region,
		"AWS_CONFIG_FILE=" + cfg,
		"AWS_SHARED_CREDENTIALS_FILE=" + creds,
		"AWS_EC2_METADATA_DISABLED=true",
		"HOME=" + dir,
		maxRateEnv + "=0", // the test servers have no quota

	}
}

type result struct {
	stdout, stderr string
	code           int
}

// runBin runs the built command with args and, when srv is not nil,
// --endpoint-url pointing at it.
func runBin(t *testing.T, srv *fakeaws.Server, args ...string) result {
	t.Helper()
	if srv != nil {
		args = append(args, "--endpoint-url", srv.URL)
	}
	cmd := exec.Command(binary, args...)
	cmd.Env = awsEnv(t)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	code := exitStatus(t, cmd.Run(), args)
	return result{out.String(), errOut.String(), code}
}

// exitStatus returns the exit status of a command that ended with err.
func exitStatus(t *testing.T, err error, args []string) int {
	t.Helper()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return ee.ExitCode()
	case err != nil:
		t.Fatalf("running %v: %v", args, err)
	}
	return 0
}

// runIn runs the command in-process through run, with the same
// environment as runBin.
func runIn(t *testing.T, ctx context.Context, srv *fakeaws.Server, args ...string) result {
	t.Helper()
	for _, kv := range awsEnv(t) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv("AWS_PROFILE", "")
	if srv != nil {
		args = append(args, "--endpoint-url", srv.URL)
	}
	var out, errOut bytes.Buffer
	code := run(ctx, args, &out, &errOut)
	return result{out.String(), errOut.String(), code}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update to accept it)\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}
