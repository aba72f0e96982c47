package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestOutputToFullDevice: output that cannot be written fails with exit
// status 255 and Python's line for the error, as the AWS CLI's text output
// does (AWS CLI 2.9.19 ignores the error for its other formats, a
// treatment meant for a closed pipe; a full disk is not one), in every
// format and for every spelling, however much was printed.
func TestOutputToFullDevice(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	defer full.Close()
	srv := awsServer(t)
	const want = "\n[Errno 28] No space left on device\n"
	var cases [][]string
	for _, o := range []string{"json", "jsonl", "text", "table", "yaml", "yaml-stream", "columns", "svg", "html", "summary"} {
		cases = append(cases,
			strings.Fields(studioCmd+" --output "+o),
			strings.Fields(bigCmd+" --output "+o),
			strings.Fields("stage --stage-arn "+awsBigStage+" --max-items 5 --output "+o))
	}
	cases = append(cases,
		strings.Fields(stageCmd+" --max-results 2 --output json"),
		strings.Fields(stageCmd+" --max-results 2 --output text --query stageSessions[0].sessionId"),
		strings.Fields("stage --stage-arn "+awsStage+" --stage-arn "+awsBigStage+" --output jsonl"),
		strings.Fields("ivs-realtime list-stage-sessions --generate-cli-skeleton"),
		strings.Fields("--version"))
	for _, argv := range cases {
		t.Run(strings.Join(argv, " "), func(t *testing.T) {
			argv = append(argv, "--endpoint-url", srv.URL)
			cmd := exec.Command(binary, argv...)
			cmd.Env = awsEnv(t)
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = full, &stderr
			code := exitStatus(t, cmd.Run(), argv)
			if code != exitFailure || stderr.String() != want {
				t.Errorf("exit status %d, stderr %q; want %d, %q", code, stderr.String(), exitFailure, want)
			}
		})
	}
}
