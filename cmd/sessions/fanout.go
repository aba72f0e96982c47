package main

// Listing several stages or studios at once: the Merge loop and the
// NextToken that records where each parent stopped. Everything about
// several parents is in this file.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/sessionkit/sessions"
)

const defaultConcurrency = 8

// streamedFormats print the items of several parents as they arrive; the
// others group them by parent, in the order given, so that a complete
// listing prints the same document every time.
var streamedFormats = []string{"jsonl", "text", "yaml-stream", "off"}

// fanOut lists the parents concurrently with sessions.Merge, each item
// with its parent. --max-items caps the total; the NextToken records every
// parent's cursor.
func (l *listing[T]) fanOut(ctx context.Context, ps []*sessions.Paginator[T], idx []int, limit int, capped bool, max int, out sink, w *syncWriter) (string, []error) {
	streamed := slices.Contains(streamedFormats, l.inv.out.format)
	index := make(map[string]int, len(l.parents))
	for i, parent := range l.parents {
		index[parent] = i
	}
	grouped := make([][]T, len(l.parents))
	// Merge hands out items, not pages: flush streamed output every 100ms
	// so that a slow parent does not hold back the lines of a fast one.
	stopFlusher := startFlusher(w.Flush, 100*time.Millisecond)
	var errs []error
	n := 0
	batch := make([]T, 1)
	for v, err := range sessions.Merge(ctx, limit, ps...) {
		if err != nil && ctx.Err() != nil {
			break
		}
		if err != nil {
			errs = append(errs, err) // the other parents go on
			continue
		}
		if streamed {
			batch[0] = v
			out.page(l.records(batch, true), "")
		} else {
			i := index[l.kind.parent(v)]
			grouped[i] = append(grouped[i], v)
		}
		if n++; capped && n >= max {
			break
		}
	}
	stopFlusher()
	for _, items := range grouped {
		if len(items) > 0 {
			out.page(l.records(items, true), "")
		}
	}
	cursors := make(map[string]string, len(l.parents))
	for _, parent := range l.parents {
		cursors[parent] = "" // finished unless its paginator says otherwise
	}
	for i, p := range ps {
		cursors[l.parents[idx[i]]] = p.Cursor()
	}
	return multiToken(cursors), errs
}

// startingTokens returns, for each parent still to list, the token to
// start it at ("" for the start). A parent missing from the map was
// finished in the run that printed --starting-token.
func startingTokens(tok string, parents []string, c *command) (map[string]string, error) {
	start := make(map[string]string, len(parents))
	if !strings.HasPrefix(tok, multiPrefix) {
		if tok != "" && len(parents) > 1 {
			return nil, paramf("--starting-token: with several --%s values, pass the NextToken a listing of the same %ss printed; this one continues a single %s", c.parentOpt, c.short, c.short)
		}
		for _, parent := range parents {
			start[parent] = tok
		}
		return start, nil
	}
	cursors, err := parseMultiToken(tok)
	if err != nil {
		return nil, paramf("--starting-token %q: %v", shorten(tok), err)
	}
	given, inToken := slices.Sorted(slices.Values(parents)), make([]string, 0, len(cursors))
	for parent := range cursors {
		inToken = append(inToken, parent)
	}
	slices.Sort(inToken)
	if !slices.Equal(given, inToken) {
		return nil, paramf("--starting-token continues the %ss %s; pass exactly those with --%s", c.short, strings.Join(inToken, ", "), c.parentOpt)
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
// finished). No service token or library cursor starts with this prefix;
// the cursors inside carry their own checksums and parent bindings.
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

// shorten keeps a long value (a token, say) readable in a one-line error.
func shorten(s string) string {
	if len(s) <= 72 {
		return s
	}
	return s[:64] + "…"
}
