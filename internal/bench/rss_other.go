//go:build !unix

package bench

import "os"

// PeakRSS returns 0: a process's peak memory is only read on Unix.
func PeakRSS(*os.ProcessState) uint64 { return 0 }
