//go:build !linux && !darwin

package main

import "io"

// terminalWidth returns 0: the table output assumes 80 columns.
func terminalWidth(io.Writer) int { return 0 }
