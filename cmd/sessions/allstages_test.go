package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

// accountServer serves five stages in two regions: prod-N and dev-N, with
// a team tag, 6 to 14 sessions each, all ended on the dev stages. It
// returns the server and "arn id" of every session, by stage.
func accountServer(t *testing.T) (*fakeaws.Server, map[string][]string) {
	t.Helper()
	want := map[string][]string{}
	var stages []fakeaws.Stage
	for i, name := range []string{"us-west-2/prod-1", "us-west-2/dev-1", "us-west-2/prod-2", "eu-west-1/prod-3", "eu-west-1/dev-2"} {
		region, stage, _ := strings.Cut(name, "/")
		arn := fmt.Sprintf("arn:aws:ivs:%s:111122223333:stage/Acct%d", region, i)
		data := fakeaws.GenStageSessions(6+2*i, uint64(100+i)).Items()
		for j, s := range data {
			if strings.HasPrefix(stage, "dev") && s.EndTime.IsZero() {
				data[j].EndTime = s.StartTime.Add(time.Hour)
			}
			want[arn] = append(want[arn], arn+" "+s.SessionID)
		}
		stages = append(stages, fakeaws.Stage{ARN: arn, Name: stage, Tags: map[string]string{"team": []string{"red", "blue"}[i%2]}, Sessions: fakeaws.FromSlice(data)})
	}
	srv := fakeaws.New(fakeaws.WithStages(stages...), fakeaws.WithRequestLog(1<<16))
	t.Cleanup(srv.Close)
	return srv, want
}

func TestAllStages(t *testing.T) {
	srv, byStage := accountServer(t)
	stagesOf := func(idx ...int) []string {
		var out []string
		for _, i := range idx {
			region := "us-west-2"
			if i >= 3 {
				region = "eu-west-1"
			}
			out = append(out, byStage[fmt.Sprintf("arn:aws:ivs:%s:111122223333:stage/Acct%d", region, i)]...)
		}
		return out
	}
	both := []string{"stage", "--all-stages", "--region", "us-west-2", "--region", "eu-west-1"}
	for _, tt := range []struct {
		name   string
		args   []string
		output string
		want   []string
	}{
		{"two regions, json", both, "json", stagesOf(0, 1, 2, 3, 4)},
		{"two regions, jsonl", both, "jsonl", stagesOf(0, 1, 2, 3, 4)},
		{"name and tag, columns", append(slices.Clone(both), "--stage-name", "prod-*", "--stage-tag", "team=red"), "columns", stagesOf(0, 2)},
		{"the configured region, json", []string{"stage", "--all-stages"}, "json", stagesOf(0, 1, 2)},
		{"stages of two regions, text", []string{"stage", "--stage-arn", "arn:aws:ivs:eu-west-1:111122223333:stage/Acct4", "--stage-arn", "arn:aws:ivs:us-west-2:111122223333:stage/Acct1"}, "text", stagesOf(4, 1)},
		{"stages found and given", []string{"stage", "--all-stages", "--region", "eu-west-1", "--stage-arn", "arn:aws:ivs:us-west-2:111122223333:stage/Acct1"}, "json", stagesOf(1, 3, 4)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetStats()
			r := runBin(t, srv, append(tt.args, "--output", tt.output)...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit status %d, stderr %q", r.code, r.stderr)
			}
			got, token := parseOutput(t, tt.output, r.stdout)
			if tt.output == "text" { // parseOutput's columns are those of one stage
				got = textSessionIDs(r.stdout)
			}
			if token != "" {
				t.Errorf("NextToken %q after a whole listing", token)
			}
			want := tt.want
			if tt.output == "text" { // the text format has no parent member
				want = nil
				for _, s := range tt.want {
					want = append(want, " "+strings.Fields(s)[1])
				}
			}
			if tt.output == "jsonl" || tt.output == "text" { // as they arrive
				slices.Sort(want)
				slices.Sort(got)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("sessions (-want +got):\n%s", diff)
			}
			for _, req := range srv.Log() {
				if req.Op == fakeaws.OpListStageSessions && !strings.HasPrefix(req.Parent, "arn:aws:ivs:"+req.Region+":") {
					t.Errorf("ListStageSessions %s sent to region %s", req.Parent, req.Region)
				}
			}
		})
	}
}

// TestAllStagesResume pages through the stages of two regions with
// --max-items and the printed NextToken, in every output format that
// prints one: every session comes exactly once, and with an ordered
// format in the same order as the whole listing.
func TestAllStagesResume(t *testing.T) {
	srv, _ := accountServer(t)
	args := []string{"stage", "--all-stages", "--region", "us-west-2", "--region", "eu-west-1", "--page-size", "4"}
	full := runBin(t, srv, append(slices.Clone(args), "--output", "json")...)
	want, _ := parseOutput(t, "json", full.stdout)
	for _, output := range []string{"json", "jsonl", "columns"} {
		t.Run(output, func(t *testing.T) {
			var got []string
			token := ""
			for step := 0; ; step++ {
				if step > len(want) {
					t.Fatalf("no end after %d steps", step)
				}
				a := append(slices.Clone(args), "--max-items", "7", "--output", output)
				if token != "" {
					a = append(a, "--starting-token", token)
				}
				r := runBin(t, srv, a...)
				if r.code != 0 {
					t.Fatalf("step %d: exit status %d, stderr %q", step, r.code, r.stderr)
				}
				var ids []string
				ids, token = parseOutput(t, output, r.stdout)
				if len(ids) > 7 || token != "" && len(ids) != 7 {
					t.Fatalf("step %d: %d sessions with token %q; want 7, or fewer at the end", step, len(ids), token)
				}
				if token != "" && !strings.HasPrefix(token, "sessions.fanout.v1.") {
					t.Fatalf("step %d: NextToken %q is not a fan-out cursor", step, token)
				}
				got = append(got, ids...)
				if token == "" {
					break
				}
			}
			w := slices.Clone(want)
			if output == "jsonl" {
				slices.Sort(w)
				slices.Sort(got)
			}
			if diff := cmp.Diff(w, got); diff != "" {
				t.Errorf("the pieces differ from the whole listing (-want +got):\n%s", diff)
			}
		})
	}
}

// With --active, a stage that ListStages reports with no active session
// (the dev stages) is not asked for its sessions.
func TestAllStagesActiveSavesRequests(t *testing.T) {
	srv, _ := accountServer(t)
	r := runBin(t, srv, "stage", "--all-stages", "--region", "us-west-2", "--region", "eu-west-1", "--active", "--page-size", "100", "--output", "jsonl")
	if r.code != 0 {
		t.Fatalf("exit status %d, stderr %q", r.code, r.stderr)
	}
	stages := map[string]bool{}
	for _, id := range sessionIDs(t, r.stdout) {
		stages[strings.Fields(id)[0]] = true
	}
	if got := srv.Requests(fakeaws.OpListStageSessions); len(stages) != 3 || got != 3 {
		t.Errorf("active sessions on %d stages, %d ListStageSessions requests; want 3 and 3 (the prod stages)", len(stages), got)
	}
}

// textSessionIDs returns the session IDs of a text output, each after a
// space, as parseOutput does.
func textSessionIDs(out string) []string {
	var ids []string
	for line := range strings.Lines(out) {
		for _, f := range strings.Split(strings.TrimSuffix(line, "\n"), "\t") {
			if strings.HasPrefix(f, "st-") {
				ids = append(ids, " "+f)
			}
		}
	}
	return ids
}

func TestAllStagesUsageErrors(t *testing.T) {
	srv, _ := accountServer(t)
	// The token comes from another server: a server counts a request after
	// its response, so this one's count might still move.
	other, _ := accountServer(t)
	token := allStagesToken(t, other)
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"name without all-stages", []string{"stage", "--stage-arn", goldenARN, "--stage-name", "x"}, "--all-stages"},
		{"bad tag", []string{"stage", "--all-stages", "--stage-tag", "team"}, "--stage-tag"},
		{"bad pattern", []string{"stage", "--all-stages", "--stage-name", "prod-["}, "--stage-name"},
		{"bad region", []string{"stage", "--all-stages", "--region", "US West"}, "--region"},
		{"repeated region", []string{"stage", "--all-stages", "--region", "eu-west-1", "--region", "eu-west-1"}, "--region"},
		{"one request", []string{"stage", "--all-stages", "--no-paginate"}, "--stage-arn"},
		{"concurrency", []string{"stage", "--all-stages", "--concurrency", "5000"}, "--concurrency"},
		{"paginator cursor", []string{"stage", "--all-stages", "--starting-token", "sessions.v1.AAAA"}, "--starting-token"},
		{"other regions' cursor", []string{"stage", "--all-stages", "--starting-token", token}, "--starting-token"},
		{"two studios, bad token", []string{"studio", "--studio-id", "a", "--studio-id", "b", "--starting-token", "sessions.fanout.v1.AAAA"}, "--starting-token"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetStats()
			r := runBin(t, srv, tt.args...)
			if r.code != exitUsage {
				t.Errorf("exit status %d; want %d, a usage error (stderr %q)", r.code, exitUsage, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr %q does not name %s", r.stderr, tt.want)
			}
			if n := srv.Stats().Requests; n != 0 {
				t.Errorf("%d requests sent; want none", n)
			}
		})
	}
}

// allStagesToken returns a NextToken of a listing of both regions.
func allStagesToken(t *testing.T, srv *fakeaws.Server) string {
	t.Helper()
	r := runBin(t, srv, "stage", "--all-stages", "--region", "us-west-2", "--region", "eu-west-1", "--max-items", "3", "--output", "json")
	_, token := parseOutput(t, "json", r.stdout)
	if token == "" {
		t.Fatalf("no NextToken (exit status %d, stderr %q)", r.code, r.stderr)
	}
	return token
}

// TestOneStageOtherRegion: the short spelling sends the requests for one
// stage to the region its ARN names, as it does for several, whatever
// the configured region (us-west-2 here); the AWS spelling asks the
// configured region, as the AWS CLI does (recorded in testdata/aws), and
// gets not found.
func TestOneStageOtherRegion(t *testing.T) {
	srv, byStage := accountServer(t)
	arn := "arn:aws:ivs:eu-west-1:111122223333:stage/Acct3"
	var want []string
	for _, s := range byStage[arn] {
		want = append(want, " "+strings.Fields(s)[1])
	}
	for _, tt := range []struct {
		name string
		args []string
		want []string
		code int
	}{
		{"short spelling", []string{"stage", "--stage-arn", arn}, want, 0},
		{"short spelling, page size", []string{"stage", "--stage-arn", arn, "--page-size", "3"}, want, 0},
		{"short spelling, single request", []string{"stage", "--stage-arn", arn, "--max-results", "100"}, want, 0},
		{"short spelling, --region", []string{"stage", "--stage-arn", arn, "--region", "us-west-2"}, want, 0},
		{"AWS spelling", []string{"ivs-realtime", "list-stage-sessions", "--stage-arn", arn}, nil, exitService},
		{"AWS spelling, single request", []string{"ivs-realtime", "list-stage-sessions", "--stage-arn", arn, "--max-results", "100"}, nil, exitService},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runBin(t, srv, append(tt.args, "--output", "jsonl")...)
			if r.code != tt.code {
				t.Fatalf("exit status %d, stderr %q; want %d", r.code, r.stderr, tt.code)
			}
			if tt.code != 0 {
				return
			}
			got, _ := parseOutput(t, "jsonl", r.stdout)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("sessions (-want +got):\n%s", diff)
			}
		})
	}
}

// A stage deleted during the listing (ListStageSessions answers
// ResourceNotFoundException) is skipped with one line on stderr: exit 0,
// every other stage printed, and no NextToken to resume it (issue 15,
// item 9).
func TestAllStagesDeletedStage(t *testing.T) {
	srv, byStage := accountServer(t)
	gone := "arn:aws:ivs:us-west-2:111122223333:stage/Acct1"
	srv.Inject(fakeaws.Fault{Kind: fakeaws.FaultError, Op: fakeaws.OpListStageSessions, Parent: gone, Status: 404, Code: "ResourceNotFoundException", Message: "Stage not found"})
	r := runBin(t, srv, "stage", "--all-stages", "--region", "us-west-2", "--output", "jsonl")
	if r.code != 0 {
		t.Fatalf("exit status %d, stderr %q; want 0", r.code, r.stderr)
	}
	if n := strings.Count(r.stderr, gone); n != 1 || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("stderr %q: want one line naming %s", r.stderr, gone)
	}
	want := append(slices.Clone(byStage["arn:aws:ivs:us-west-2:111122223333:stage/Acct0"]), byStage["arn:aws:ivs:us-west-2:111122223333:stage/Acct2"]...)
	got := sessionIDs(t, r.stdout)
	slices.Sort(want)
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" || strings.Contains(r.stdout, "NextToken") {
		t.Errorf("sessions (-want +got):\n%s\nstdout has a NextToken: %t", diff, strings.Contains(r.stdout, "NextToken"))
	}
}

// TestAllStagesNoMatch: --all-stages whose regions, --stage-name or
// --stage-tag match no stage prints the empty result, exit 0, and says so
// on stderr (issue 15, item 18); a listing that finds stages says nothing.
func TestAllStagesNoMatch(t *testing.T) {
	srv, _ := accountServer(t)
	for _, tt := range []struct {
		name string
		args []string
		want []string // on stderr; none: nothing
	}{
		{"no name matches", []string{"--region", "us-west-2", "--stage-name", "qa-*"}, []string{"No stage", "qa-*", "us-west-2"}},
		{"no tag matches", []string{"--region", "us-west-2", "--region", "eu-west-1", "--stage-tag", "team=green"}, []string{"No stage", "team=green", "us-west-2, eu-west-1"}},
		{"a region with no stage", []string{"--region", "ap-south-1"}, []string{"found no stage", "ap-south-1"}},
		{"stages found", []string{"--region", "eu-west-1", "--stage-name", "prod-*"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runBin(t, srv, append([]string{"stage", "--all-stages", "--output", "json"}, tt.args...)...)
			if r.code != 0 {
				t.Fatalf("exit status %d, stderr %q", r.code, r.stderr)
			}
			if tt.want == nil {
				if r.stderr != "" {
					t.Errorf("stderr %q; want nothing", r.stderr)
				}
				return
			}
			if r.stdout != "{\n    \"stageSessions\": []\n}\n" {
				t.Errorf("stdout %q; want the empty result", r.stdout)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q does not say %q", r.stderr, w)
				}
			}
		})
	}
}
