package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/sessionkit/sessions"
)

// list runs the listing r asks for: plan it (the library checks the rest
// of the command line), load the configuration, list into the sink of the
// output format, and report as the AWS CLI does. It returns the exit
// status.
func list(ctx context.Context, r *request, stdout, stderr io.Writer, e env) (code int) {
	fail := func(err error) int {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "\nInterrupted")
			return exitInterrupted
		}
		return reportErr(stderr, err)
	}
	prog := &progress{w: stderr, on: r.progress}
	c := &clients{conn: r.conn, env: e, emptySessionIDs: r.emptySessionIDs}
	common := []sessions.Option{sessions.Prefetch(r.prefetch), sessions.OnPage(prog.page)}
	l, err := r.cmd.plan(ctx, r, c, common)
	if err != nil {
		return fail(err)
	}
	// Interrupted while loading the configuration (credentials providers
	// honour ctx), fail says so: it is not a configuration error.
	if err := c.connect(ctx, r.cmd.service); err != nil {
		return fail(err)
	}
	o := newOutput(r, stdout, stderr)
	// An output that could not be written fails the listing (255).
	defer func() { code = o.w.finish(stderr, code) }()
	resume, errs := l.list(ctx, o)
	prog.done()
	if len(errs) == 0 && ctx.Err() == nil {
		return o.end(resume)
	}
	return o.failed(ctx, resume, errs)
}

// An output is where a listing goes: the sink of its format, the writer
// under it, and standard error for what is said beside the listing.
type output struct {
	w        *syncWriter
	sink     sink
	stderr   io.Writer
	queryErr *error // the first failure of --query (or of the table)
}

func newOutput(r *request, stdout, stderr io.Writer) *output {
	o := &output{w: newSyncWriter(stdout, r.out.format.held), stderr: stderr, queryErr: new(error)}
	o.w.failed = o.queryErr
	o.sink = r.out.format.sink(sinkConfig{
		w: o.w, shape: &r.cmd.shape, out: &r.out, single: r.single != nil, afterToken: r.single != nil && r.single.nextToken != nil,
		mayResume: r.capped, failed: o.queryErr, columns: r.cmd.columns, parents: r.parents,
	})
	return o
}

// end ends a listing that succeeded.
func (o *output) end(resume string) int {
	o.sink.end(resume)
	if *o.queryErr != nil {
		o.w.discard()
		o.w.failed = nil
		o.w.Flush()
		fmt.Fprintf(o.stderr, "\n%s\n", *o.queryErr)
		return exitFailure
	}
	o.w.release()
	return exitOK
}

// failed reports a listing that failed or was interrupted; resume is where
// it stopped.
func (o *output) failed(ctx context.Context, resume string, errs []error) int {
	o.w.discard()
	o.w.Flush()
	code := exitFailure
	if ctx.Err() != nil {
		code = exitInterrupted
		fmt.Fprintln(o.stderr, "\nInterrupted")
	}
	for _, err := range errs {
		if !errors.Is(err, context.Canceled) {
			fmt.Fprintf(o.stderr, "\n%s\n", describe(err))
			if c := exitCode(err); code != exitInterrupted {
				code = c
			}
		}
	}
	if resume != "" && o.w.wrote {
		// Only a streamed format printed sessions before the failure.
		fmt.Fprintf(o.stderr, "To continue after the sessions printed, pass --starting-token %s\n", resume)
	}
	return code
}
