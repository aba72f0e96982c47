package sessions

import "strconv"

// DefaultConcurrency is the most sources a [Fanout] lists at once when the
// [Concurrency] option is left out; with fewer sources, it lists them all
// at once. Sixteen requests in flight hide a round trip of tens of
// milliseconds behind one another without holding many connections; the
// rate quota is kept by pacing (see [MaxRate]), not by the number of
// sources.
const DefaultConcurrency = 16

// maxConcurrency bounds Concurrency: beyond it, requests only queue for
// connections and rate limits.
const maxConcurrency = 1024

// Concurrency lets a fan-out ([NewFanout], [AccountSessions]) list up to n
// sources at once (1 ≤ n ≤ 1024). Left out, a fan-out lists as many sources
// at once as it has, up to [DefaultConcurrency]. A single paginator has no
// concurrency: passing Concurrency to its constructor is an error.
func Concurrency(n int) Option {
	return Option{func(s *settings) { s.concurrency, s.concurrencySet = n, true }}
}

// Ordered makes a fan-out ([NewFanout], [AccountSessions]) yield its
// sources one after another, in the order they were given, instead of as
// their pages arrive. Sources are still listed concurrently: each of those
// the [Concurrency] limit lets start fetches its first page and holds it
// until its turn (with [Prefetch](n), up to n pages more). The same sources
// and cap then always give the same items, so that a [MaxItems] listing is
// deterministic. A single paginator is
// always in order: passing Ordered to its constructor is an error.
func Ordered() Option { return Option{func(s *settings) { s.ordered = true }} }

// checkFanout checks the options of a fan-out: its own, and those it passes
// to every source, so that bad input is reported before any request even
// when the sources are found later.
func (s *settings) checkFanout() error {
	if s.concurrencySet && (s.concurrency < 1 || s.concurrency > maxConcurrency) {
		return &InputError{Field: "Concurrency", Value: strconv.Itoa(s.concurrency), Reason: "must be between 1 and " + strconv.Itoa(maxConcurrency)}
	}
	c := *s
	c.concurrencySet, c.ordered = false, false
	return c.check(true)
}
