package serve

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

// checkServed lists every stage of region from an endpoint through the SDK
// and checks it stage by stage against what can happen on IVS: sessions
// most recent first that never overlap, at most one active and it the
// stage's activeSessionId, the newest within 14 days of now. It returns
// how many stages were idle.
func checkServed(t *testing.T, c *ivsrealtime.Client, region string, now time.Time) (stages, idle int) {
	t.Helper()
	ctx := context.Background()
	sp := ivsrealtime.NewListStagesPaginator(c, &ivsrealtime.ListStagesInput{})
	for sp.HasMorePages() {
		page, err := sp.NextPage(ctx, func(o *ivsrealtime.Options) { o.Region = region })
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range page.Stages {
			stages++
			if aws.ToString(st.Name) == "" {
				t.Errorf("%s has no name", aws.ToString(st.Arn))
			}
			var active []string
			var prev, newest time.Time
			n := 0
			p := ivsrealtime.NewListStageSessionsPaginator(c, &ivsrealtime.ListStageSessionsInput{StageArn: st.Arn, MaxResults: aws.Int32(100)})
			for p.HasMorePages() {
				out, err := p.NextPage(ctx, func(o *ivsrealtime.Options) { o.Region = region })
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range out.StageSessions {
					start, end := aws.ToTime(s.StartTime), aws.ToTime(s.EndTime)
					if s.EndTime == nil {
						active = append(active, aws.ToString(s.SessionId))
						end = now
					}
					if n == 0 {
						newest = start
					} else if !end.Before(prev) && !end.Equal(prev) {
						t.Errorf("%s: session %s (%v to %v) is not before the one listed before it (from %v): overlap or not most recent first", aws.ToString(st.Arn), aws.ToString(s.SessionId), start, end, prev)
					}
					prev = start
					n++
				}
			}
			switch {
			case n == 0:
				idle++
			case now.Sub(newest) > 14*24*time.Hour:
				t.Errorf("%s: the newest session started %v", aws.ToString(st.Arn), newest)
			}
			if len(active) > 1 || len(active) == 1 && active[0] != aws.ToString(st.ActiveSessionId) || len(active) == 0 && st.ActiveSessionId != nil {
				t.Errorf("%s: active sessions %v, activeSessionId %q", aws.ToString(st.Arn), active, aws.ToString(st.ActiveSessionId))
			}
		}
	}
	return stages, idle
}

// The default data of sessions serve could happen on IVS, whatever the
// time of day, seed and regions.
func TestServeDefaultData(t *testing.T) {
	for _, tc := range []struct {
		now     time.Time
		seed    uint64
		regions []string
	}{
		{time.Now().UTC().Truncate(time.Hour), 1, []string{"us-west-2"}},
		{time.Date(2026, 1, 1, 3, 0, 0, 0, time.UTC), 7, []string{"us-west-2", "eu-west-1", "ap-northeast-1"}},
		{time.Date(2026, 7, 4, 19, 30, 0, 0, time.UTC), 42, []string{"eu-central-1"}},
	} {
		c := defaultServeConfig()
		// No quota: this test is about the data, not the pace.
		c.now, c.seed, c.regions, c.quota = tc.now, tc.seed, tc.regions, 0
		opts, _, err := c.options(true)
		if err != nil {
			t.Fatal(err)
		}
		srv := fakeaws.New(opts...)
		client := srv.StageClient()
		totalIdle := 0
		for _, region := range tc.regions {
			stages, idle := checkServed(t, client, region, tc.now)
			if stages != c.stages || idle == stages {
				t.Errorf("%s at %v: %d stages, %d idle; want %d, not all idle", region, tc.now, stages, idle, c.stages)
			}
			totalIdle += idle
		}
		if totalIdle == 0 && len(tc.regions) > 1 {
			t.Errorf("at %v: no idle stage in %d regions", tc.now, len(tc.regions))
		}
		srv.Close()
	}
}

// The banner says what is served: every region's stages counted, one
// studio named once, and with --data a region and a stage of the data.
func TestServeBanner(t *testing.T) {
	banner := func(args ...string) string {
		t.Helper()
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // print the banner and stop
		var out, errOut bytes.Buffer
		if code := Run(ctx, append([]string{"--port", "0"}, args...), &out, &errOut); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		return out.String()
	}
	out := banner("--regions", "us-west-2,eu-west-1", "--now", "2026-03-01T20:00:00Z")
	for _, want := range []string{"16 stages in us-west-2, eu-west-1: ", " idle, up to 2026-03-01 20:00 UTC\n", "1 studio with 120 streaming sessions (stid-demo0studio01)\n", "AWS_REGION=us-west-2 ",
		"sessions stage --stage-arn " + StageARN("us-west-2", 1) + " --max-items 5 --output table\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("banner lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "stid-demo0studio01 …") {
		t.Errorf("one studio shown as a range:\n%s", out)
	}
	const arn = "arn:aws:ivs:eu-west-1:111122223333:stage/Replay1"
	file := filepath.Join(t.TempDir(), "eu.jsonl")
	if err := os.WriteFile(file, []byte(`{"stageArn":"`+arn+`","sessionId":"st-AAAAAAAAAAAA1","startTime":"2026-01-01T10:00:00Z"}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out = banner("--data", file)
	for _, want := range []string{"eu.jsonl: 1 stage with 1 session\n", "AWS_REGION=eu-west-1 ", "sessions stage --stage-arn " + arn + " --max-items 5 --output table\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("banner with --data lacks %q:\n%s", want, out)
		}
	}
}

// Data files are refused when a stage's sessions could not happen on IVS,
// naming the file and line (and the line of the session it clashes with).
func TestServeDataRules(t *testing.T) {
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	session := func(id, start, end string) string {
		s := `{"sessionId":"st-AAAAAAAAAAAA` + id + `","startTime":"2024-01-01T` + start + `:00Z"`
		if end != "" {
			s += `,"endTime":"2024-01-01T` + end + `:00Z"`
		}
		return s + "}\n"
	}
	const arn = "arn:aws:ivs:us-west-2:111122223333:stage/Replay1"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"overlap", []string{"--stage-arn", arn, "--data", file("overlap.jsonl", session("1", "10:00", "11:00")+session("2", "12:00", "13:00")+session("3", "10:30", "10:45"))},
			"overlap.jsonl: line 3: stage " + arn + ": session st-AAAAAAAAAAAA3 (from 2024-01-01T10:30:00Z) overlaps session st-AAAAAAAAAAAA1 (2024-01-01T10:00:00Z to 2024-01-01T11:00:00Z); a stage has one session at a time (line 1 of "},
		{"overlap across files", []string{"--stage-arn", arn, "--data", file("a.jsonl", session("1", "10:00", "")), "--data", file("b.jsonl", session("2", "12:00", "13:00"))},
			"a.jsonl: line 1: stage " + arn + ": session st-AAAAAAAAAAAA1 is active (no endTime) but a later session st-AAAAAAAAAAAA2 started at 2024-01-01T12:00:00Z; only the newest session can be active (line 1 of "},
		{"two active", []string{"--stage-arn", arn, "--data", file("active.json", "{\"stageSessions\": [\n"+strings.TrimSuffix(session("1", "10:00", ""), "\n")+",\n"+strings.TrimSuffix(session("2", "09:00", ""), "\n")+"\n]}\n")},
			"active.json: line 2: stage " + arn + ": sessions st-AAAAAAAAAAAA2 and st-AAAAAAAAAAAA1 are both active (no endTime); a stage has at most one session at a time (line 3 of "},
		{"ends before it starts", []string{"--stage-arn", arn, "--data", file("end.jsonl", session("1", "10:00", "09:59"))},
			`end.jsonl: line 1: stage session st-AAAAAAAAAAAA1: "endTime" 2024-01-01T09:59:00Z is before its "startTime" 2024-01-01T10:00:00Z`},
		{"ID not of IVS's form", []string{"--stage-arn", arn, "--data", file("id.jsonl", `{"sessionId":"st-1","startTime":"2024-01-01T00:00:00Z"}`+"\n")},
			`id.jsonl: line 1: stage session "st-1": "sessionId" must be "st-" and 13 letters or digits, as IVS makes them`},
		{"no startTime", []string{"--stage-arn", arn, "--data", file("nostart.jsonl", `{"sessionId":"st-AAAAAAAAAAAA1"}`+"\n")},
			`nostart.jsonl: line 1: stage session st-AAAAAAAAAAAA1: "startTime" is missing; every session has one`},
		{"no startTime, with an ARN", []string{"--data", file("nostart2.jsonl", `{"stageArn":"`+arn+`","sessionId":"st-AAAAAAAAAAAA1","endTime":null}`+"\n")},
			`nostart2.jsonl: line 1: stage session st-AAAAAAAAAAAA1: "startTime" is missing`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := Run(context.Background(), append([]string{"--port", "0"}, tt.args...), &out, &errOut)
			if code != exitUsage || !strings.Contains(errOut.String(), tt.want) || out.Len() != 0 {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and stderr containing %q", code, out.String(), errOut.String(), exitUsage, tt.want)
			}
		})
	}
}
