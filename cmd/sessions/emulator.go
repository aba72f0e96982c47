package main

import (
	"context"
	"errors"
	"io"

	"github.com/sessionkit/sessions/internal/serve"
)

// runServe is "sessions serve": package serve is the emulator.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return serve.Run(ctx, args, stdout, stderr)
}

// runDemo is "sessions demo": package serve runs the endpoint and the
// script, and each command of the script runs here, as if typed.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	err := serve.Demo(ctx, args, stdout, func(ctx context.Context, load serve.ConfigLoader, args []string, stdout, stderr io.Writer) int {
		return execute(ctx, env{loadConfig: load}, args, stdout, stderr)
	})
	var ue *serve.UsageError
	if errors.As(err, &ue) {
		err = usagef("%s", ue.Msg)
	}
	if err != nil {
		return report(stderr, "demo", err)
	}
	return exitOK
}
