package main

import (
	"io"
	"os"
	"os/exec"
)

// pagerSpec is what the command line says about the pager.
type pagerSpec struct {
	off     bool   // --no-cli-pager
	profile string // --profile, whose cli_pager applies
}

// startPager pipes standard output through the pager, as the AWS CLI v2
// does, when standard output is a terminal: AWS_PAGER, else the profile's
// cli_pager, else "less -R"; an empty value or --no-cli-pager turns it off.
// done waits for the pager to end.
func startPager(p pagerSpec, stdout, stderr io.Writer) (w io.Writer, done func()) {
	if p.off || !isTerminal(stdout) {
		return stdout, func() {}
	}
	pager, set := os.LookupEnv("AWS_PAGER")
	if !set {
		pager = profileSetting(p.profile, "cli_pager")
		if pager == "" {
			pager = "less -R"
		}
	}
	if pager == "" {
		return stdout, func() {}
	}
	cmd := exec.Command("sh", "-c", pager)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.Env = append(os.Environ(), "LESS=FRX")
	in, err := cmd.StdinPipe()
	if err != nil || cmd.Start() != nil {
		return stdout, func() {}
	}
	return in, func() {
		in.Close()
		cmd.Wait()
	}
}
