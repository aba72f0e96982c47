package main

import (
	"bytes"
	"errors"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/sessionkit/sessions/internal/serve"
)

// A command the demo printed, with the output it printed for it.
type demoCommand struct {
	args   []string
	output string
}

// demoCommands reads the "$ sessions …" commands of the demo's output (but
// "sessions serve", whose arguments it returns for the test to start it)
// and what follows each up to the next command or comment.
func demoCommands(t *testing.T, out string) (cmds []demoCommand, serve []string) {
	t.Helper()
	lines := strings.SplitAfter(out, "\n")
	for i := 0; i < len(lines); i++ {
		rest, ok := strings.CutPrefix(lines[i], "$ sessions ")
		if !ok {
			continue
		}
		if args, ok := strings.CutPrefix(rest, "serve"); ok {
			serve = shellSplit(t, strings.TrimSpace(args))
			continue
		}
		c := demoCommand{args: shellSplit(t, strings.TrimSuffix(rest, "\n"))}
		j := i + 1
		for ; j < len(lines) && !strings.HasPrefix(lines[j], "$ ") && !strings.HasPrefix(lines[j], "# "); j++ {
			c.output += lines[j]
		}
		if j < len(lines) && strings.HasPrefix(lines[j], "# ") {
			// The blank line before a comment is the demo's, not the
			// command's.
			c.output = strings.TrimSuffix(c.output, "\n")
		}
		cmds = append(cmds, c)
		i = j - 1
	}
	return cmds, serve
}

// shellSplit splits a command line as a shell does for the quoting the
// demo uses: single quotes.
func shellSplit(t *testing.T, s string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	inWord, quoted := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, w.String())
				w.Reset()
			}
			inWord = false
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unbalanced quote in %q", s)
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

// Every command the demo prints gives the output the demo prints for it
// when run in a terminal set up as the demo says (its exports, with the URL
// of a running "sessions serve"), with no --endpoint-url.
func TestDemoCommandsAgainstServe(t *testing.T) {
	demo := runBin(t, nil, "demo")
	if demo.code != 0 {
		t.Fatalf("sessions demo: exit %d: %s", demo.code, demo.stderr)
	}
	if strings.Contains(demo.stdout, "...") {
		t.Error("the demo prints a command with ...")
	}
	cmds, serveArgs := demoCommands(t, demo.stdout)
	if serveArgs == nil || !strings.Contains(demo.stdout, "$ export AWS_ENDPOINT_URL=http://127.0.0.1:"+strconv.Itoa(serve.DefaultPort)) {
		t.Errorf("the demo does not say how to run its commands:\n%s", demo.stdout)
	}
	s := startServe(t, serveArgs...)
	if len(cmds) < 9 {
		t.Fatalf("found %d commands in the demo's output, want at least 9", len(cmds))
	}
	env := append(awsEnv(t), strings.Fields(strings.ReplaceAll(serve.Env(s.url, "us-west-2"), "export ", ""))...)
	for _, c := range cmds {
		cmd := exec.Command(binary, c.args...)
		cmd.Env = env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			out.WriteString("(exit status " + strconv.Itoa(ee.ExitCode()) + ")\n")
		case err != nil:
			t.Fatal(err)
		}
		if out.String() != c.output {
			t.Errorf("sessions %s:\n%s\nwant, as the demo printed:\n%s", strings.Join(c.args, " "), out.String(), c.output)
		}
	}
	checkAWSCommands(t, demo.stdout, env)
	s.stop(t)
}

// The commands the demo ends with, to paste against AWS, run: against
// sessions serve, with a served stage for the user's own, each succeeds
// and prints what it should (a picture into its file).
func checkAWSCommands(t *testing.T, demo string, env []string) {
	t.Helper()
	_, tail, ok := strings.Cut(demo, "\n# Against AWS: ")
	if !ok {
		t.Fatal("the demo does not end with commands to run against AWS")
	}
	var lines []string
	for line := range strings.Lines(tail) {
		if rest, ok := strings.CutPrefix(line, "  sessions "); ok {
			lines = append(lines, strings.TrimSpace(rest))
		}
	}
	if len(lines) != len(serve.AWSCommands("")) || !strings.Contains(tail, "--summary") || !strings.Contains(tail, "--output html > ") {
		t.Fatalf("the commands to run against AWS:\n%s\nwant %d, a summary and a picture", tail, len(serve.AWSCommands("")))
	}
	for _, line := range lines {
		line = strings.ReplaceAll(line, serve.ExampleStageARN, serve.StageARN("us-west-2", 1))
		args, file, _ := strings.Cut(line, " > ")
		cmd := exec.Command(binary, shellSplit(t, args)...)
		cmd.Env = env
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil || errOut.Len() > 0 || out.Len() == 0 {
			t.Errorf("sessions %s: %v, stderr %q, %d bytes out", line, err, errOut.String(), out.Len())
		}
		if file != "" && !strings.HasPrefix(out.String(), "<!DOCTYPE html>") {
			t.Errorf("sessions %s: not an HTML page: %.80q", line, out.String())
		}
	}
}
