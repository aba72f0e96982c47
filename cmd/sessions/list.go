package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sessionkit/sessions"
)

// A listing is one run of stage or studio: the parents to list and how to
// build a paginator for one of them.
type listing[T any] struct {
	kind    *kind[T]
	parents []string // in the order given
	c       *common
	// build returns the paginator for a parent; it sends nothing.
	build func(parent string, opts []sessions.Option) (*sessions.Paginator[T], error)
	// connect loads the AWS configuration and makes the paginators' transport
	// ready; it runs after every paginator was built, so that bad input is
	// reported even on a machine with no AWS configuration.
	connect func(ctx context.Context) error
}

// run lists, prints and returns the exit status.
//
// With one parent, items are read page by page and the NextToken is the
// paginator's Cursor. With several, sessions.Merge lists them concurrently;
// --max-items caps the total, and the NextToken records every parent's
// cursor (see multiToken), so resuming continues each parent exactly where
// the first run left it.
func (l *listing[T]) run(ctx context.Context, e env, stdout, stderr io.Writer) int {
	fail := func(err error) int { return report(stderr, l.kind.cmd, err) }
	if err := l.c.check(); err != nil {
		return fail(err)
	}
	if dup := firstDuplicate(l.parents); dup != "" {
		return fail(usagef("--%s %q is given twice", l.parentFlag(), dup))
	}
	start, err := l.startingTokens()
	if err != nil {
		return fail(err)
	}

	prog := &progress{w: stderr, on: e.progress}
	type source struct {
		index int // in l.parents
		p     *sessions.Paginator[T]
	}
	var srcs []source
	for i, parent := range l.parents {
		tok, ok := start[parent]
		if !ok {
			continue // finished in the run that printed the token
		}
		opts := append(l.c.options(), sessions.OnPage(prog.page))
		if tok != "" {
			opts = append(opts, sessions.StartingToken(tok))
		}
		p, err := l.build(parent, opts)
		if err != nil {
			return fail(flagError(err))
		}
		srcs = append(srcs, source{i, p})
	}
	if err := l.connect(ctx); err != nil {
		return fail(err)
	}

	multi := len(l.parents) > 1
	out := newSink(string(l.c.output), l.kind, multi, len(l.parents), stdout)
	var errs []error
	switch {
	case len(srcs) == 0: // every parent was finished
	case !multi:
		for pg, err := range srcs[0].p.Pages(ctx) {
			if err != nil {
				errs = append(errs, err)
				break
			}
			for _, v := range pg.Items {
				out.add(0, v)
			}
			out.page()
		}
	default:
		index := make(map[string]int, len(l.parents))
		for i, parent := range l.parents {
			index[parent] = i
		}
		ps := make([]*sessions.Paginator[T], len(srcs))
		for i, s := range srcs {
			ps[i] = s.p
		}
		// Merge hands out items, not pages: flush streamed output
		// every 100ms so that a slow parent does not hold back the lines
		// of a fast one.
		stopFlusher := startFlusher(out.flush, 100*time.Millisecond)
		n := 0
		for v, err := range sessions.Merge(ctx, l.c.concurrency.n, ps...) {
			if err != nil && ctx.Err() != nil {
				break
			}
			if err != nil {
				errs = append(errs, err) // the other parents go on
				continue
			}
			out.add(index[l.kind.parent(v)], v)
			if n++; l.c.maxItems.set && n >= l.c.maxItems.n {
				break
			}
		}
		stopFlusher()
	}
	prog.done()

	next := ""
	if len(l.parents) == 1 {
		if len(srcs) == 1 {
			next = srcs[0].p.Cursor()
		}
	} else {
		cursors := make(map[string]string, len(l.parents))
		for _, parent := range l.parents {
			cursors[parent] = "" // finished unless its paginator says otherwise
		}
		for _, s := range srcs {
			cursors[l.parents[s.index]] = s.p.Cursor()
		}
		next = multiToken(cursors)
	}

	if len(errs) == 0 && ctx.Err() == nil {
		out.finish(next)
		return exitOK
	}
	out.abort()
	code := exitFailure
	if ctx.Err() != nil {
		code = exitInterrupted
		fmt.Fprintf(stderr, "sessions %s: interrupted\n", l.kind.cmd)
	}
	for _, err := range errs {
		if !errors.Is(err, context.Canceled) {
			fmt.Fprintf(stderr, "sessions %s: %s\n", l.kind.cmd, describe(err))
		}
	}
	if (l.c.output == "jsonl" || l.c.output == "text") && next != "" {
		fmt.Fprintf(stderr, "sessions %s: to continue after the sessions printed, pass --starting-token %s\n", l.kind.cmd, next)
	}
	return code
}

func (l *listing[T]) parentFlag() string {
	if l.kind.cmd == "stage" {
		return "stage-arn"
	}
	return "studio-id"
}

// startingTokens returns, for each parent still to list, the token to
// start it at ("" for the start). A parent missing from the map was
// finished in the run that printed --starting-token.
func (l *listing[T]) startingTokens() (map[string]string, error) {
	start := make(map[string]string, len(l.parents))
	tok := l.c.startingToken
	if !strings.HasPrefix(tok, multiPrefix) {
		if tok != "" && len(l.parents) > 1 {
			return nil, usagef("--starting-token: with several --%s values, pass the NextToken a listing of the same %ss printed; this one continues a single %s", l.parentFlag(), l.kind.cmd, l.kind.cmd)
		}
		for _, parent := range l.parents {
			start[parent] = tok
		}
		return start, nil
	}
	cursors, err := parseMultiToken(tok)
	if err != nil {
		return nil, usagef("--starting-token %q: %v", shorten(tok), err)
	}
	given, inToken := slices.Sorted(slices.Values(l.parents)), make([]string, 0, len(cursors))
	for parent := range cursors {
		inToken = append(inToken, parent)
	}
	slices.Sort(inToken)
	if !slices.Equal(given, inToken) {
		return nil, usagef("--starting-token continues the %ss %s; pass exactly those with --%s", l.kind.cmd, strings.Join(inToken, ", "), l.parentFlag())
	}
	for parent, cursor := range cursors {
		if cursor != "" {
			start[parent] = cursor
		}
	}
	return start, nil
}

// A multi-parent NextToken is multiPrefix and the base64url of a JSON
// object from each parent to its paginator's cursor ("" once the parent is
// finished). No IVS token or library cursor starts with this prefix; the
// cursors inside carry their own checksums and parent bindings.
const multiPrefix = "sessions.multi.v1."

// multiToken returns the NextToken for several parents, or "" when every
// parent is finished.
func multiToken(cursors map[string]string) string {
	more := false
	for _, c := range cursors {
		more = more || c != ""
	}
	if !more {
		return ""
	}
	b, _ := json.Marshal(cursors) // sorted keys: the same state gives the same token
	return multiPrefix + base64.RawURLEncoding.EncodeToString(b)
}

func parseMultiToken(tok string) (map[string]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(tok, multiPrefix))
	var cursors map[string]string
	if err != nil || json.Unmarshal(b, &cursors) != nil || len(cursors) == 0 {
		return nil, errors.New("not a NextToken printed by sessions (corrupt or truncated)")
	}
	return cursors, nil
}

func firstDuplicate(ss []string) string {
	seen := make(map[string]bool, len(ss))
	for _, s := range ss {
		if seen[s] {
			return s
		}
		seen[s] = true
	}
	return ""
}

// startFlusher calls flush every d until the returned function is called;
// that function waits for the goroutine to end.
func startFlusher(flush func(), d time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				flush()
			case <-done:
				return
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// progress draws "N pages, M sessions" on stderr while a listing runs, if
// stderr is a terminal. OnPage hooks call page from the goroutines that
// range over the paginators, hence the lock.
type progress struct {
	w       io.Writer
	on      bool
	mu      sync.Mutex
	pages   int
	items   int
	last    time.Time
	visible bool
}

func (p *progress) page(info sessions.PageInfo) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pages++
	p.items += info.Kept
	if p.pages < 2 || time.Since(p.last) < 100*time.Millisecond {
		return // a short listing draws nothing
	}
	p.last = time.Now()
	p.visible = true
	fmt.Fprintf(p.w, "\r\033[K%d pages, %d sessions…", p.pages, p.items)
}

// done erases the progress line.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.visible {
		fmt.Fprint(p.w, "\r\033[K")
		p.visible = false
	}
}
