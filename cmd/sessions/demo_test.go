package main

import (
	"bytes"
	"errors"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// A command the demo printed, with the output it printed for it.
type demoCommand struct {
	args   []string
	output string
}

// demoCommands reads the "$ sessions …" commands of the demo's output (but
// "sessions serve", which the test starts itself) and what follows each up
// to the next command or comment.
func demoCommands(t *testing.T, out string) []demoCommand {
	t.Helper()
	var cmds []demoCommand
	lines := strings.SplitAfter(out, "\n")
	for i := 0; i < len(lines); i++ {
		rest, ok := strings.CutPrefix(lines[i], "$ sessions ")
		if !ok || rest == "serve\n" {
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
	return cmds
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
	if !strings.Contains(demo.stdout, "\n$ sessions serve\n") || !strings.Contains(demo.stdout, "$ export AWS_ENDPOINT_URL=http://127.0.0.1:"+strconv.Itoa(serveDefaultPort)) {
		t.Errorf("the demo does not say how to run its commands:\n%s", demo.stdout)
	}
	s := startServe(t)
	cmds := demoCommands(t, demo.stdout)
	if len(cmds) < 8 {
		t.Fatalf("found %d commands in the demo's output, want at least 8", len(cmds))
	}
	env := append(awsEnv(t), strings.Fields(strings.ReplaceAll(serveEnv(s.url, "us-west-2"), "export ", ""))...)
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
	s.stop(t)
}
