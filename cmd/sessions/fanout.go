package main

// Listing several stages or studios at once, or every stage of some
// regions (--all-stages, in allstages.go): one sessions.Fanout, whose
// cursor is the NextToken. Everything about several parents is in these
// two files.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/sessionkit/sessions"
)

// streamedFormats print the items of several parents as they arrive. The
// others list them with an ordered fan-out, which hands out each parent's
// sessions together, in the order given, so that a listing prints the same
// document every time, also when --max-items cuts it.
var streamedFormats = []string{"jsonl", "text", "yaml-stream", "off"}

// newFanout builds the fan-out of a listing of several parents, with the
// options of the command line; it sends nothing. tok is --starting-token:
// a NextToken printed by a fan-out over the same parents.
func (l *listing[T]) newFanout(tok string, common []sessions.Option, capped bool, maxItems int, concurrency int, concurrencySet bool) (*sessions.Fanout[T], error) {
	opts := slices.Clone(common)
	if capped {
		opts = append(opts, sessions.MaxItems(maxItems))
	}
	if tok != "" {
		opts = append(opts, sessions.StartingToken(tok))
	}
	if concurrencySet {
		opts = append(opts, sessions.Concurrency(concurrency))
	}
	if !slices.Contains(streamedFormats, l.inv.out.format) {
		opts = append(opts, sessions.Ordered())
		if !capped {
			opts = append(opts, readAhead(&l.inv.args, concurrencySet)...)
		}
	}
	if l.fanout != nil {
		return l.fanout(opts)
	}
	return sessions.NewFanout(l.parents, func(parent string, opts ...sessions.Option) (*sessions.Paginator[T], error) {
		return l.build(parent, 0, opts)
	}, opts...)
}

// fanOut prints the items of fo, each with its parent, and returns the
// NextToken: fo's cursor, which records every parent's position.
func (l *listing[T]) fanOut(ctx context.Context, fo *sessions.Fanout[T], out sink, w *syncWriter) (string, []error) {
	// A fan-out hands out items, not pages: flush streamed output every
	// 100ms so that a slow parent does not hold back the lines of a fast
	// one.
	stopFlusher := startFlusher(w.Flush, 100*time.Millisecond)
	var errs []error
	batch := make([]T, 1)
	for v, err := range fo.All(ctx) {
		if err != nil && ctx.Err() != nil {
			break
		}
		var le *sessions.ListError
		if errors.Is(err, sessions.ErrStageDeleted) && errors.As(err, &le) {
			// Reported once: the stage is finished, not failed.
			fmt.Fprintf(l.inv.stderr, "Stage %s no longer exists; its sessions are not listed.\n", le.Parent)
			continue
		}
		if err != nil {
			errs = append(errs, err) // the other parents go on
			continue
		}
		batch[0] = v
		out.page(l.records(batch, true), "")
	}
	stopFlusher()
	return fo.Cursor(), errs
}

// shorten keeps a long value (a token, say) readable in a one-line error.
func shorten(s string) string {
	if len(s) <= 72 {
		return s
	}
	return s[:64] + "…"
}
