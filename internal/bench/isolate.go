package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// isolateEnv, set in its environment, makes a process the stand-in parent
// that RunIsolated starts (see ServeIsolated).
const isolateEnv = "SESSIONS_BENCH_ISOLATED"

// RunIsolated runs cmd as the child of a fresh copy of this program and
// returns the process state of that copy, whose times include cmd's, and
// cmd's own peak resident set size in bytes (0 where the system does not
// say). The program's main must call ServeIsolated first.
//
// On Linux a process started by os/exec begins with the peak of the
// process that started it (the child shares the parent's memory until it
// executes the command, and the kernel keeps the larger peak across
// exec), so a command started by a large process, such as a benchmark
// holding an in-process endpoint's data, reports that process's peak as
// its own. A fresh copy of this program is small: the command's peak is
// then its own, give or take the copy's few MiB.
func RunIsolated(ctx context.Context, cmd *exec.Cmd) (*os.ProcessState, uint64, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, 0, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	env := cmd.Env
	if env == nil {
		env = os.Environ()
	}
	wrap := exec.CommandContext(ctx, self, append([]string{cmd.Path}, cmd.Args[1:]...)...)
	wrap.Env = append(env[:len(env):len(env)], isolateEnv+"=1")
	wrap.Stdin, wrap.Stdout, wrap.Stderr = cmd.Stdin, cmd.Stdout, cmd.Stderr
	wrap.ExtraFiles = []*os.File{w}
	err = wrap.Start()
	w.Close()
	if err != nil {
		return nil, 0, err
	}
	out, readErr := io.ReadAll(r)
	if err := wrap.Wait(); err != nil {
		return wrap.ProcessState, 0, err
	}
	if readErr != nil {
		return wrap.ProcessState, 0, readErr
	}
	rss, err := strconv.ParseUint(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		return wrap.ProcessState, 0, fmt.Errorf("bench: the stand-in parent reported %q: %w", out, err)
	}
	return wrap.ProcessState, rss, nil
}

// ServeIsolated returns at once unless this process was started by
// RunIsolated; then it runs the command its arguments name, with this
// process's standard streams, reports the command's peak RSS to
// RunIsolated and exits with the command's exit status.
func ServeIsolated() {
	if os.Getenv(isolateEnv) == "" {
		return
	}
	report := os.NewFile(3, "peak-rss")
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, isolateEnv+"=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintln(report, PeakRSS(cmd.ProcessState))
	report.Close()
	os.Exit(cmd.ProcessState.ExitCode())
}
