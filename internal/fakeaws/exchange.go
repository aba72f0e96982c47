package fakeaws

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"strconv"
	"sync"

	"github.com/sessionkit/sessions/internal/fakesvc"
)

// An exchange is one request being answered.
type exchange struct {
	s   *Server
	w   http.ResponseWriter
	r   *http.Request
	op  Op
	rec Request
	// logged is set once rec is in the log. The entry goes in just before
	// the response goes out, so that a client that has its response finds
	// its request in the log.
	logged bool
}

// log records the request once.
func (x *exchange) log() {
	if !x.logged {
		x.logged = true
		x.s.record(&x.rec)
	}
}

func (x *exchange) header(status int) {
	h := x.w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Amzn-Requestid", x.requestID())
	x.rec.Status = status
}

// writeError answers in the error shape of the operation: IVS puts the text
// in "exceptionMessage" and qualifies the X-Amzn-ErrorType header the way
// Coral services do; Nimble sends "code", "message" and "context". The
// header is always sent because the SDK prefers it to the body.
func (x *exchange) writeError(e *fakesvc.Error) {
	b := (*bufPool.Get().(*[]byte))[:0]
	h := x.w.Header()
	if x.op == OpListStageSessions || x.op == OpListStages {
		h.Set("X-Amzn-Errortype", e.Code+":http://internal.amazon.com/coral/com.amazonaws.ivs/")
		b = append(b, `{"exceptionMessage":`...)
		b = appendString(b, e.Message)
		b = append(b, '}')
	} else {
		h.Set("X-Amzn-Errortype", e.Code)
		b = append(b, `{"code":`...)
		b = appendString(b, e.Code)
		b = append(b, `,"message":`...)
		b = appendString(b, e.Message)
		if e.Context != nil {
			b = append(b, `,"context":`...)
			b = appendStringMap(b, e.Context)
		}
		b = append(b, '}')
	}
	x.header(e.Status)
	x.write(e.Status, b, len(b))
	bufPool.Put(&b)
}

// write sends body with the given Content-Length and counts what went out.
func (x *exchange) write(status int, body []byte, contentLength int) {
	x.w.Header().Set("Content-Length", strconv.Itoa(contentLength))
	x.log()
	x.w.WriteHeader(status)
	n, _ := x.w.Write(body)
	x.s.bytes.Add(int64(n))
}

// writePage sends a 200 page, corrupted as the fault kind says.
func (x *exchange) writePage(body []byte, kind FaultKind) {
	x.header(http.StatusOK)
	switch kind {
	case FaultMalformedJSON:
		x.rec.Fault = kind
		garbage := []byte("<html><body><h1>502 Bad Gateway</h1></body></html>")
		x.write(http.StatusOK, garbage, len(garbage))
	case FaultTruncatedBody:
		x.rec.Fault = kind
		cut := body[:len(body)/2]
		x.write(http.StatusOK, cut, len(cut))
	case FaultShortBody:
		// net/http closes the connection after the handler returns when
		// fewer bytes than the Content-Length were written.
		x.rec.Fault = kind
		x.write(http.StatusOK, body[:len(body)/2], len(body))
	case FaultHangUp:
		x.rec.Fault = kind
		x.hangUp(body[:len(body)/2], len(body))
	case FaultDropConnection:
		x.rec.Fault = kind
		x.hangUp(nil, 0)
	default:
		x.write(http.StatusOK, body, len(body))
	}
}

// hangUp takes over the connection, writes part (a 200 response whose body
// is part of contentLength bytes; nothing at all if part is nil) and closes
// it.
func (x *exchange) hangUp(part []byte, contentLength int) {
	x.rec.Status = 0
	hj, ok := x.w.(http.Hijacker)
	if !ok {
		// Not reached with httptest's HTTP/1.1 server; the short body
		// gives the client the same unexpected EOF.
		x.write(http.StatusOK, part, contentLength+1)
		return
	}
	conn, rw, err := hj.Hijack()
	if err != nil {
		return
	}
	x.log()
	defer conn.Close()
	if part == nil {
		return
	}
	w := rw.Writer
	w.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Amzn-Requestid: ")
	w.WriteString(x.requestID())
	w.WriteString("\r\nContent-Length: ")
	w.WriteString(strconv.Itoa(contentLength))
	w.WriteString("\r\n\r\n")
	w.Write(part)
	w.Flush()
	x.s.bytes.Add(int64(len(part)))
}

// requestID returns the ID of the request x answers.
func (x *exchange) requestID() string {
	if !x.s.stableIDs {
		return "req-" + pad4(x.rec.Seq)
	}
	h := fnv.New64a()
	r := &x.rec
	for _, p := range []*string{(*string)(&r.Op), &r.Region, &r.Parent, r.NextToken, r.CreatedBy, r.OwnedBy, r.SessionIDs} {
		if p != nil {
			h.Write([]byte(*p))
		}
		h.Write([]byte{0})
	}
	if r.MaxResults != nil {
		h.Write([]byte(strconv.Itoa(int(*r.MaxResults))))
	}
	return fmt.Sprintf("req-%016x", h.Sum64())
}

func pad4(n int64) string {
	s := strconv.FormatInt(n, 10)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

// bufPool recycles response buffers; pages of 100 sessions are a few kB to
// a few tens of kB, and benchmarks write tens of thousands of them.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}
