package main

import (
	"os/exec"
	"syscall"
)

// dieWithTest makes cmd's process end with the test's, so that a test
// killed on a timeout leaves no server behind.
func dieWithTest(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
