//go:build linux

// Package headless runs Debian's headless Chromium for tests that look at
// what a browser makes of a page.
package headless

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Chromium runs headless Chromium on the file at path with args (such as
// --dump-dom, or --screenshot=FILE with --window-size=W,H) and returns
// what it printed on standard output. It skips the test when chromium is
// not installed, fails it when Chromium fails or takes more than two
// minutes, and kills every process Chromium started before it returns.
// Chromium runs with a fresh profile, no sandbox (tests often run as root)
// and no network activity of its own.
func Chromium(t testing.TB, path string, args ...string) []byte {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed (Debian: apt-get install chromium); the page is not checked in a browser")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args = append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-crash-reporter", "--hide-scrollbars", "--user-data-dir=" + t.TempDir(),
	}, append(args, "file://"+path)...)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	// Chromium's helpers share its process group; leave none behind.
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	if err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return out
}
