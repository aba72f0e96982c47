package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/sessionkit/sessions"
)

// A fanoutLister lists several stages or studios at once, or every stage
// of some regions (--all-stages, allstages.go): one sessions.Fanout, whose
// cursor is the NextToken. Each session is printed with its parent.
type fanoutLister[T any] struct {
	fo    *sessions.Fanout[T]
	batch func([]T, bool) batch
}

func (l *fanoutLister[T]) list(ctx context.Context, o *output) (string, []error) {
	// A fan-out hands out items, not pages: flush streamed output every
	// 100ms so that a slow parent does not hold back the lines of a fast
	// one.
	stopFlusher := startFlusher(o.w.Flush, 100*time.Millisecond)
	defer stopFlusher()
	var errs []error
	one := make([]T, 1)
	for v, err := range l.fo.All(ctx) {
		if err != nil && ctx.Err() != nil {
			break
		}
		var le *sessions.ListError
		if errors.Is(err, sessions.ErrStageDeleted) && errors.As(err, &le) {
			// Reported once: the stage is finished, not failed.
			fmt.Fprintf(o.stderr, "Stage %s no longer exists; its sessions are not listed.\n", le.Parent)
			continue
		}
		if err != nil {
			errs = append(errs, err) // the other parents go on
			continue
		}
		one[0] = v
		o.sink.page(l.batch(one, true), "")
	}
	return l.fo.Cursor(), errs
}
