// Command sessions lists Amazon IVS Real-Time stage sessions and Amazon
// Nimble Studio streaming sessions. It is a drop-in for the two AWS CLI v2
// commands it is named after, with the same arguments, output and exit
// status, plus what only it does: auto-pagination with an exact resume
// point, client-side filters, several stages or studios at once, prefetch.
//
// Usage:
//
//	sessions [global options] ivs-realtime list-stage-sessions --stage-arn ARN [options]
//	sessions [global options] nimble list-streaming-sessions --studio-id ID [options]
//	sessions stage  --stage-arn ARN [options]   (short for ivs-realtime list-stage-sessions)
//	sessions studio --studio-id ID [options]    (short for nimble list-streaming-sessions)
//	sessions demo
//
// Credentials and region come from the standard AWS configuration chain
// (environment, shared config and credentials files, SSO, instance roles),
// as in the AWS CLI. "sessions demo" needs no AWS account: it starts an
// embedded endpoint with generated data.
//
// Output: json, text, table, yaml, yaml-stream and off print what the AWS
// CLI v2 prints for the same call, byte for byte; jsonl prints one object
// per line. --query applies a JMESPath expression as the AWS CLI does.
//
// Exit status, as the AWS CLI v2's: 0 success, 252 usage or parameter
// error (nothing was sent), 253 configuration or credentials, 254 the
// service returned an error, 255 any other failure, 130 interrupted.
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

// Exit codes, as the AWS CLI v2's.
const (
	exitOK          = 0
	exitUsage       = 252 // bad command line or parameters; nothing was sent
	exitConfig      = 253 // configuration or credentials
	exitService     = 254 // the service returned an error
	exitFailure     = 255 // anything else: connection, malformed response…
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
	// realHTTP: requests go out through an HTTP client built from the
	// global options (TLS, CA bundle, timeouts), not the loader's own.
	realHTTP bool
}

func defaultEnv(stderr io.Writer) env {
	return env{loadConfig: loadDefaultConfig, progress: isTerminal(stderr), realHTTP: true}
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

func execute(ctx context.Context, e env, words []string, stdout, stderr io.Writer) int {
	// Global options may come before the command, as in the AWS CLI.
	var global args
	i := 0
	for i < len(words) && len(words[i]) > 2 && words[i][:2] == "--" {
		end := i + 1
		if o := findOption(globalOptions, words[i]); o != nil && o.arg != "" && !containsEq(words[i]) && end < len(words) {
			end++
		}
		if _, err := parse(words[i:end], globalOptions, &global); err != nil {
			return reportErr(stderr, err)
		}
		i = end
	}
	rest := words[i:]
	if len(rest) == 0 {
		switch {
		case global.has("version"):
			_, err := fmt.Fprintln(stdout, versionLine())
			return writeFailed(stderr, err, exitOK)
		case len(words) > 0 && (words[0] == "--help" || words[0] == "-h"):
			fmt.Fprint(stdout, mainUsage())
			return exitOK
		}
		fmt.Fprint(stderr, usageBanner)
		fmt.Fprintln(stderr, "sessions: error: the following arguments are required: command")
		return exitUsage
	}
	switch cmd := rest[0]; cmd {
	case "stage":
		return runCommand(ctx, e, &stageCommand, false, global, rest[1:], stdout, stderr)
	case "studio":
		return runCommand(ctx, e, &studioCommand, false, global, rest[1:], stdout, stderr)
	case "ivs-realtime", "nimble":
		c := &stageCommand
		if cmd == "nimble" {
			c = &studioCommand
		}
		if len(rest) < 2 || rest[1] != c.operation {
			if len(rest) >= 2 && (rest[1] == "help" || rest[1] == "--help") {
				fmt.Fprint(stdout, c.usage())
				return exitOK
			}
			fmt.Fprint(stderr, usageBanner)
			if len(rest) < 2 {
				fmt.Fprintln(stderr, "sessions: error: the following arguments are required: operation")
			} else {
				fmt.Fprintf(stderr, "sessions: error: argument operation: Invalid choice, valid choices are:\n\n%s\n", c.operation)
			}
			return exitUsage
		}
		return runCommand(ctx, e, c, true, global, rest[2:], stdout, stderr)
	case "demo":
		return runDemo(ctx, rest[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, rest[1:], stdout, stderr)
	case "sync":
		return runSync(ctx, e, global, rest[1:], stdout, stderr)
	case "report":
		return runReport(ctx, global, rest[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, mainUsage())
		return exitOK
	default:
		fmt.Fprint(stderr, usageBanner)
		fmt.Fprintf(stderr, "sessions: error: argument command: Invalid choice %q, valid choices are:\n\nivs-realtime                             | nimble                                  \nstage                                    | studio                                  \ndemo\n", cmd)
		return exitUsage
	}
}

func findOption(opts []option, word string) *option {
	name := word[2:]
	for i := range name {
		if name[i] == '=' {
			name = name[:i]
			break
		}
	}
	for i := range opts {
		if opts[i].name == name {
			return &opts[i]
		}
	}
	if full, err := abbreviation(word, abbreviationTiers(opts, "")); err == nil && full != "" {
		return findOption(opts, "--"+full)
	}
	return nil
}

func containsEq(s string) bool {
	for i := range s {
		if s[i] == '=' {
			return true
		}
	}
	return false
}

// usageBanner is what the AWS CLI prints before a usage error.
const usageBanner = `usage: sessions [options] <command> <subcommand> [<subcommand> ...] [parameters]
To see help text, you can run:

  sessions help
  sessions <command> help
  sessions <command> <subcommand> help

`

// A usageError is a bad command line (exit status 252), reported after the
// usage banner as the AWS CLI reports argparse errors.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// A paramError is a bad parameter value (exit status 252), reported on its
// own as the AWS CLI reports parameter validation errors.
type paramError struct{ msg string }

func (e *paramError) Error() string { return e.msg }

func paramf(format string, a ...any) error { return &paramError{fmt.Sprintf(format, a...)} }

// A failure is any other error, reported with the AWS CLI's words (exit
// status 255).
type failure struct{ msg string }

func (e *failure) Error() string { return e.msg }

// A configError is missing or bad configuration (exit status 253).
type configError struct{ msg string }

func (e *configError) Error() string { return e.msg }

// reportErr prints err as the AWS CLI prints it and returns the exit status
// for it.
func reportErr(stderr io.Writer, err error) int {
	var ue *usageError
	var ce *choiceError
	var pe *paramError
	var cfg *configError
	switch {
	case errors.As(err, &ce):
		fmt.Fprint(stderr, usageBanner)
		fmt.Fprintf(stderr, "sessions: error: %s\n\n", ce.Error())
		return exitUsage
	case errors.As(err, &ue):
		fmt.Fprint(stderr, usageBanner)
		fmt.Fprintf(stderr, "sessions: error: %s\n\n", ue.msg)
		return exitUsage
	case errors.As(err, &pe):
		fmt.Fprintf(stderr, "\n%s\n", pe.msg)
		return exitUsage
	case errors.As(err, &cfg):
		fmt.Fprintf(stderr, "\n%s\n", cfg.msg)
		return exitConfig
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr)
		return exitInterrupted
	}
	fmt.Fprintf(stderr, "\n%s\n", describe(err))
	return exitCode(err)
}

// report prints err for the subcommand cmd and returns the exit status
// for it; demo, sync and report use it (serve reports its own errors).
func report(stderr io.Writer, cmd string, err error) int {
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "sessions %s: %s (see sessions %s --help)\n", cmd, ue.msg, cmd)
		return exitUsage
	}
	return reportErr(stderr, err)
}
