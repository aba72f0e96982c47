package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sessionkit/sessions"
)

// common holds the flags that stage and studio share.
type common struct {
	maxItems      intFlag
	startingToken string
	region        string
	profile       string
	endpointURL   string
	output        outputFlag
	prefetch      intFlag
	concurrency   intFlag
	active, ended bool
	startedAfter  timeFlag
	startedBefore timeFlag
}

// commonNames lists the shared flags in the order help shows them.
var commonNames = []string{
	"max-items", "starting-token", "output",
	"active", "ended", "started-after", "started-before",
	"region", "profile", "endpoint-url", "prefetch", "concurrency",
}

func (c *common) register(fs *flag.FlagSet, parent string) {
	c.output = "json"
	c.concurrency = intFlag{n: defaultConcurrency}
	fs.Var(&c.maxItems, "max-items", "Stop after `N` sessions in total (after filters), counted across every "+parent+" listed, and print a NextToken to continue")
	fs.StringVar(&c.startingToken, "starting-token", "", "Continue from the NextToken a previous run printed (`TOKEN`); pass the same "+parent+"s and service-side filters")
	fs.Var(&c.output, "output", "Output `FORMAT`: json (the AWS CLI's shape), jsonl (one object per line, streamed), table or text (tab-separated, like the AWS CLI)")
	fs.BoolVar(&c.active, "active", false, "Keep only active sessions")
	fs.BoolVar(&c.ended, "ended", false, "Keep only ended sessions")
	fs.Var(&c.startedAfter, "started-after", "Keep sessions that started strictly after `TIME` (RFC 3339)")
	fs.Var(&c.startedBefore, "started-before", "Keep sessions that started strictly before `TIME` (RFC 3339)")
	fs.StringVar(&c.region, "region", "", "AWS `REGION` (default: from AWS_REGION or the profile)")
	fs.StringVar(&c.profile, "profile", "", "Shared config `PROFILE` (default: AWS_PROFILE or \"default\")")
	fs.StringVar(&c.endpointURL, "endpoint-url", "", "Send requests to `URL` instead of the service's default endpoint")
	fs.Var(&c.prefetch, "prefetch", "Fetch up to `N` pages ahead of the output (default 0: one page at a time)")
	fs.Var(&c.concurrency, "concurrency", "List at most `N` "+parent+"s at once when several are given")
}

const defaultConcurrency = 8

// check validates what the library does not see.
func (c *common) check() error {
	if c.active && c.ended {
		return usagef("--active and --ended exclude each other: pass at most one")
	}
	if c.endpointURL != "" {
		u, err := url.Parse(c.endpointURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usagef("--endpoint-url %q: must be an http:// or https:// URL", c.endpointURL)
		}
	}
	if c.concurrency.n < 1 {
		return usagef("--concurrency %d: must be at least 1", c.concurrency.n)
	}
	return nil
}

// options returns the library options the flags ask for.
func (c *common) options() []sessions.Option {
	var opts []sessions.Option
	if c.maxItems.set {
		opts = append(opts, sessions.MaxItems(c.maxItems.n))
	}
	if c.prefetch.set {
		opts = append(opts, sessions.Prefetch(c.prefetch.n))
	}
	return opts
}

// An intFlag is an integer flag that remembers whether it was given.
type intFlag struct {
	n   int
	set bool
}

func (f *intFlag) String() string {
	if f == nil || !f.set && f.n == 0 {
		return ""
	}
	return strconv.Itoa(f.n)
}

func (f *intFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return errors.New("must be a whole number")
	}
	f.n, f.set = n, true
	return nil
}

// A listFlag collects a flag given several times; with split, each value
// may also be a comma-separated list.
type listFlag struct {
	vals  []string
	split bool
}

func (f *listFlag) String() string {
	if f == nil {
		return ""
	}
	return strings.Join(f.vals, ",")
}

func (f *listFlag) Set(s string) error {
	if !f.split {
		f.vals = append(f.vals, s)
		return nil
	}
	for _, v := range strings.Split(s, ",") {
		f.vals = append(f.vals, strings.TrimSpace(v))
	}
	return nil
}

// A timeFlag is an RFC 3339 time.
type timeFlag struct{ t time.Time }

func (f *timeFlag) String() string {
	if f == nil || f.t.IsZero() {
		return ""
	}
	return f.t.Format(time.RFC3339Nano)
}

func (f *timeFlag) Set(s string) error {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return errors.New("must be an RFC 3339 time such as 2024-05-01T10:00:00Z")
	}
	f.t = t
	return nil
}

// outputFlag is the --output format.
type outputFlag string

var outputFormats = []string{"json", "jsonl", "table", "text"}

func (f *outputFlag) String() string {
	if f == nil {
		return ""
	}
	return string(*f)
}

func (f *outputFlag) Set(s string) error {
	for _, o := range outputFormats {
		if s == o {
			*f = outputFlag(s)
			return nil
		}
	}
	return errors.New("must be one of " + strings.Join(outputFormats, ", "))
}

// parseFlags parses args with fs and turns the flag package's errors into
// one line naming the flag. It returns flag.ErrHelp for -h and --help.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return err
	case err != nil:
		// The flag package names flags with one dash; we document two.
		return usagef("%s", strings.ReplaceAll(err.Error(), " -", " --"))
	case fs.NArg() > 0:
		return usagef("unexpected argument %q: every value goes with a flag", fs.Arg(0))
	}
	return nil
}

// flagNames maps the fields and options of the library's InputError to the
// flags that set them.
var flagNames = []struct{ field, flag string }{
	{"StageQuery.StageARN", "--stage-arn"},
	{"StageQuery.StartedAfter", "--started-after"},
	{"StageQuery.StartedBefore", "--started-before"},
	{"StageQuery.Status", "--active/--ended"},
	{"StudioQuery.StudioID", "--studio-id"},
	{"StudioQuery.SessionIDs", "--session-ids"},
	{"StudioQuery.States", "--state"},
	{"StartedAfter", "--started-after"},
	{"StartedBefore", "--started-before"},
	{"SessionIDs", "--session-ids"},
	{"PageSize", "--page-size"},
	{"MaxItems", "--max-items"},
	{"StartingToken", "--starting-token"},
	{"Prefetch", "--prefetch"},
	{"State", "--state"},
	{"limit", "--concurrency"},
}

// flagError turns the library's *InputError into a usage error naming the
// flag; other errors pass through.
func flagError(err error) error {
	var ie *sessions.InputError
	if !errors.As(err, &ie) {
		return err
	}
	name := ie.Field
	for _, m := range flagNames {
		if name == m.field || strings.HasPrefix(name, m.field+"[") {
			name = m.flag
			break
		}
	}
	reason := ie.Reason
	for _, m := range flagNames {
		if strings.Contains(m.field, ".") {
			continue // a reason names a sibling field by its short name
		}
		reason = strings.ReplaceAll(reason, m.field+"[", m.flag+"[")
		reason = strings.ReplaceAll(reason, m.field+" ", m.flag+" ")
		reason = strings.ReplaceAll(reason, m.field+")", m.flag+")")
	}
	reason = strings.ReplaceAll(reason, "a cursor from Paginator.Cursor", "a NextToken printed by sessions")
	return usagef("%s %s: %s", name, strconv.Quote(shorten(ie.Value)), reason)
}

// shorten keeps a long value (a token, say) readable in a one-line error.
func shorten(s string) string {
	if len(s) <= 72 {
		return s
	}
	return s[:64] + "…"
}

// writeHelp prints the flags of fs named in names, each with an example.
func writeHelp(w io.Writer, fs *flag.FlagSet, names []string) {
	for _, name := range names {
		f := fs.Lookup(name)
		arg, usage := flag.UnquoteUsage(f)
		if _, ok := f.Value.(interface{ IsBoolFlag() bool }); ok {
			arg = ""
		}
		line := "  --" + name
		if arg != "" {
			line += " " + arg
		}
		fmt.Fprintf(w, "%s\n      %s\n", line, usage)
		if f.DefValue != "" && f.DefValue != "false" {
			fmt.Fprintf(w, "      (default %s)\n", f.DefValue)
		}
		fmt.Fprintf(w, "      e.g. %s\n", flagExamples[name])
	}
}

// flagExamples gives every flag of every subcommand an example; a test
// checks that none is missing.
var flagExamples = map[string]string{
	"stage-arn":      "--stage-arn arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456",
	"page-size":      "--page-size 100",
	"studio-id":      "--studio-id stid-a1b2c3d4e5f6g7h8",
	"created-by":     "--created-by user-alice",
	"owned-by":       "--owned-by user-alice",
	"session-ids":    "--session-ids session-1,session-2",
	"state":          "--state READY,STOPPED",
	"max-items":      "--max-items 100",
	"starting-token": "--starting-token sessions.v1.cwhhcm46YXdzOml2czp1cy13ZXN0LTI6MTEx...",
	"output":         "--output table",
	"active":         "--active",
	"ended":          "--ended",
	"started-after":  "--started-after 2024-05-01T00:00:00Z",
	"started-before": "--started-before 2024-05-02T00:00:00+02:00",
	"region":         "--region us-west-2",
	"profile":        "--profile prod",
	"endpoint-url":   "--endpoint-url http://127.0.0.1:4566",
	"prefetch":       "--prefetch 2",
	"concurrency":    "--concurrency 16",
}
