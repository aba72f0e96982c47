package serve

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Bad flags and bad data files are refused before the server starts, with
// a message that names the flag, or the file and line.
func TestServeBadInput(t *testing.T) {
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const arn = "arn:aws:ivs:us-west-2:111122223333:stage/Replay1"
	good := `{"sessionId":"st-AAAAAAAAAAAA1","startTime":"2024-01-01T00:00:00+00:00"}`
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"--nope"}, "sessions serve: unknown flag --nope (see sessions serve --help)"},
		{"no value", []string{"--stages"}, "sessions serve: --stages needs a value"},
		{"latency without a unit", []string{"--latency", "5"}, `sessions serve: --latency "5": want a duration such as 30ms (see`},
		{"stages not a number", []string{"--stages", "many"}, `sessions serve: --stages "many": want a whole number (see`},
		{"bad seed", []string{"--seed", "-1"}, `sessions serve: --seed "-1": want a whole number from 0`},
		{"bad now", []string{"--now", "yesterday"}, `sessions serve: --now "yesterday": want a time such as 2026-05-01T20:00:00Z or a date such as 2026-05-01`},
		{"negative stages", []string{"--stages", "-1"}, "--stages -1: must be at least 0"},
		{"bad port", []string{"--port", "70000"}, "--port 70000: must be at most 65535"},
		{"bad region", []string{"--regions", "us-west-2,Mars"}, `--regions: "Mars" is not a region name`},
		{"bad fault kind", []string{"--fault", "boom@2"}, `sessions serve: --fault "boom@2": unknown kind "boom"`},
		{"bad fault count", []string{"--fault", "throttle@2x0"}, `--fault "throttle@2x0": the count T must be`},
		{"extra argument", []string{"now"}, `unexpected argument "now"`},
		{"missing file", []string{"--data", filepath.Join(dir, "nope.json")}, "nope.json: cannot read it: no such file or directory"},
		{"empty file", []string{"--data", file("empty.json", "\n")}, "empty.json: the file is empty"},
		{"not JSON", []string{"--stage-arn", arn, "--data", file("bad.jsonl", good+"\n"+strings.Replace(good, "AAAA1", "AAAA2", 1)+"\n{\"sessionId\": \n")}, "bad.jsonl: line 3: not JSON"},
		{"JSON with a syntax error", []string{"--data", file("bad.json", "{\n \"stageSessions\": [\n  {\"sessionId\": \"a\",}\n ]\n}\n")}, "bad.json: line 3: not JSON"},
		{"no stage", []string{"--data", file("nostage.jsonl", good+"\n")}, `nostage.jsonl: line 1: stage session "st-AAAAAAAAAAAA1" names no stage: add "stageArn" or pass --stage-arn`},
		{"bad time", []string{"--stage-arn", arn, "--data", file("time.json", "{\"stageSessions\": [\n {\"sessionId\": \"st-AAAAAAAAAAAA1\", \"startTime\": \"2024-01-01T00:00:00+00:00\"},\n {\"sessionId\": \"st-AAAAAAAAAAAA2\", \"startTime\": \"yesterday\"}\n]}\n")},
			`time.json: line 3: stage session: "startTime": want an ISO 8601 time such as "2024-05-01T10:00:00+00:00", got "yesterday"`},
		{"time as a number", []string{"--stage-arn", arn, "--data", file("epoch.jsonl", `{"sessionId":"a","startTime":1704067200}`+"\n")}, `epoch.jsonl: line 1: stage session: "startTime": want an ISO 8601 time`},
		{"duplicate", []string{"--stage-arn", arn, "--data", file("dup.jsonl", good+"\n\n"+good+"\n")}, "dup.jsonl: line 3: session st-AAAAAAAAAAAA1 of stage " + arn + " is listed twice (first on line 1 of "},
		{"bad ARN", []string{"--data", file("arn.jsonl", `{"stageArn":"arn:aws:ivs:us-west-2:1:channel/x","sessionId":"a"}`+"\n")}, `arn.jsonl: line 1: stage ARN "arn:aws:ivs:us-west-2:1:channel/x" must match`},
		{"wrong shape", []string{"--data", file("shape.json", `{"items": []}`)}, `shape.json: line 1: want an object with "stageSessions", "sessions" or "stages"`},
		{"list not a list", []string{"--data", file("list.json", `{"sessions": {}}`)}, `list.json: line 1: "sessions" must be a list, got an object`},
		{"no studio", []string{"--data", file("studio.jsonl", `{"sessionId":"s-1","state":"READY"}`+"\n")}, `studio.jsonl: line 1: streaming session "s-1" names no studio`},
		{"wrong type", []string{"--studio-id", "s", "--data", file("type.jsonl", `{"sessionId":"s-1","maxBackupsToRetain":"3"}`+"\n")}, `type.jsonl: line 1: streaming session: "maxBackupsToRetain" must be int32, got string`},
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

	// A port in use is not a usage error.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var out, errOut bytes.Buffer
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	if code := Run(context.Background(), []string{"--port", port}, &out, &errOut); code != exitFailure || !strings.Contains(errOut.String(), "address already in use") {
		t.Errorf("port in use: exit %d, stderr %q", code, errOut.String())
	}
}

func TestServeHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Run(context.Background(), []string{"--help"}, &out, &errOut); code != exitOK || !strings.HasPrefix(out.String(), "Usage: sessions serve") || errOut.Len() != 0 {
		t.Errorf("exit %d, stdout %q, stderr %q; want the usage on stdout", code, out.String(), errOut.String())
	}
	for _, flag := range []string{"--host", "--port", "--regions", "--stages", "--sessions", "--studios", "--streaming-sessions", "--studio-page-size", "--seed", "--now", "--data", "--stage-arn", "--studio-id", "--latency", "--fault"} {
		if !strings.Contains(out.String(), "  "+flag+" ") {
			t.Errorf("the usage does not list %s", flag)
		}
	}
}
