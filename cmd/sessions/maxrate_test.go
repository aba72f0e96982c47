package main

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"
)

func TestMaxRateBadValue(t *testing.T) {
	for _, v := range []string{"-1", "fast", "NaN", "2e6"} {
		r := runBin(t, nil, "stage", "--stage-arn", goldenARN, "--max-rate", v)
		if r.code != exitUsage || !strings.Contains(r.stderr, `--max-rate "`+v+`": must be a number of requests a second`) {
			t.Errorf("--max-rate %s: exit %d, stderr %q; want %d and the option named", v, r.code, r.stderr, exitUsage)
		}
	}
}

func TestServeQuotaBadInput(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--quota", "-1"}, "--quota -1: must be between 0 (none) and 1e6"},
		{[]string{"--quota", "many"}, `--quota "many": want a number of requests a second, 0 for none`},
		{[]string{"--quota-burst", "0"}, "--quota-burst 0: must be at least 1"},
	} {
		var out, errOut bytes.Buffer
		code := runServe(context.Background(), append([]string{"--port", "0"}, tt.args...), &out, &errOut)
		if code != exitUsage || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, errOut.String(), exitUsage, tt.want)
		}
	}
}

// Against sessions serve with a quota that allows no burst, a paced
// --all-stages listing of several regions gets every session, as the
// same listing does without a quota: a throttled request (if any) is sent
// again, never reported. The quota is scaled (100/s) to keep the test short.
func TestMaxRateAgainstServeQuota(t *testing.T) {
	list := func(url, rate string) string {
		t.Helper()
		cmd := exec.Command(binary, "stage", "--all-stages", "--region", "us-west-2", "--region", "eu-west-1",
			"--max-rate", rate, "--endpoint-url", url, "--query", "length(stageSessions)")
		cmd.Env = awsEnv(t)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			t.Fatalf("%v: %v\n%s", cmd.Args, err, errOut.String())
		}
		return strings.TrimSpace(out.String())
	}
	args := []string{"--stages", "6", "--sessions", "250", "--regions", "us-west-2,eu-west-1", "--studios", "0"}
	free := startServe(t, args...)
	quota := startServe(t, append(args, "--quota", "100", "--quota-burst", "1")...)
	want := list(free.url, "0")
	if got := list(quota.url, "92"); got != want || want == "0" {
		t.Errorf("against the quota: %s sessions; without it: %s", got, want)
	}
}
