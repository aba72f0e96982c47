//go:build linux

package bench_test

import (
	"context"
	"os/exec"
	"runtime"
	"testing"

	"github.com/sessionkit/sessions/internal/bench"
)

// TestRunIsolatedReportsTheChildAlone: a small command started from a
// process that holds 128 MiB reports that as its peak when started
// directly (the reason for RunIsolated), and its own few MiB through
// RunIsolated.
func TestRunIsolatedReportsTheChildAlone(t *testing.T) {
	const held = 128 << 20
	ballast := make([]byte, held)
	for i := range ballast {
		ballast[i] = byte(i) // resident, not just reserved
	}
	direct := exec.Command("/bin/true")
	if err := direct.Run(); err != nil {
		t.Skipf("no /bin/true: %v", err)
	}
	_, rss, err := bench.RunIsolated(context.Background(), exec.Command("/bin/true"))
	runtime.KeepAlive(ballast)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("direct %d MiB, isolated %d MiB", bench.PeakRSS(direct.ProcessState)>>20, rss>>20)
	if got := bench.PeakRSS(direct.ProcessState); got < held {
		t.Logf("started directly, the command reports %d MiB: this kernel does not carry the parent's peak", got>>20)
	}
	if rss == 0 || rss >= held/4 {
		t.Errorf("RunIsolated: peak RSS %d MiB; want the command's own few MiB", rss>>20)
	}
}
