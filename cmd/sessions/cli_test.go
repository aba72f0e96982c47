package main

import (
	"bufio"
	"context"
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

const (
	goldenARN    = "arn:aws:ivs:us-west-2:111122223333:stage/GoldenStage"
	goldenARN2   = "arn:aws:ivs:us-west-2:111122223333:stage/GoldenStage2"
	goldenStudio = "stid-golden"
)

func goldenServer(t *testing.T, opts ...fakeaws.Option) *fakeaws.Server {
	t.Helper()
	srv := fakeaws.New(append([]fakeaws.Option{
		fakeaws.WithStage(goldenARN, fakeaws.GenStageSessions(7, 42)),
		fakeaws.WithStage(goldenARN2, fakeaws.GenStageSessions(4, 43)),
		fakeaws.WithStudio(goldenStudio, fakeaws.GenStreamingSessions(6, 42)),
		fakeaws.WithStudioPageSize(4),
	}, opts...)...)
	t.Cleanup(srv.Close)
	return srv
}

func TestGolden(t *testing.T) {
	srv := goldenServer(t)
	stage := []string{"stage", "--stage-arn", goldenARN, "--page-size", "3"}
	studio := []string{"studio", "--studio-id", goldenStudio}
	tests := []struct {
		file string
		args []string
	}{
		{"stage.json", append(stage, "--output", "json")},
		{"stage-max-items.json", append(stage, "--max-items", "5", "--output", "json")},
		{"stage.jsonl", append(stage, "--max-items", "5", "--output", "jsonl")},
		{"stage.table", append(stage, "--max-items", "5", "--output", "table")},
		{"stage.columns", append(stage, "--max-items", "5", "--output", "columns")},
		{"stage.yaml", append(stage, "--max-items", "5", "--output", "yaml")},
		{"stage.text", append(stage, "--max-items", "5", "--output", "text")},
		{"stage-empty.json", append(stage, "--started-after", "2030-01-01T00:00:00Z")},
		{"stage-empty.table", append(stage, "--started-after", "2030-01-01T00:00:00Z", "--output", "table")},
		{"stages.json", []string{"stage", "--stage-arn", goldenARN, "--stage-arn", goldenARN2, "--output", "json"}},
		{"stages.table", []string{"stage", "--stage-arn", goldenARN, "--stage-arn", goldenARN2, "--ended", "--output", "table"}},
		{"studio.json", append(studio, "--output", "json")},
		{"studio.jsonl", append(studio, "--max-items", "3", "--output", "jsonl")},
		{"studio.table", append(studio, "--output", "table")},
		{"studio.text", append(studio, "--output", "text")},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := runBin(t, srv, tt.args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit status %d, stderr %q; want 0 and nothing", r.code, r.stderr)
			}
			golden(t, tt.file, r.stdout)
		})
	}
}

func TestGoldenHelp(t *testing.T) {
	for _, tt := range []struct{ file, args string }{
		{"help.txt", "--help"},
		{"stage-help.txt", "stage --help"},
		{"studio-help.txt", "studio --help"},
		{"demo-help.txt", "demo -h"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			r := runBin(t, nil, strings.Fields(tt.args)...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit status %d, stderr %q; want 0 and nothing", r.code, r.stderr)
			}
			golden(t, tt.file, r.stdout)
		})
	}
}

// TestHelpListsEveryFlag checks that every option of every command is in
// sessions --help and in its command's help, with an example.
func TestHelpListsEveryFlag(t *testing.T) {
	for _, c := range []*command{&stageCommand, &studioCommand} {
		for _, o := range slices.Concat(c.options, inputOptions, globalOptions) {
			for _, help := range []string{mainUsage(), c.usage()} {
				if !strings.Contains(help, "  --"+o.name) {
					t.Errorf("%s: --%s is not in the help", c.short, o.name)
				}
			}
			if !strings.HasPrefix(o.example, "--"+o.name) {
				t.Errorf("%s: --%s has no example (got %q)", c.short, o.name, o.example)
			}
		}
	}
}

// demoTimings finds what changes from run to run: the timings of the
// fan-out.
var demoTimings = regexp.MustCompile(`(requests in |at least )\d+(\.\d+)?(ms|µs|s)\b`)

func TestDemo(t *testing.T) {
	r := runBin(t, nil, "demo", "--now", "2026-03-06T20:00:00Z")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit status %d, stderr %q; want 0 and nothing", r.code, r.stderr)
	}
	if n := strings.Count(r.stdout, "\n"); n > 100 {
		t.Errorf("the demo prints %d lines; keep it to a screenful or two", n)
	}
	golden(t, "demo.txt", demoTimings.ReplaceAllString(r.stdout, "${1}T"))
}

// TestCLIJSONShape serves the IVS example of WIRE.md §4 and checks that
// --output json prints what the AWS CLI v2 prints for it: the response
// shape without the service's nextToken, members in the model's order,
// null endTime left out, timestamps as botocore's parsed datetime
// .isoformat() (the wire's offset kept, "+00:00" for Z, microseconds only
// when present), and json.dumps(indent=4) layout.
func TestCLIJSONShape(t *testing.T) {
	plus2 := time.FixedZone("", 2*3600)
	arn := "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	srv := fakeaws.New(fakeaws.WithStage(arn, fakeaws.FromSlice([]fakeaws.StageSession{
		{SessionID: "st-1a2b3c4d5e6f7", StartTime: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), EndTime: time.Date(2024, 5, 1, 11, 0, 0, 123e6, time.UTC)},
		{SessionID: "st-7g8h9i0j1k2l3", StartTime: time.Date(2024, 5, 2, 10, 0, 0, 0, plus2)},
		{SessionID: "st-3m4n5o6p7q8r9", StartTime: time.Date(2024, 5, 3, 10, 0, 0, 0, time.UTC)},
	})), fakeaws.WithRequestLog(10))
	t.Cleanup(srv.Close)

	const all = `{
    "stageSessions": [
        {
            "sessionId": "st-1a2b3c4d5e6f7",
            "startTime": "2024-05-01T10:00:00+00:00",
            "endTime": "2024-05-01T11:00:00.123000+00:00"
        },
        {
            "sessionId": "st-7g8h9i0j1k2l3",
            "startTime": "2024-05-02T10:00:00+02:00"
        },
        {
            "sessionId": "st-3m4n5o6p7q8r9",
            "startTime": "2024-05-03T10:00:00+00:00"
        }
    ]
}
`
	r := runBin(t, srv, "stage", "--stage-arn", arn, "--page-size", "2")
	if r.code != 0 {
		t.Fatalf("exit status %d, stderr %q", r.code, r.stderr)
	}
	if diff := cmp.Diff(all, r.stdout); diff != "" {
		t.Errorf("--output json mismatch (-want +got):\n%s", diff)
	}
	// Both pages were read with the page size asked for: the example's
	// exchange, request for request.
	var sizes []int32
	for _, req := range srv.Log() {
		sizes = append(sizes, *req.MaxResults)
	}
	if diff := cmp.Diff([]int32{2, 2}, sizes); diff != "" {
		t.Errorf("maxResults sent (-want +got):\n%s", diff)
	}

	// With --max-items the CLI adds "NextToken" after the list.
	r = runBin(t, srv, "stage", "--stage-arn", arn, "--page-size", "2", "--max-items", "1")
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, r.stdout)
	}
	if _, ok := doc["NextToken"]; !ok || len(doc) != 2 {
		t.Errorf("--max-items 1 output has members %v; want stageSessions and NextToken", slices.Sorted(maps.Keys(doc)))
	}
}

func TestUsageErrors(t *testing.T) {
	srv := goldenServer(t, fakeaws.WithRequestLog(100))
	// A cursor for another stage, to check that resuming rejects it.
	r := runBin(t, srv, "stage", "--stage-arn", goldenARN2, "--max-items", "1", "--output", "text")
	otherCursor := strings.TrimPrefix(lastLine(r.stdout), "NEXTTOKEN\t")
	srv.ResetStats()

	arn := []string{"stage", "--stage-arn", goldenARN}
	tests := []struct {
		name string
		args []string
		flag string // the flag the message must name
	}{
		{"unknown flag", append(arn, "--bogus"), "--bogus"},
		{"no subcommand", nil, "usage"},
		{"unknown subcommand", []string{"stages"}, "stages"},
		{"positional argument", append(arn, "extra"), "extra"},
		{"missing stage", []string{"stage"}, "--stage-arn"},
		{"bad ARN", []string{"stage", "--stage-arn", "arn:aws:ivs:us-west-2:1:channel/x"}, "--stage-arn"},
		{"page size 0", append(arn, "--page-size", "0"), "--page-size"},
		{"page size 101", append(arn, "--page-size", "101"), "--page-size"},
		{"page size not a number", append(arn, "--page-size", "ten"), "--page-size"},
		{"max items 0", append(arn, "--max-items", "0"), "--max-items"},
		{"negative prefetch", append(arn, "--prefetch", "-1"), "--prefetch"},
		{"concurrency 0", append(arn, "--concurrency", "0"), "--concurrency"},
		{"bad output", append(arn, "--output", "xml"), "--output"},
		{"bad time", append(arn, "--started-after", "yesterday"), "--started-after"},
		{"empty time range", append(arn, "--started-after", "2024-02-01T00:00:00Z", "--started-before", "2024-01-01T00:00:00Z"), "--started-before"},
		{"active and ended", append(arn, "--active", "--ended"), "--active"},
		{"bad endpoint", []string{"stage", "--stage-arn", goldenARN, "--endpoint-url", "localhost"}, "--endpoint-url"},
		{"bad token", append(arn, "--starting-token", "not a token!"), "--starting-token"},
		{"corrupt cursor", append(arn, "--starting-token", "sessions.v1.AAAA"), "--starting-token"},
		{"cursor of another stage", append(arn, "--starting-token", otherCursor), "--starting-token"},
		{"single token with two stages", append(arn, "--stage-arn", goldenARN2, "--starting-token", otherCursor), "--starting-token"},
		{"corrupt fan-out token", append(arn, "--stage-arn", goldenARN2, "--starting-token", "sessions.fanout.v1.e30"), "--starting-token"},
		{"studio page size", []string{"studio", "--studio-id", goldenStudio, "--page-size", "5"}, "--page-size"},
		{"no-paginate with max-items", append(arn, "--no-paginate", "--max-items", "2"), "--max-items"},
		{"bad query", append(arn, "--query", "stageSessions["), "--query"},
		{"auto prompt", append(arn, "--cli-auto-prompt"), "--cli-auto-prompt"},
		{"unknown input member", append(arn, "--cli-input-json", `{"stage": "x"}`), "stage"},
		{"input members in input order", append(arn, "--cli-input-json", `{"z": 1, "maxResults": null, "a": 2}`), "Unknown parameter in input: \"z\", must be one of: stageArn, nextToken, maxResults\nUnknown parameter in input: \"a\", must be one of: stageArn, nextToken, maxResults\nInvalid type for parameter maxResults, value: None, type: <class 'NoneType'>, valid types: <class 'int'>\n"},
		{"input float", append(arn, "--cli-input-yaml", "maxResults: 2.5"), "Invalid type for parameter maxResults, value: 2.5, type: <class 'float'>, valid types: <class 'int'>"},
		{"input object", append(arn, "--cli-input-json", `{"nextToken": {"a": "it's", "b": [true, null]}}`), `value: {'a': "it's", 'b': [True, None]}, type: <class 'dict'>, valid types: <class 'str'>`},
		{"input not an object", append(arn, "--cli-input-yaml", "- 1"), "Error parsing parameter '--cli-input-yaml': Invalid type: expecting map, received <class 'list'>"},
		{"input not JSON", append(arn, "--cli-input-json", `{"a"`), "Error parsing parameter 'cli-input-json': Invalid JSON received."},
		{"two inputs", append(arn, "--cli-input-json", `{}`, "--cli-input-yaml", "{}"), "Only one --cli-input- parameter may be specified."},
		{"missing studio", []string{"studio"}, "--studio-id"},
		{"bad state", []string{"studio", "--studio-id", goldenStudio, "--state", "READY,RUNNING"}, "--state"},
		{"empty session ID", []string{"studio", "--studio-id", goldenStudio, "--session-ids", "a,,b"}, "--session-ids"},
		// A documented difference: the AWS CLI sends an empty path label
		// and gets the service's error (254); the SDK sends none.
		{"empty studio ID", []string{"nimble", "list-streaming-sessions", "--studio-id", ""}, `--studio-id "": must not be empty`},
		{"repeated session ID", []string{"studio", "--studio-id", goldenStudio, "--session-ids", "a,a"}, "--session-ids"},
		{"studio time range", []string{"studio", "--studio-id", goldenStudio, "--started-after", "2024-02-01T00:00:00Z", "--started-before", "2024-02-01T00:00:00Z"}, "--started-before"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r result
			if len(tt.args) > 0 && tt.args[0] != "stages" && tt.name != "bad endpoint" {
				r = runBin(t, srv, tt.args...)
			} else {
				r = runBin(t, nil, tt.args...)
			}
			if r.code != exitUsage {
				t.Errorf("exit status %d; want %d (stderr %q)", r.code, exitUsage, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q; want nothing", r.stdout)
			}
			if !strings.Contains(r.stderr, tt.flag) {
				t.Errorf("stderr %q does not name %s", r.stderr, tt.flag)
			}
		})
	}
	if n := srv.Stats().Requests; n != 0 {
		t.Errorf("usage errors sent %d requests; want none", n)
	}
}

func TestServiceErrors(t *testing.T) {
	tests := []struct {
		name  string
		fault fakeaws.Fault
		args  []string
		want  string
		code  int
	}{
		{"IVS validation", fakeaws.Fault{Kind: fakeaws.FaultValidation, Op: fakeaws.OpListStageSessions},
			[]string{"stage", "--stage-arn", goldenARN}, "An error occurred (ValidationException) when calling the ListStageSessions operation: injected validation failure", exitService},
		{"IVS error it does not model", fakeaws.Fault{Kind: fakeaws.FaultError, Op: fakeaws.OpListStageSessions, Status: 404, Code: "ResourceNotFoundException", Message: "Stage not found"},
			[]string{"stage", "--stage-arn", goldenARN}, "An error occurred (ResourceNotFoundException) when calling the ListStageSessions operation: Stage not found", exitService},
		{"IVS access denied", fakeaws.Fault{Kind: fakeaws.FaultError, Op: fakeaws.OpListStageSessions, Status: 403, Code: "AccessDeniedException", Message: "not allowed"},
			[]string{"stage", "--stage-arn", goldenARN, "--output", "table"}, "(AccessDeniedException) when calling the ListStageSessions operation: not allowed", exitService},
		{"Nimble validation", fakeaws.Fault{Kind: fakeaws.FaultValidation, Op: fakeaws.OpListStreamingSessions},
			[]string{"studio", "--studio-id", goldenStudio}, "An error occurred (ValidationException) when calling the ListStreamingSessions operation: injected validation failure", exitService},
		{"malformed response", fakeaws.Fault{Kind: fakeaws.FaultMalformedJSON, Op: fakeaws.OpListStageSessions},
			[]string{"stage", "--stage-arn", goldenARN, "--output", "text"}, "deserialization failed", exitFailure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := goldenServer(t, fakeaws.WithFaults(tt.fault))
			r := runBin(t, srv, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit status %d; want %d (stderr %q)", r.code, tt.code, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q; want nothing", r.stdout)
			}
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr %q does not contain %q", r.stderr, tt.want)
			}
		})
	}
	t.Run("unknown stage", func(t *testing.T) {
		srv := goldenServer(t)
		r := runBin(t, srv, "stage", "--stage-arn", "arn:aws:ivs:us-west-2:111122223333:stage/Nope")
		if r.code != exitService || !strings.Contains(r.stderr, "(ResourceNotFoundException)") || strings.Contains(r.stderr, "UnknownError") {
			t.Errorf("exit status %d, stderr %q; want 1 and the service's message", r.code, r.stderr)
		}
	})
}

// TestErrorMidway checks that streamed output keeps what was printed when
// a later page fails, and that the token on stderr continues exactly.
func TestErrorMidway(t *testing.T) {
	srv := goldenServer(t, fakeaws.WithFaults(fakeaws.Fault{Kind: fakeaws.FaultValidation, Op: fakeaws.OpListStageSessions, Request: 2}))
	want := sessionIDs(t, runBin(t, goldenServer(t), "stage", "--stage-arn", goldenARN, "--output", "jsonl").stdout)

	r := runBin(t, srv, "stage", "--stage-arn", goldenARN, "--page-size", "3", "--output", "jsonl")
	if r.code != exitService {
		t.Fatalf("exit status %d; want %d (stderr %q)", r.code, exitService, r.stderr)
	}
	got := sessionIDs(t, r.stdout)
	if diff := cmp.Diff(want[:3], got); diff != "" {
		t.Errorf("sessions printed before the failure (-want +got):\n%s", diff)
	}
	m := regexp.MustCompile(`pass --starting-token (\S+)`).FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("stderr %q has no token to continue with", r.stderr)
	}
	r = runBin(t, srv, "stage", "--stage-arn", goldenARN, "--page-size", "3", "--output", "jsonl", "--starting-token", m[1])
	if r.code != 0 {
		t.Fatalf("resume: exit status %d, stderr %q", r.code, r.stderr)
	}
	got = append(got, sessionIDs(t, r.stdout)...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("printed, then resumed (-want +got):\n%s", diff)
	}

	// Formats that print at the end printed nothing: no token to offer, and
	// the AWS spelling's text output offers the AWS CLI's own.
	for _, tt := range []struct {
		args []string
		hint string
	}{
		{[]string{"stage", "--stage-arn", goldenARN, "--page-size", "3", "--output", "table"}, ""},
		{[]string{"ivs-realtime", "list-stage-sessions", "--stage-arn", goldenARN, "--page-size", "3", "--output", "text"}, "pass --starting-token eyJuZXh0VG9rZW4iOi"},
	} {
		srv := goldenServer(t, fakeaws.WithFaults(fakeaws.Fault{Kind: fakeaws.FaultValidation, Op: fakeaws.OpListStageSessions, Request: 2}))
		r := runBin(t, srv, tt.args...)
		if r.code != exitService {
			t.Errorf("%v: exit status %d; want %d", tt.args, r.code, exitService)
		}
		if got := strings.Contains(r.stderr, "--starting-token"); got != (tt.hint != "") || !strings.Contains(r.stderr, tt.hint) {
			t.Errorf("%v: stderr %q; want the hint %q", tt.args, r.stderr, tt.hint)
		}
	}
}

// TestResume pages through listings with --max-items and the printed
// NextToken, and checks that the pieces add up to the whole listing.
func TestResume(t *testing.T) {
	stages := []string{goldenARN, goldenARN2}
	for i := range 3 {
		stages = append(stages, "arn:aws:ivs:us-west-2:111122223333:stage/Resume"+strconv.Itoa(i))
	}
	opts := []fakeaws.Option{fakeaws.WithStudio("stid-resume", fakeaws.GenStreamingSessions(80, 7))}
	for i, arn := range stages[2:] {
		opts = append(opts, fakeaws.WithStage(arn, fakeaws.GenStageSessions(11+5*i, uint64(i))))
	}
	srv := goldenServer(t, opts...)

	tests := []struct {
		name    string
		args    []string
		output  string
		maxItem int
		multi   bool // the order across parents varies
	}{
		{"one stage, json", []string{"stage", "--stage-arn", stages[2], "--page-size", "4"}, "json", 3, false},
		{"one stage, filtered, text", []string{"stage", "--stage-arn", stages[3], "--page-size", "4", "--ended"}, "text", 5, false},
		{"one studio, jsonl", []string{"studio", "--studio-id", "stid-resume", "--owned-by", "user-alice"}, "jsonl", 2, false},
		{"five stages, jsonl", append(stageArgs(stages), "--page-size", "3", "--concurrency", "2"), "jsonl", 7, true},
		{"five stages, json", append(stageArgs(stages), "--page-size", "5"), "json", 9, true},
		{"five stages, prefetch, columns", append(stageArgs(stages), "--page-size", "2", "--prefetch", "2"), "columns", 6, true},
		{"one stage, AWS spelling, json", []string{"ivs-realtime", "list-stage-sessions", "--stage-arn", stages[2], "--page-size", "4"}, "json", 3, false},
		{"one studio, AWS spelling, text", []string{"nimble", "list-streaming-sessions", "--studio-id", "stid-resume"}, "text", 7, false},
		{"one studio, AWS spelling, yaml", []string{"nimble", "list-streaming-sessions", "--studio-id", "stid-resume"}, "yaml", 9, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			full := runBin(t, srv, append(tt.args, "--output", "jsonl")...)
			want := sessionIDs(t, full.stdout)
			if len(want) < 2*tt.maxItem {
				t.Fatalf("the listing has %d sessions; the test needs more than %d", len(want), 2*tt.maxItem)
			}
			var got []string
			token := ""
			for step := 0; ; step++ {
				if step > len(want) {
					t.Fatalf("no end after %d steps", step)
				}
				args := append(slices.Clone(tt.args), "--max-items", strconv.Itoa(tt.maxItem), "--output", tt.output)
				if token != "" {
					args = append(args, "--starting-token", token)
				}
				r := runBin(t, srv, args...)
				if r.code != 0 {
					t.Fatalf("step %d: exit status %d, stderr %q", step, r.code, r.stderr)
				}
				var ids []string
				ids, token = parseOutput(t, tt.output, r.stdout)
				if len(ids) > tt.maxItem || token != "" && len(ids) != tt.maxItem {
					t.Fatalf("step %d: %d sessions with token %q; want %d, or fewer at the end", step, len(ids), token, tt.maxItem)
				}
				got = append(got, ids...)
				if token == "" {
					break
				}
			}
			if tt.multi {
				slices.Sort(want)
				slices.Sort(got)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("the pieces differ from the whole listing (-want +got):\n%s", diff)
			}
		})
	}
}

func stageArgs(arns []string) []string {
	args := []string{"stage"}
	for _, a := range arns {
		args = append(args, "--stage-arn", a)
	}
	return args
}

// TestFanOut lists several stages at once and checks that every session
// of every stage comes exactly once, tagged with its stage.
func TestFanOut(t *testing.T) {
	var opts []fakeaws.Option
	want := map[string]int{}
	var arns []string
	for i := range 6 {
		arn := "arn:aws:ivs:us-west-2:111122223333:stage/Fan" + strconv.Itoa(i)
		data := fakeaws.GenStageSessions(5+7*i, uint64(i))
		opts = append(opts, fakeaws.WithStage(arn, data))
		for _, s := range data.Items() {
			want[arn+" "+s.SessionID] = 1
		}
		arns = append(arns, arn)
	}
	opts = append(opts, fakeaws.WithLatency(2*time.Millisecond))
	srv := goldenServer(t, opts...)
	for _, output := range []string{"jsonl", "json"} {
		t.Run(output, func(t *testing.T) {
			r := runBin(t, srv, append(stageArgs(arns), "--page-size", "4", "--concurrency", "3", "--output", output)...)
			if r.code != 0 {
				t.Fatalf("exit status %d, stderr %q", r.code, r.stderr)
			}
			got := map[string]int{}
			for _, s := range decodeSessions(t, output, r.stdout) {
				got[s.StageARN+" "+s.SessionID]++
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("sessions and how often each came (-want +got):\n%s", diff)
			}
		})
	}
}

// TestInProcess runs the command through run, as main does, and checks
// that it prints what the binary prints.
func TestInProcess(t *testing.T) {
	srv := goldenServer(t)
	args := []string{"stage", "--stage-arn", goldenARN, "--stage-arn", goldenARN2, "--page-size", "2", "--prefetch", "1", "--output", "json"}
	want := runBin(t, srv, args...)
	got := runIn(t, context.Background(), srv, args...)
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(result{})); diff != "" {
		t.Errorf("run differs from the binary (-binary +run):\n%s", diff)
	}
}

// TestInterrupt cancels the context, as SIGINT does, while requests are
// slow: the command stops promptly with exit status 130.
func TestInterrupt(t *testing.T) {
	srv := goldenServer(t, fakeaws.WithLatency(10*time.Second))
	for _, args := range [][]string{
		{"stage", "--stage-arn", goldenARN, "--output", "jsonl"},
		{"stage", "--stage-arn", goldenARN, "--stage-arn", goldenARN2, "--output", "jsonl"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		start := time.Now()
		r := runIn(t, ctx, srv, args...)
		cancel()
		if r.code != exitInterrupted || !strings.Contains(r.stderr, "Interrupted") {
			t.Errorf("%v: exit status %d, stderr %q; want 130 and interrupted", args, r.code, r.stderr)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%v: took %v to stop", args, d)
		}
	}
}

func TestProgress(t *testing.T) {
	var b strings.Builder
	p := &progress{w: &b, on: true}
	p.page(sessions.PageInfo{Kept: 3})
	if b.Len() != 0 {
		t.Errorf("after one page: %q; want nothing", b.String())
	}
	p.page(sessions.PageInfo{Kept: 4})
	p.done()
	if want := "\r\033[K2 pages, 7 sessions…\r\033[K"; b.String() != want {
		t.Errorf("progress wrote %q; want %q", b.String(), want)
	}
	b.Reset()
	off := &progress{w: &b}
	off.page(sessions.PageInfo{Kept: 1})
	off.page(sessions.PageInfo{Kept: 1})
	off.done()
	if b.Len() != 0 {
		t.Errorf("progress off wrote %q", b.String())
	}
}

func TestISOTime(t *testing.T) {
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), "2024-05-01T10:00:00+00:00"},
		{time.Date(2024, 5, 1, 11, 0, 0, 123e6, time.UTC), "2024-05-01T11:00:00.123000+00:00"},
		{time.Date(2024, 5, 1, 11, 0, 0, 123456789, time.UTC), "2024-05-01T11:00:00.123456+00:00"},
		{time.Date(2024, 5, 1, 11, 0, 0, 999, time.UTC), "2024-05-01T11:00:00+00:00"},
		{time.Date(2024, 5, 2, 10, 0, 0, 0, time.FixedZone("", 2*3600)), "2024-05-02T10:00:00+02:00"},
		{time.Date(2024, 5, 2, 10, 0, 0, 0, time.FixedZone("", -(5*3600+30*60))), "2024-05-02T10:00:00-05:30"},
	}
	for _, tt := range tests {
		if got := isoTime(tt.in); got != tt.want {
			t.Errorf("isoTime(%v) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

type decoded struct {
	StageARN  string `json:"stageArn"`
	StudioID  string `json:"studioId"`
	SessionID string `json:"sessionId"`
}

// decodeSessions reads the sessions of json or jsonl output.
func decodeSessions(t *testing.T, output, out string) []decoded {
	t.Helper()
	var ss []decoded
	switch output {
	case "json":
		var doc struct {
			StageSessions []decoded `json:"stageSessions"`
			Sessions      []decoded `json:"sessions"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("output is not JSON: %v\n%s", err, out)
		}
		ss = append(doc.StageSessions, doc.Sessions...)
	case "jsonl":
		sc := bufio.NewScanner(strings.NewReader(out))
		for sc.Scan() {
			var s decoded
			if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
				t.Fatalf("line %q is not JSON: %v", sc.Text(), err)
			}
			if s.SessionID != "" {
				ss = append(ss, s)
			}
		}
	}
	return ss
}

// sessionIDs returns "parent id" for each session of jsonl output.
func sessionIDs(t *testing.T, out string) []string {
	t.Helper()
	ids, _ := parseOutput(t, "jsonl", out)
	return ids
}

// parseOutput returns "parent id" for each session of the output, in
// order, and its NextToken. A session without a parent member has parent "".
func parseOutput(t *testing.T, output, out string) (ids []string, token string) {
	t.Helper()
	switch output {
	case "json", "jsonl":
		for _, s := range decodeSessions(t, output, out) {
			ids = append(ids, s.StageARN+s.StudioID+" "+s.SessionID)
		}
		if output == "json" {
			var doc struct{ NextToken string }
			json.Unmarshal([]byte(out), &doc)
			return ids, doc.NextToken
		}
		var last struct{ NextToken string }
		json.Unmarshal([]byte(lastLine(out)), &last)
		return ids, last.NextToken
	case "text":
		for line := range strings.Lines(out) {
			f := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
			switch f[0] {
			case "NEXTTOKEN":
				token = f[1]
			case "STAGESESSIONS":
				ids = append(ids, " "+f[len(f)-2]) // [endTime,] sessionId, startTime
			case "SESSIONS":
				ids = append(ids, " "+f[10]) // the 11th key in order is sessionId
			}
		}
		return ids, token
	case "columns":
		for line := range strings.Lines(out) {
			f := strings.Fields(line)
			switch {
			case strings.HasPrefix(line, "NextToken: "):
				token = f[1]
			case len(f) > 1 && strings.HasPrefix(f[1], "st-"):
				ids = append(ids, f[0]+" "+f[1]) // STAGEARN, SESSIONID
			}
		}
		return ids, token
	case "yaml":
		var doc struct {
			NextToken string `yaml:"NextToken"`
			Sessions  []struct {
				ID string `yaml:"sessionId"`
			} `yaml:"sessions"`
		}
		if err := yaml.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("output is not YAML: %v\n%s", err, out)
		}
		for _, s := range doc.Sessions {
			ids = append(ids, " "+s.ID)
		}
		return ids, doc.NextToken
	}
	t.Fatalf("unknown output %q", output)
	return nil, ""
}

func lastLine(s string) string {
	s = strings.TrimSuffix(s, "\n")
	return s[strings.LastIndexByte(s, '\n')+1:]
}
