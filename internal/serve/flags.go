package serve

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

const serveUsage = `Usage: sessions serve [flags]

Serves IVS Real-Time ListStageSessions and ListStages and Nimble Studio
ListStreamingSessions on their wire format, on a local port, until
interrupted (Ctrl-C or SIGTERM). Point the AWS CLI, an AWS SDK or sessions
at it with --endpoint-url or AWS_ENDPOINT_URL; any credentials do, and the
region is that of the stages asked for (a stage's ARN names its region).

By default it serves generated data that could happen on IVS: named stages
in each region, a few of them idle, each with one session at a time (the
newest may still be active, as ListStages' activeSessionId says), busy in
the region's evening and quiet at night, listed most recent first; and
studios whose streaming sessions are starting, running, stopped or deleted
by age. --data serves a file instead.

Flags:
  --host HOST                 address to listen on (default 127.0.0.1)
  --port N                    port to listen on; 0 picks a free one (default 8417)
  --regions R1,R2             regions of the generated stages (default us-west-2)
  --stages N                  generated stages per region (default 8)
  --sessions N                generated sessions per stage (default 200)
  --studios N                 generated studios (default 1)
  --streaming-sessions N      generated streaming sessions per studio (default 120)
  --studio-page-size N        streaming sessions per page (default 25)
  --seed N                    seed of the generated data (default 1)
  --now TIME                  the generated data ends at TIME, an RFC 3339 time or a
                              date (default: the start of the current hour, UTC)
  --data FILE                 serve the sessions or stages in FILE (repeatable); JSON
                              as the AWS CLI or sessions print it ({"stageSessions":
                              [...]}, {"sessions":[...]}, {"stages":[...]}) or JSONL,
                              one session or stage per line
  --stage-arn ARN             the stage of data-file sessions that name none
  --studio-id ID              the studio of data-file streaming sessions that name none
  --latency DURATION          delay every response, e.g. 30ms
  --quota RATE                requests a second allowed for each signed region and
                              operation, as IVS Real-Time allows (default 5); over it a
                              request gets 429 ThrottlingException "Rate exceeded";
                              0 turns the quota off
  --quota-burst N             requests the quota lets through at once (default 5)
  --fault KIND[@N][xT]        inject a fault on requests N to N+T-1 (default @1x1;
                              xall for every request from N on); repeatable. KIND is
                              one of ` + faultKindList + `

Example:
  sessions serve --port 0 --stages 3 --sessions 10000 --latency 5ms --fault throttle@2x2
`

// faultKinds names the fault kinds for --fault.
var faultKinds = []struct {
	name string
	kind fakeaws.FaultKind
}{
	{"throttle", fakeaws.FaultThrottle}, {"internal", fakeaws.FaultInternal}, {"unavailable", fakeaws.FaultUnavailable},
	{"validation", fakeaws.FaultValidation}, {"malformed", fakeaws.FaultMalformedJSON}, {"truncated", fakeaws.FaultTruncatedBody},
	{"short-body", fakeaws.FaultShortBody}, {"hang-up", fakeaws.FaultHangUp}, {"drop", fakeaws.FaultDropConnection},
	{"repeat-token", fakeaws.FaultRepeatToken}, {"token-cycle", fakeaws.FaultTokenCycle}, {"empty-page", fakeaws.FaultEmptyPage},
}

const faultKindList = "throttle, internal, unavailable,\n                              validation, malformed, truncated, short-body, hang-up,\n                              drop, repeat-token, token-cycle, empty-page"

// parseFault reads KIND[@N][xT].
func parseFault(s string) (fakeaws.Fault, error) {
	bad := func(why string) (fakeaws.Fault, error) {
		return fakeaws.Fault{}, fmt.Errorf("--fault %q: %s; the form is KIND[@N][xT], e.g. throttle@2x3", s, why)
	}
	name, rest, _ := strings.Cut(s, "@")
	rest, count, _ := strings.Cut(rest, "x")
	f := fakeaws.Fault{Request: 1, Times: 1}
	found := false
	for _, k := range faultKinds {
		if k.name == name {
			f.Kind, found = k.kind, true
		}
	}
	if !found {
		names := make([]string, len(faultKinds))
		for i, k := range faultKinds {
			names[i] = k.name
		}
		return bad("unknown kind " + strconv.Quote(name) + "; known kinds: " + strings.Join(names, ", "))
	}
	if rest != "" {
		n, err := strconv.Atoi(rest)
		if err != nil || n < 1 {
			return bad("the request number N must be a whole number from 1")
		}
		f.Request = n
	}
	switch {
	case count == "all":
		f.Times = -1
	case count != "":
		n, err := strconv.Atoi(count)
		if err != nil || n < 1 {
			return bad(`the count T must be a whole number from 1, or "all"`)
		}
		f.Times = n
	}
	return f, nil
}

// parseServeFlags reads the flags; generate reports whether to serve
// generated data: always without --data, and with it only when a size
// flag asks for some.
func parseServeFlags(args []string, stderr io.Writer) (c serveConfig, generate bool, err error) {
	c = defaultServeConfig()
	fs := flag.NewFlagSet("sessions serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	// A value's error is reported as it is, not in the flag package's
	// words (invalid value "5" for flag -latency: …).
	var valueErr error
	value := func(name, want string, set func(string) error) {
		fs.Func(name, "", func(s string) error {
			if err := set(s); err != nil {
				if want != "" {
					err = fmt.Errorf("--%s %q: want %s", name, s, want)
				}
				valueErr = err
				return err
			}
			return nil
		})
	}
	number := func(name string, p *int) {
		value(name, "a whole number", func(s string) (err error) { *p, err = strconv.Atoi(s); return err })
	}
	fs.StringVar(&c.host, "host", c.host, "")
	number("port", &c.port)
	regions := fs.String("regions", strings.Join(c.regions, ","), "")
	number("stages", &c.stages)
	number("sessions", &c.sessions)
	number("studios", &c.studios)
	number("streaming-sessions", &c.streaming)
	number("studio-page-size", &c.studioPageSize)
	value("seed", "a whole number from 0", func(s string) (err error) { c.seed, err = strconv.ParseUint(s, 10, 64); return err })
	value("now", nowWant, func(s string) (err error) { c.now, err = parseNow(s); return err })
	fs.Func("data", "", func(s string) error { c.data = append(c.data, s); return nil })
	fs.StringVar(&c.stageARN, "stage-arn", "", "")
	fs.StringVar(&c.studioID, "studio-id", "", "")
	value("latency", "a duration such as 30ms", func(s string) (err error) { c.latency, err = time.ParseDuration(s); return err })
	value("quota", "a number of requests a second, 0 for none", func(s string) (err error) { c.quota, err = strconv.ParseFloat(s, 64); return err })
	number("quota-burst", &c.quotaBurst)
	value("fault", "", func(s string) error {
		f, err := parseFault(s)
		if err == nil {
			c.faults = append(c.faults, f)
		}
		return err
	})
	if err := fs.Parse(args); err != nil {
		return c, false, flagError(err, valueErr)
	}
	if fs.NArg() > 0 {
		return c, false, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	sized := false
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "stages", "sessions", "studios", "streaming-sessions", "regions", "seed", "now":
			sized = true
		}
	})
	c.regions = strings.Split(*regions, ",")
	return c, len(c.data) == 0 || sized, c.check()
}

// flagError puts an error of the flag package in the command's words.
func flagError(err, valueErr error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, flag.ErrHelp):
		return err
	case valueErr != nil:
		return valueErr
	case strings.HasPrefix(msg, "flag provided but not defined: -"):
		return fmt.Errorf("unknown flag --%s", strings.TrimPrefix(msg, "flag provided but not defined: -"))
	case strings.HasPrefix(msg, "flag needs an argument: -"):
		return fmt.Errorf("--%s needs a value", strings.TrimPrefix(msg, "flag needs an argument: -"))
	}
	return errors.New(strings.ReplaceAll(msg, " -", " --"))
}

// nowWant is what --now takes.
const nowWant = "a time such as 2026-05-01T20:00:00Z or a date such as 2026-05-01"

// parseNow reads --now: an RFC 3339 time or a date (midnight UTC).
func parseNow(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	return time.Parse(time.DateOnly, s)
}

// check refuses values out of range.
func (c serveConfig) check() error {
	for _, r := range c.regions {
		if !validRegion(r) {
			return fmt.Errorf("--regions: %q is not a region name such as us-west-2", r)
		}
	}
	for _, v := range []struct {
		name string
		n    int
		min  int
	}{{"--port", c.port, 0}, {"--stages", c.stages, 0}, {"--sessions", c.sessions, 0}, {"--studios", c.studios, 0},
		{"--streaming-sessions", c.streaming, 0}, {"--studio-page-size", c.studioPageSize, 1}, {"--quota-burst", c.quotaBurst, 1}} {
		if v.n < v.min {
			return fmt.Errorf("%s %d: must be at least %d", v.name, v.n, v.min)
		}
	}
	if c.port > 65535 {
		return fmt.Errorf("--port %d: must be at most 65535", c.port)
	}
	if !(c.quota >= 0 && c.quota <= 1e6) {
		return fmt.Errorf("--quota %v: must be between 0 (none) and 1e6 requests a second", c.quota)
	}
	if c.latency < 0 {
		return fmt.Errorf("--latency %v: must not be negative", c.latency)
	}
	return nil
}

// validRegion reports whether r looks like an AWS region name.
func validRegion(r string) bool {
	if r == "" || len(r) > 30 {
		return false
	}
	for _, ch := range r {
		if !(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-') {
			return false
		}
	}
	return true
}
