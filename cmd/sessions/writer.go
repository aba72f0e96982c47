package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sync"
	"syscall"
	"unicode"
	"unicode/utf8"
)

// syncWriter is a buffered writer that a flusher goroutine may flush.
//
// For the formats the AWS CLI prints only once the listing succeeded
// (json, yaml), it holds back the first holdLimit bytes: a listing that
// fails before then prints nothing, as the AWS CLI's does, and a longer
// one streams in constant memory from there on.
type syncWriter struct {
	mu      sync.Mutex
	buf     *bufio.Writer
	failed  *error
	holding bool
	held    []byte
	wrote   bool // something went out: sessions were printed
}

// holdLimit is how much output json and yaml hold back.
const holdLimit = 1 << 20

// newSyncWriter returns a writer to w; held: it holds back output (see
// format.held).
func newSyncWriter(w io.Writer, held bool) *syncWriter {
	return &syncWriter{buf: bufio.NewWriterSize(w, 64<<10), holding: held}
}

func (s *syncWriter) Write(b []byte) (int, error) {
	if s.failed != nil && *s.failed != nil {
		return len(b), nil // the AWS CLI stops at a failed --query
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.holding {
		s.held = append(s.held, b...)
		if len(s.held) < holdLimit {
			return len(b), nil
		}
		s.holding = false
		_, err := s.buf.Write(s.held)
		s.held, s.wrote = nil, true
		return len(b), err
	}
	s.wrote = s.wrote || len(b) > 0
	return s.buf.Write(b)
}

// Flush writes out what is buffered, but not what is held back.
func (s *syncWriter) Flush() {
	s.mu.Lock()
	s.buf.Flush()
	s.mu.Unlock()
}

// finish flushes the output and returns code; if the output could not be
// written, it reports that on stderr as the AWS CLI does and returns 255
// for what would have been a success.
func (s *syncWriter) finish(stderr io.Writer, code int) int {
	s.mu.Lock()
	err := s.buf.Flush()
	s.mu.Unlock()
	return writeFailed(stderr, err, code)
}

// writeFailed reports err, an error writing standard output, as the AWS
// CLI reports it, and returns the exit status: 255 instead of 0. A closed
// pipe (a pager the user quit) is no failure: the AWS CLI ignores it.
func writeFailed(stderr io.Writer, err error, code int) int {
	if err == nil || errors.Is(err, syscall.EPIPE) {
		return code
	}
	fmt.Fprintf(stderr, "\n%s\n", pythonOSError(err))
	if code == exitOK {
		return exitFailure
	}
	return code
}

// pythonOSError is err as Python prints an OSError: "[Errno 28] No space
// left on device", with the C library's capitalised message.
func pythonOSError(err error) string {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return err.Error()
	}
	msg := errno.Error()
	r, n := utf8.DecodeRuneInString(msg)
	return fmt.Sprintf("[Errno %d] %c%s", int(errno), unicode.ToUpper(r), msg[n:])
}

// release writes out what is held back: the listing succeeded.
func (s *syncWriter) release() {
	s.mu.Lock()
	if s.holding {
		s.buf.Write(s.held)
		s.wrote = s.wrote || len(s.held) > 0
		s.held, s.holding = nil, false
	}
	s.mu.Unlock()
}

// discard drops what is held back: the listing failed.
func (s *syncWriter) discard() {
	s.mu.Lock()
	s.held, s.holding = nil, false
	s.mu.Unlock()
}
