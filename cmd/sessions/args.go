package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// An option is one --name the command line accepts.
type option struct {
	name string
	arg  string // the value's placeholder in help; "" for a switch
	// repeat: the option may be given several times (our additions).
	repeat bool
	// choices, when set, are the only values accepted.
	choices []string
	help    string
	example string
}

// globalOptions are the AWS CLI v2's global options, accepted before or
// after the command as in the AWS CLI, plus ours.
var globalOptions = []option{
	{name: "debug", help: "Log every request and response on standard error", example: "--debug"},
	{name: "endpoint-url", arg: "URL", help: "Send requests to URL instead of the service's default endpoint", example: "--endpoint-url http://127.0.0.1:4566"},
	{name: "no-verify-ssl", help: "Do not verify the endpoint's TLS certificate", example: "--no-verify-ssl"},
	{name: "no-paginate", help: "Make a single request and print its response as it is (nextToken included)", example: "--no-paginate"},
	{name: "output", arg: "FORMAT", help: "Output format: json, text, table, yaml, yaml-stream, off (the AWS CLI's), jsonl (one object per line), columns (aligned, for people), svg or html (a timeline picture) or summary (a table per stage or studio); default AWS_DEFAULT_OUTPUT, the profile's output, or json", example: "--output table"},
	{name: "query", arg: "JMESPATH", help: "A JMESPath expression applied to the result, as the AWS CLI applies it", example: "--query 'stageSessions[].sessionId'"},
	{name: "profile", arg: "PROFILE", help: "Shared config profile (default: AWS_PROFILE or \"default\")", example: "--profile prod"},
	{name: "region", arg: "REGION", repeat: true, help: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION or the profile's region); with --all-stages, repeat it to list several regions", example: "--region us-west-2"},
	{name: "version", help: "Print the version and exit", example: "--version"},
	{name: "color", arg: "on|off|auto", choices: []string{"on", "off", "auto"}, help: "Colour the table output (auto: when standard output is a terminal)", example: "--color off"},
	{name: "no-sign-request", help: "Send requests without credentials or signature", example: "--no-sign-request"},
	{name: "ca-bundle", arg: "FILE", help: "PEM file of the certificate authorities to trust (default AWS_CA_BUNDLE or the profile's ca_bundle)", example: "--ca-bundle corp-ca.pem"},
	{name: "cli-read-timeout", arg: "SECONDS", help: "Longest wait for a response, in seconds; 0 waits forever (default 60)", example: "--cli-read-timeout 30"},
	{name: "cli-connect-timeout", arg: "SECONDS", help: "Longest wait for a connection, in seconds; 0 waits forever (default 60)", example: "--cli-connect-timeout 5"},
	{name: "cli-binary-format", arg: "FORMAT", choices: []string{"base64", "raw-in-base64-out"}, help: "How blob arguments are read (these commands have none)", example: "--cli-binary-format base64"},
	{name: "no-cli-pager", help: "Do not page the output through AWS_PAGER or cli_pager", example: "--no-cli-pager"},
	{name: "cli-auto-prompt", help: "Refused: there is no interactive prompt", example: "--cli-auto-prompt"},
	{name: "no-cli-auto-prompt", help: "No interactive prompt (the default)", example: "--no-cli-auto-prompt"},
	{name: "prefetch", arg: "N", help: "Fetch up to N pages ahead of the output (default 0)", example: "--prefetch 2"},
	{name: "concurrency", arg: "N", help: "List at most N stages or studios at once when several are given (default: all of them, up to 16)", example: "--concurrency 16"},
	maxRateOption,
	{name: "summary", help: "Print a summary instead of the sessions: per stage or studio, the sessions, total and longest duration, and the most at once and when (same as --output summary)", example: "--summary"},
	{name: "from", arg: "TIME", help: "With --output svg, html or summary: start the picture and the summary at TIME, a date (midnight in --tz) or an RFC 3339 time; sessions begun before it that run on into it are cut to it", example: "--from 2026-11-30"},
	{name: "to", arg: "TIME", help: "With --output svg, html or summary: end them at TIME, a date (its whole day, to the next midnight in --tz) or an RFC 3339 time; sessions running on are cut to it", example: "--to 2026-12-06T18:00:00+01:00"},
	{name: "tz", arg: "ZONE", help: "The time zone of the picture's axis and tooltips, of the summary's times and of dates given to --from, --to, --started-after and --started-before: an IANA name (default UTC)", example: "--tz Europe/Berlin"},
}

// inputOptions are the options of every operation for its input.
var inputOptions = []option{
	{name: "cli-input-json", arg: "JSON", help: "Read the input members from a JSON object (file://path reads a file); options on the command line win", example: `--cli-input-json '{"maxResults": 10}'`},
	{name: "cli-input-yaml", arg: "YAML", help: "Read the input members from YAML (file://path reads a file)", example: "--cli-input-yaml file://input.yaml"},
	{name: "generate-cli-skeleton", arg: "[input|yaml-input|output]", help: "Print a skeleton of the input (JSON or YAML) and exit", example: "--generate-cli-skeleton yaml-input"},
}

// pagingOptions are the AWS CLI's paginator options; for
// list-stage-sessions they are our addition.
var pagingOptions = []option{
	{name: "max-items", arg: "N", help: "Stop after N sessions in total (after filters) and print a NextToken to continue", example: "--max-items 100"},
	{name: "starting-token", arg: "TOKEN", help: "Continue from a NextToken printed by this tool or by the AWS CLI", example: "--starting-token eyJuZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAzfQ=="},
}

// filterOptions are our client-side filters, common to both commands.
var filterOptions = []option{
	{name: "active", help: "Keep only active sessions", example: "--active"},
	{name: "ended", help: "Keep only ended sessions", example: "--ended"},
	{name: "started-after", arg: "TIME", help: "Keep sessions that started strictly after TIME: an RFC 3339 time, or a date (midnight at its start in --tz)", example: "--started-after 2024-05-01T00:00:00Z"},
	{name: "started-before", arg: "TIME", help: "Keep sessions that started strictly before TIME: an RFC 3339 time, or a date (midnight at its start in --tz)", example: "--started-before 2024-05-02"},
}

// args is a parsed command line: the values given for each option, in
// order.
type args struct {
	vals map[string][]string
}

func (a *args) has(name string) bool { _, ok := a.vals[name]; return ok }

func (a *args) str(name string) string {
	v := a.vals[name]
	if len(v) == 0 {
		return ""
	}
	return v[len(v)-1]
}

func (a *args) list(name string) []string { return a.vals[name] }

// integer returns the option's value as an integer. A bad one is a usage
// error, as argparse reports it, except for an input member (--max-results),
// which the AWS CLI hands to Python's int() and fails with status 255.
func (a *args) integer(name string) (int, bool, error) {
	if !a.has(name) {
		return 0, false, nil
	}
	s := a.str(name)
	n, err := strconv.Atoi(strings.TrimSpace(s))
	switch {
	case err != nil && name == "max-results":
		return 0, true, fmt.Errorf("invalid literal for int() with base 10: '%s'", s)
	case err != nil:
		return 0, true, usagef("argument --%s: invalid int value: '%s'", name, s)
	}
	return n, true, nil
}

func (a *args) seconds(name string) (time.Duration, bool, error) {
	if !a.has(name) {
		return 0, false, nil
	}
	s := a.str(name)
	n, err := strconv.Atoi(s)
	switch {
	case err != nil:
		return 0, true, &failure{fmt.Sprintf("invalid literal for int() with base 10: '%s'", s)}
	case n < 0:
		return 0, true, &failure{fmt.Sprintf("--%s %d: must be 0 or more seconds", name, n)}
	}
	return time.Duration(n) * time.Second, true, nil
}

// filters are the client-side filters both commands take.
type filters struct {
	after, before time.Time
	active, ended bool
}

func (a *args) filters() (filters, error) {
	var f filters
	var err error
	if f.after, err = a.timeValue("started-after"); err != nil {
		return f, err
	}
	if f.before, err = a.timeValue("started-before"); err != nil {
		return f, err
	}
	f.active, f.ended = a.has("active"), a.has("ended")
	if f.active && f.ended {
		return f, paramf("--active and --ended exclude each other: pass at most one")
	}
	return f, nil
}

// timeValue reads --started-after or --started-before: an RFC 3339 time,
// or a date, midnight at its start in the --tz zone.
func (a *args) timeValue(name string) (time.Time, error) {
	loc, err := zoneOption(a)
	if err != nil {
		return time.Time{}, err
	}
	return a.when(name, loc, false)
}

// parse reads options from words against the options in opts. Options may
// be written --name value or --name=value, and abbreviated as argparse
// allows (see abbreviation). Words it does not know are returned as
// unknown, as the AWS CLI reports them.
func parse(words []string, opts []option, into *args) (unknown []string, err error) {
	return parseOperation(words, opts, into, "")
}

// parseOperation is parse for the options of an operation of the AWS CLI,
// whose abbreviations resolve as the AWS CLI resolves them there.
func parseOperation(words []string, opts []option, into *args, operation string) (unknown []string, err error) {
	tiers := abbreviationTiers(opts, operation)
	if into.vals == nil {
		into.vals = map[string][]string{}
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		name, val, hasVal := strings.Cut(strings.TrimPrefix(w, "--"), "=")
		j := slices.IndexFunc(opts, func(o option) bool { return o.name == name })
		if j < 0 && strings.HasPrefix(w, "--") {
			full, err := abbreviation(w, tiers)
			if err != nil {
				return nil, err
			}
			name = full
			j = slices.IndexFunc(opts, func(o option) bool { return o.name == full })
		}
		if !strings.HasPrefix(w, "--") || j < 0 {
			unknown = append(unknown, w)
			continue
		}
		o := opts[j]
		switch {
		case o.arg == "" && hasVal:
			return nil, usagef("argument --%s: ignored explicit argument '%s'", name, val)
		case o.arg == "":
			val = ""
		case !hasVal && o.name == "generate-cli-skeleton":
			val = "input"
			if i+1 < len(words) && !strings.HasPrefix(words[i+1], "--") {
				i++
				val = words[i]
			}
		case !hasVal:
			if i+1 >= len(words) || strings.HasPrefix(words[i+1], "--") && !(o.name == "query" || o.name == "starting-token" || o.name == "next-token") {
				return nil, usagef("argument --%s: expected one argument", name)
			}
			i++
			val = words[i]
		}
		if o.choices != nil && !slices.Contains(o.choices, val) {
			return nil, &choiceError{name, val, o.choices}
		}
		if len(into.vals[name]) > 0 && !o.repeat {
			into.vals[name] = into.vals[name][:0]
		}
		into.vals[name] = append(into.vals[name], val)
	}
	return unknown, nil
}

// awsGlobalNames are the AWS CLI v2's global options, in the order of its
// main parser; the other global options are ours.
var awsGlobalNames = []string{"debug", "endpoint-url", "no-verify-ssl", "no-paginate", "output", "query", "profile", "region", "version", "color", "no-sign-request", "ca-bundle", "cli-read-timeout", "cli-connect-timeout", "cli-binary-format", "no-cli-pager", "cli-auto-prompt", "no-cli-auto-prompt"}

// awsOperationNames are the options the AWS CLI v2 gives each operation,
// in the order of its parser: the model's members, then those its
// customizations add (list-streaming-sessions has a paginator).
var awsOperationNames = map[string][]string{
	"list-stage-sessions":     {"stage-arn", "next-token", "max-results", "cli-input-json", "generate-cli-skeleton", "cli-input-yaml"},
	"list-streaming-sessions": {"created-by", "next-token", "owned-by", "session-ids", "studio-id", "cli-input-json", "starting-token", "page-size", "max-items", "generate-cli-skeleton", "cli-input-yaml"},
}

// abbreviationTiers returns the names an abbreviation may stand for among
// opts, tier by tier: the AWS CLI's global options (its main parser reads
// every word first), then the operation's (operation "" for none), then
// ours, so that every abbreviation the AWS CLI takes means here what it
// means there.
func abbreviationTiers(opts []option, operation string) [][]string {
	tiers := [][]string{awsGlobalNames, awsOperationNames[operation]}
	var ours []string
	for _, o := range opts {
		if !slices.Contains(tiers[0], o.name) && !slices.Contains(tiers[1], o.name) {
			ours = append(ours, o.name)
		}
	}
	return append(tiers, ours)
}

// abbreviation returns the option that word (--prefix or --prefix=value)
// abbreviates, as argparse resolves it: the one name of the first tier
// that has names starting with the prefix, "" if none has; several in that
// tier are argparse's "ambiguous option" error.
func abbreviation(word string, tiers [][]string) (string, error) {
	prefix, _, _ := strings.Cut(strings.TrimPrefix(word, "--"), "=")
	if prefix == "" {
		return "", nil
	}
	for _, tier := range tiers {
		var matches []string
		for _, n := range tier {
			if strings.HasPrefix(n, prefix) {
				matches = append(matches, "--"+n)
			}
		}
		switch len(matches) {
		case 0:
			continue
		case 1:
			return matches[0][2:], nil
		}
		return "", usagef("ambiguous option: %s could match %s", word, strings.Join(matches, ", "))
	}
	return "", nil
}

// A choiceError is a value outside an option's choices.
type choiceError struct {
	name, val string
	choices   []string
}

// Error lays the choices out in two columns, as the AWS CLI does.
func (e *choiceError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "argument --%s: Invalid choice, valid choices are:\n\n", e.name)
	for i := 0; i < len(e.choices); i += 2 {
		if i+1 < len(e.choices) {
			fmt.Fprintf(&b, "%-40s | %-40s\n", e.choices[i], e.choices[i+1])
		} else {
			fmt.Fprintf(&b, "%-40s\n", e.choices[i])
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}
