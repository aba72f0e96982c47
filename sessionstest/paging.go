package sessionstest

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/sessionkit/sessions/internal/fakesvc"
)

// counter numbers the calls a service receives, overall and per parent,
// and picks the faults that fire on each. The zero value is ready to use.
type counter struct {
	mu        sync.Mutex
	total     int
	perParent map[string]int
}

// arrive counts a call of op for parent, runs record under the lock (so that
// the order of the recorded calls is the order of the numbers) and returns
// the call's number, the fault that decides it (nil for none) and the
// latency of the faults that fire on it. A fault counts every call, or
// after For the calls for its parent, from the service's first call.
func (c *counter) arrive(op fakesvc.Op, parent string, faults []Fault, record func()) (int, *Fault, time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	record()
	c.total++
	if c.perParent == nil {
		c.perParent = make(map[string]int)
	}
	c.perParent[parent]++
	var decided *Fault
	var latency time.Duration
	for i := range faults {
		f := &faults[i].f
		n := c.total
		if f.Parent != "" {
			n = c.perParent[parent]
		}
		if !f.Selects(op, parent) || !f.Fires(n) {
			continue
		}
		latency += f.Latency
		if decided == nil && f.Kind != fakesvc.FaultNone {
			// A copy: the caller's slice may change once the lock is
			// released.
			d := faults[i]
			decided = &d
		}
	}
	return c.total, decided, latency
}

// page serves the page of l for the token sent when fault (nil for none)
// fires on call n, answering a foreign token with conv's error. It refuses
// a RepeatToken fault on a first page, which has no token to repeat.
func page(l fakesvc.Listing, sent *string, fault *Fault, n int, conv func(*fakesvc.Error) error) (fakesvc.Page, error) {
	var f fakesvc.Fault
	if fault != nil {
		f = fault.f
		if f.Kind == fakesvc.FaultRepeatToken && (sent == nil || *sent == "") {
			return fakesvc.Page{}, fmt.Errorf("sessionstest: %v fired on call %d, which asked for the first page and so sent no token to repeat", *fault, n)
		}
	}
	var tok string
	if sent != nil {
		tok = *sent
	}
	p, err := l.Page(tok, f, uint64(n))
	if err != nil {
		return p, conv(err)
	}
	return p, nil
}

// wait sleeps for d, returning early with ctx's error if ctx is done first.
func wait(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil || d <= 0 {
		return err
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
