package sessionstest

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/sessionkit/sessions/internal/fakesvc"
)

// counter numbers the calls a service receives and runs its fault script.
// The zero value is ready to use.
type counter struct {
	mu     sync.Mutex
	total  int
	faults []Fault // the service's Faults, as of its first call
	script fakesvc.Script
}

// arrive counts a call of op for parent, runs record under the lock (so that
// the order of the recorded calls is the order of the numbers) and returns
// the call's number, the fault that decides it (nil for none) and the
// latency of the faults that fire on it.
func (c *counter) arrive(op fakesvc.Op, parent string, faults []Fault, record func()) (int, *Fault, time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.total == 0 {
		c.faults = append([]Fault(nil), faults...)
		for _, f := range c.faults {
			c.script.Add(f.f)
		}
	}
	record()
	c.total++
	fired := c.script.Fire(op, parent)
	if fired.Index < 0 {
		return c.total, nil, fired.Latency
	}
	return c.total, &c.faults[fired.Index], fired.Latency
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
