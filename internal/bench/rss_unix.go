//go:build unix

package bench

import (
	"os"
	"runtime"
	"syscall"
)

// PeakRSS returns the largest resident set size, in bytes, of the finished
// process ps, or 0 where the system does not say.
func PeakRSS(ps *os.ProcessState) uint64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return uint64(ru.Maxrss) // bytes there, kilobytes elsewhere
	}
	return uint64(ru.Maxrss) * 1024
}
