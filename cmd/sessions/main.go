// Command sessions lists Amazon IVS Real-Time stage sessions and Amazon
// Nimble Studio streaming sessions, with filters, a total item cap that can
// be resumed exactly, and concurrent fan-out over several stages or studios.
//
// Usage:
//
//	sessions demo
//	sessions stage  --stage-arn ARN [--stage-arn ARN ...] [flags]
//	sessions studio --studio-id ID [--studio-id ID ...] [flags]
//
// "sessions demo" needs no AWS account: it starts an embedded endpoint that
// speaks the services' wire format, with generated data, and lists from it
// through the real SDK clients.
//
// The stage and studio subcommands take their credentials and region from
// the standard AWS configuration chain (environment, shared config and
// credentials files, SSO, instance roles), like the AWS CLI. Their flags
// follow the AWS CLI: --max-items, --page-size, --starting-token, --region,
// --profile, --endpoint-url and --output json|jsonl|table|text; filters are
// --active, --ended, --started-after, --started-before, and for studios
// --created-by, --owned-by, --session-ids and --state. Run
// "sessions <subcommand> --help" for every flag with an example.
//
// --output json prints what "aws ivs-realtime list-stage-sessions" or
// "aws nimble list-streaming-sessions" prints for the same call, including
// the "NextToken" that --max-items leaves when it truncates; pass it to
// --starting-token to continue exactly there.
//
// Exit status: 0 on success, 1 when the service or the network fails,
// 2 for a usage error, 130 when interrupted.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1 // the service, the network or the configuration failed
	exitUsage       = 2
	exitInterrupted = 130
)

// run is the whole command; tests call it in-process. It returns the exit
// status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return execute(ctx, defaultEnv(stderr), args, stdout, stderr)
}

// env is what the command takes from the machine, so that the demo can run
// the same code against its embedded endpoint.
type env struct {
	// loadConfig returns the AWS configuration for --region and --profile.
	loadConfig configLoader
	// progress reports whether a progress line may be drawn on stderr.
	progress bool
}

func defaultEnv(stderr io.Writer) env {
	return env{loadConfig: loadDefaultConfig, progress: isTerminal(stderr)}
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func execute(ctx context.Context, e env, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, mainUsage())
		return exitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "stage":
		return runStage(ctx, e, rest, stdout, stderr)
	case "studio":
		return runStudio(ctx, e, rest, stdout, stderr)
	case "demo":
		return runDemo(ctx, rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, mainUsage())
		return exitOK
	default:
		fmt.Fprintf(stderr, "sessions: unknown subcommand %q: use stage, studio or demo (see sessions --help)\n", cmd)
		return exitUsage
	}
}

// A usageError is bad command-line input: exit status 2, one line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// report prints err on one line and returns the exit status for it.
func report(stderr io.Writer, cmd string, err error) int {
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "sessions %s: %s (see sessions %s --help)\n", cmd, ue.msg, cmd)
		return exitUsage
	}
	fmt.Fprintf(stderr, "sessions %s: %s\n", cmd, describe(err))
	if errors.Is(err, context.Canceled) {
		return exitInterrupted
	}
	return exitFailure
}
