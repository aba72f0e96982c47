package main

// --max-rate: the pace of every IVS request (sessions.ClientMaxRate), so
// that a listing stays under IVS Real-Time's quota of 5 requests a second
// per region and operation instead of being throttled. Pacing only delays
// requests: the AWS spellings send exactly the requests the AWS CLI sends.

import (
	"os"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions"
)

// maxRateEnv sets the default of --max-rate, e.g. 0 for a local endpoint
// without a quota.
const maxRateEnv = "SESSIONS_MAX_RATE"

var maxRateOption = option{name: "max-rate", arg: "N", help: "Send at most N IVS requests a second for each region and operation; a throttled request waits and is sent again (default " + strconv.FormatFloat(sessions.DefaultMaxRate, 'g', -1, 64) + ", just under IVS's quota of 5, or " + maxRateEnv + "; 0 turns pacing off)", example: "--max-rate 2"}

// maxRate reads --max-rate, or its default.
func maxRate(a *args) (float64, error) {
	s, name := a.str("max-rate"), "--max-rate"
	if !a.has("max-rate") {
		if s, name = os.Getenv(maxRateEnv), maxRateEnv; s == "" {
			return sessions.DefaultMaxRate, nil
		}
	}
	r, err := strconv.ParseFloat(s, 64)
	if err != nil || !(r >= 0 && r <= 1e6) {
		return 0, paramf("%s %q: must be a number of requests a second from 0 (off) to 1e6", name, s)
	}
	return r, nil
}

// pace is the client option that paces the IVS requests of c.
func (c *connection) pace() func(*ivsrealtime.Options) { return sessions.ClientMaxRate(c.maxRate) }

// readAhead returns the options of an ordered fan-out that prints its whole
// listing (no --max-items): every stage listed at once, each reading ahead
// as far as it can, unless --concurrency or --prefetch say otherwise. An
// ordered fan-out hands out one stage after another, and a stage holds its
// place in the fan-out until its turn: with 16 at once, the stages of the
// first region would take every place while the other regions sat idle, and
// the listing would take the sum of the regions' times under IVS's quota
// instead of the longest. The price is memory: a stage waiting its turn
// holds up to 100 pages, so the memory of such a listing grows with the
// sessions of the stages waiting, where a streamed format (jsonl, text)
// stays flat; --concurrency or --prefetch bound it.
func readAhead(concurrencySet, prefetchSet bool) []sessions.Option {
	var opts []sessions.Option
	if !concurrencySet {
		opts = append(opts, sessions.Concurrency(maxFanout))
	}
	if !prefetchSet {
		opts = append(opts, sessions.Prefetch(maxReadAhead))
	}
	return opts
}

// maxFanout and maxReadAhead are the library's largest Concurrency and
// Prefetch.
const maxFanout, maxReadAhead = 1024, 100
