package sessions

import (
	"context"
	"sync/atomic"
)

// A rangeGuard lets one range at a time begin over a paginator or a
// fan-out: a range while another is in progress, nested or on another
// goroutine, gets an error instead, and the first range goes on.
type rangeGuard struct{ ranging atomic.Bool }

// begin starts a range over ctx; busy names the listing in the
// *ListError that wraps ErrConcurrentRange. The caller calls end when
// the range is over.
func (g *rangeGuard) begin(ctx context.Context, busy func() *ListError) error {
	if ctx == nil {
		return errNilContext()
	}
	if !g.ranging.CompareAndSwap(false, true) {
		return busy()
	}
	return nil
}

// end lets another range begin.
func (g *rangeGuard) end() { g.ranging.Store(false) }
