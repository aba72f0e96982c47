package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/awscli"
)

// A command is one of the two operations, under its AWS CLI spelling and
// its short form.
type command struct {
	short     string // "stage"
	service   string // "ivs-realtime"
	operation string // "list-stage-sessions"
	parentOpt string // the option naming the parent, "stage-arn"
	// options are the operation's own options (its input members first).
	options []option
	// members maps the operation's input members, in the model's order,
	// to their options, for --cli-input-json and skeletons.
	members []member
	shape   awscli.Shape
	// columns are the members --output columns shows.
	columns []string
	// parse reads the command's own options into a request.
	parse func(a *args, r *request) error
	// plan chooses the lister of a request; common are the options of
	// every paginator. It sends nothing.
	plan func(ctx context.Context, r *request, c *clients, common []sessions.Option) (lister, error)
	// describe is the long help text.
	describe string
}

type member struct {
	name, option string
	integer      bool
	doc          string // the first sentence of the model's documentation
}

// An invocation is a command line as the tokenizer read it.
type invocation struct {
	cmd    *command
	aws    bool // spelled as the AWS CLI spells it
	args   args
	env    env
	stdout io.Writer
	stderr io.Writer
}

// runCommand parses the command line of c, settles the output and the
// connection, and runs the listing.
func runCommand(ctx context.Context, e env, c *command, aws bool, global args, words []string, stdout, stderr io.Writer) int {
	if len(words) > 0 && (words[0] == "help" || words[0] == "--help" || words[0] == "-h") {
		fmt.Fprint(stdout, c.usage())
		return exitOK
	}
	inv := &invocation{cmd: c, aws: aws, args: global, env: e, stdout: stdout, stderr: stderr}
	opts := slices.Concat(c.options, inputOptions, globalOptions)
	unknown, err := parseOperation(words, opts, &inv.args, c.operation)
	if err != nil {
		return reportErr(stderr, err)
	}
	if len(unknown) > 0 {
		fmt.Fprint(stderr, usageBanner)
		fmt.Fprintf(stderr, "Unknown options: %s\n\n", strings.Join(unknown, ", "))
		return exitUsage
	}
	a := &inv.args
	if a.has("version") {
		_, err := fmt.Fprintln(stdout, versionLine())
		return writeFailed(stderr, err, exitOK)
	}
	if a.has("cli-auto-prompt") {
		return reportErr(stderr, usagef("argument --cli-auto-prompt: interactive prompting is not supported; pass every option on the command line"))
	}
	if err := inv.readInput(); err != nil {
		return reportErr(stderr, err)
	}
	if a.has("generate-cli-skeleton") {
		return inv.skeleton(a.str("generate-cli-skeleton"))
	}
	r, err := parseRequest(inv)
	if err != nil {
		return reportErr(stderr, err)
	}
	w, done := startPager(r.pager, stdout, stderr)
	code := list(ctx, r, w, stderr, inv.env)
	done()
	return code
}

// skeleton prints --generate-cli-skeleton's output.
func (inv *invocation) skeleton(kind string) int {
	c := inv.cmd
	switch kind {
	case "input":
		m := awscli.Map{}
		for _, mb := range c.members {
			var v any = ""
			if mb.integer {
				v = 0
			}
			m = append(m, awscli.Member{Key: mb.name, Value: v})
		}
		_, err := inv.stdout.Write(append(awscli.AppendJSON(nil, m, 0), '\n'))
		return writeFailed(inv.stderr, err, exitOK)
	case "yaml-input":
		var b strings.Builder
		for i, mb := range c.members {
			v := "''"
			if mb.integer {
				v = "0"
			}
			sep := " "
			if i == 0 {
				sep = "  "
			}
			fmt.Fprintf(&b, "%s: %s%s# %s\n", mb.name, v, sep, mb.doc)
		}
		_, err := io.WriteString(inv.stdout, b.String())
		return writeFailed(inv.stderr, err, exitOK)
	case "output":
		// The AWS CLI v2 validates a made-up response against the
		// output shape's constraints, which fails for both operations.
		return reportErr(inv.stderr, paramf("Parameter validation failed:\n%s", c.shape.SkeletonOutputError))
	}
	return reportErr(inv.stderr, &choiceError{"generate-cli-skeleton", kind, []string{"input", "yaml-input", "output"}})
}

// version is the module version the binary was built from.
func versionLine() string {
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	return fmt.Sprintf("sessions/%s Go/%s %s/%s", v, strings.TrimPrefix(runtime.Version(), "go"), runtime.GOOS, runtime.GOARCH)
}
