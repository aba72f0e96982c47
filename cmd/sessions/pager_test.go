package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestPager runs the command on a terminal (util-linux script(1) gives it
// one): its output goes through AWS_PAGER, unless --no-cli-pager or an
// empty AWS_PAGER says no, as in the AWS CLI.
func TestPager(t *testing.T) {
	scriptCmd, err := exec.LookPath("script")
	if err != nil {
		t.Skip("no script(1) to give the command a terminal")
	}
	srv := goldenServer(t)
	line := binary + " stage --stage-arn " + goldenARN + " --max-results 2 --output text --endpoint-url " + srv.URL
	tests := []struct {
		name  string
		extra string
		pager string
		paged bool
	}{
		{"AWS_PAGER", "", "AWS_PAGER=sed s/^/PAGED:/", true},
		{"--no-cli-pager", " --no-cli-pager", "AWS_PAGER=sed s/^/PAGED:/", false},
		{"empty AWS_PAGER", "", "AWS_PAGER=", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(scriptCmd, "-qec", line+tt.extra, "/dev/null")
			cmd.Env = append(awsEnv(t), tt.pager, "PATH="+os.Getenv("PATH"))
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			got := strings.Count(string(out), "PAGED:STAGESESSIONS")
			if want := map[bool]int{true: 2}[tt.paged]; got != want || !strings.Contains(string(out), "STAGESESSIONS") {
				t.Errorf("output %q: %d paged session lines; want %d", out, got, want)
			}
		})
	}
}
