package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/sessionkit/sessions"
)

// startFlusher calls flush every d until the returned function is called;
// that function waits for the goroutine to end.
func startFlusher(flush func(), d time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				flush()
			case <-done:
				return
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// progress draws "N pages, M sessions" on stderr while a listing runs, if
// stderr is a terminal. OnPage hooks call page from the goroutines that
// range over the paginators, hence the lock.
type progress struct {
	w       io.Writer
	on      bool
	mu      sync.Mutex
	pages   int
	items   int
	last    time.Time
	visible bool
}

func (p *progress) page(info sessions.PageInfo) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pages++
	p.items += info.Kept
	if p.pages < 2 || time.Since(p.last) < 100*time.Millisecond {
		return // a short listing draws nothing
	}
	p.last = time.Now()
	p.visible = true
	fmt.Fprintf(p.w, "\r\033[K%d pages, %d sessions…", p.pages, p.items)
}

// done erases the progress line.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.visible {
		fmt.Fprint(p.w, "\r\033[K")
		p.visible = false
	}
}
