package fakeaws

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"

	"github.com/sessionkit/sessions/internal/fakesvc"
	"github.com/sessionkit/sessions/internal/sdkhttp"
)

// DefaultStudioPageSize is the number of streaming sessions per page when
// [WithStudioPageSize] is not given. Nimble has no client-side page size, so
// the server picks one.
const DefaultStudioPageSize = 100

// A Server is a running fake endpoint for both operations. Configure it with
// [Option] values at [New] or with its methods at any time; all methods are
// safe for concurrent use, including while requests are in flight. Close it
// when done, typically with t.Cleanup(srv.Close).
type Server struct {
	// URL is the base URL of the server, e.g. "http://127.0.0.1:41234",
	// for the clients' BaseEndpoint.
	URL string

	ts        *httptest.Server
	done      chan struct{} // closed by Close so that latency waits end
	closeOnce sync.Once
	transport *http.Transport
	client    aws.HTTPClient

	mu             sync.RWMutex
	stages         map[string]*stage
	studios        map[string]Dataset[StreamingSession]
	studioPageSize int
	latency        time.Duration
	script         fakesvc.Script

	listener  net.Listener // from WithListener, or nil
	stableIDs bool

	logMu  sync.Mutex
	logMax int
	log    []Request

	requests, stageRequests, studioRequests, stagesRequests atomic.Int64
	faults, items, bytes                                    atomic.Int64
}

// An Option configures a [Server] at [New].
type Option func(*Server)

// WithStage adds a stage with no name or tags, as [Server.AddStage] does.
func WithStage(arn string, data Dataset[StageSession]) Option {
	return WithStages(Stage{ARN: arn, Sessions: data})
}

// WithStages adds stages, as [Server.AddStages] does.
func WithStages(stages ...Stage) Option {
	return func(s *Server) { s.addStages(stages) }
}

// WithStudio adds a studio, as [Server.AddStudio] does.
func WithStudio(id string, data Dataset[StreamingSession]) Option {
	return func(s *Server) { s.studios[id] = data }
}

// WithStudioPageSize sets how many streaming sessions a page holds (after
// the server-side filters). n < 1 means [DefaultStudioPageSize].
func WithStudioPageSize(n int) Option {
	return func(s *Server) { s.studioPageSize = n }
}

// WithLatency delays every response by d, as [Server.SetLatency] does.
func WithLatency(d time.Duration) Option {
	return func(s *Server) { s.latency = d }
}

// WithFaults injects faults, as [Server.Inject] does.
func WithFaults(faults ...Fault) Option {
	return func(s *Server) { s.inject(faults) }
}

// WithRequestLog keeps the first max requests for [Server.Log]. The log is
// off by default so that long benchmarks do not grow memory; max bounds it.
func WithRequestLog(max int) Option {
	return func(s *Server) { s.logMax = max }
}

// WithListener makes the server accept connections on l instead of a new
// loopback port; the server closes l when it closes.
func WithListener(l net.Listener) Option {
	return func(s *Server) { s.listener = l }
}

// WithStableRequestIDs makes each response's request ID a hash of what the
// request asked for (operation, region, parent, parameters) instead of its
// sequence number, so that the same request gets the same ID whatever came
// before it.
func WithStableRequestIDs() Option {
	return func(s *Server) { s.stableIDs = true }
}

// New starts a Server on a loopback port.
func New(opts ...Option) *Server {
	s := &Server{
		done:           make(chan struct{}),
		stages:         map[string]*stage{},
		studios:        map[string]Dataset[StreamingSession]{},
		studioPageSize: DefaultStudioPageSize,
	}
	for _, o := range opts {
		o(s)
	}
	if s.studioPageSize < 1 {
		s.studioPageSize = DefaultStudioPageSize
	}
	// One transport shared by every client of this server, so Close can
	// drop its idle connections (goleak would otherwise see their
	// goroutines). It starts from the SDK's own default transport, with
	// room for many idle connections: benchmarks fan out over 64 stages,
	// and the SDK default of 10 per host would make most requests dial.
	s.transport = awshttp.NewBuildableClient().GetTransport()
	s.transport.MaxIdleConns = 512
	s.transport.MaxIdleConnsPerHost = 256
	s.client = sdkhttp.Client(&http.Client{Transport: s.transport})
	s.ts = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	if s.listener != nil {
		s.ts.Listener.Close()
		s.ts.Listener = s.listener
	}
	s.ts.Start()
	s.URL = s.ts.URL
	return s
}

// Close shuts the server down, ending any injected latency early, and
// closes the idle connections of the clients made by [Server.StageClient],
// [Server.StudioClient] and [Server.HTTPClient]. It is safe to call twice.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.ts.Close()
		s.transport.CloseIdleConnections()
	})
}

// AddStage makes the server answer ListStageSessions for arn with data,
// replacing any earlier stage with that ARN; the stage has no name or tags.
// A registered ARN is served even if it does not match the service's ARN
// pattern; an unregistered one gets ValidationException if malformed and
// ResourceNotFoundException otherwise, and so does a request signed for
// another region than the ARN's.
func (s *Server) AddStage(arn string, data Dataset[StageSession]) {
	s.AddStages(Stage{ARN: arn, Sessions: data})
}

// AddStages adds stages, replacing any earlier stage with the same ARN.
// ListStages lists them, in ARN order, to clients of their region.
func (s *Server) AddStages(stages ...Stage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addStages(stages)
}

func (s *Server) addStages(stages []Stage) {
	for _, st := range stages {
		s.stages[st.ARN] = &stage{Stage: st}
	}
}

// AddStudio makes the server answer ListStreamingSessions for the studio id
// with data, replacing any earlier data for it. Other studios get
// ResourceNotFoundException.
func (s *Server) AddStudio(id string, data Dataset[StreamingSession]) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.studios[id] = data
}

// SetLatency delays every later response by d (0 turns it off), on top of
// any latency from faults.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// Inject adds faults after those already injected. Each fault counts only
// the requests that arrive after it was added.
func (s *Server) Inject(faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inject(faults)
}

func (s *Server) inject(faults []Fault) { s.script.Add(faults...) }

// ClearFaults removes every injected fault. Token cycles already handed out
// keep cycling, since their tokens carry the cycle.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.script.Clear()
}

// Stats is a snapshot of a server's counters.
type Stats struct {
	// Requests counts every HTTP request, including retries, faulted and
	// rejected ones, and requests for unknown paths.
	Requests int64
	// StageRequests, StudioRequests and StagesRequests count the requests
	// routed to ListStageSessions, ListStreamingSessions and ListStages.
	StageRequests  int64
	StudioRequests int64
	StagesRequests int64
	// Faults counts the requests a fault changed (latency-only faults
	// included).
	Faults int64
	// Items counts the sessions written in response bodies, including
	// those in bodies that a fault then corrupted.
	Items int64
	// Bytes counts the response body bytes written.
	Bytes int64
}

// Stats returns the current counters.
func (s *Server) Stats() Stats {
	return Stats{
		Requests:       s.requests.Load(),
		StageRequests:  s.stageRequests.Load(),
		StudioRequests: s.studioRequests.Load(),
		StagesRequests: s.stagesRequests.Load(),
		Faults:         s.faults.Load(),
		Items:          s.items.Load(),
		Bytes:          s.bytes.Load(),
	}
}

// Requests returns how many requests were routed to op.
func (s *Server) Requests(op Op) int64 {
	switch op {
	case OpListStageSessions:
		return s.stageRequests.Load()
	case OpListStreamingSessions:
		return s.studioRequests.Load()
	case OpListStages:
		return s.stagesRequests.Load()
	}
	return 0
}

// ResetStats sets the counters to zero and empties the request log; fault
// counters are not reset. Benchmarks call it after their setup.
func (s *Server) ResetStats() {
	s.requests.Store(0)
	s.stageRequests.Store(0)
	s.studioRequests.Store(0)
	s.stagesRequests.Store(0)
	s.faults.Store(0)
	s.items.Store(0)
	s.bytes.Store(0)
	s.logMu.Lock()
	s.log = nil
	s.logMu.Unlock()
}

// A Request is one entry of the request log: what a client asked for and
// what it got. Parameters the client did not send are nil.
type Request struct {
	// Seq numbers the server's requests from 1, in arrival order.
	Seq int64
	Op  Op
	// Region is the region of the request's SigV4 credential scope ("" if
	// it was not signed).
	Region string
	// Parent is the stage ARN or studio ID ("" if the request had none);
	// for ListStages, the region.
	Parent     string
	MaxResults *int32
	NextToken  *string
	CreatedBy  *string
	OwnedBy    *string
	SessionIDs *string
	// Status is the HTTP status sent; 0 if the connection was dropped or
	// the request was abandoned during latency.
	Status int
	// Items is the number of sessions in the response.
	Items int
	// Fault is the kind of the fault that decided the response.
	Fault FaultKind
}

// Log returns a copy of the request log, oldest first. It is empty unless
// the server was made with [WithRequestLog].
func (s *Server) Log() []Request {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return append([]Request(nil), s.log...)
}

func (s *Server) record(r *Request) {
	if s.logMax <= 0 {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	if len(s.log) < s.logMax {
		s.log = append(s.log, *r)
	}
}

// config is what one request needs from the mutable configuration, read
// under the lock once so the rest of the request runs without it.
type config struct {
	stage    Dataset[StageSession]
	stages   []*stage // ListStages: every stage
	studio   Dataset[StreamingSession]
	found    bool
	pageSize int
	latency  time.Duration
	f        Fault // the deciding fault; Kind FaultNone if none
}

func (s *Server) configFor(op Op, parent string) config {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c := config{latency: s.latency, pageSize: s.studioPageSize}
	switch op {
	case OpListStageSessions:
		var st *stage
		if st, c.found = s.stages[parent]; c.found {
			c.stage = st.Sessions
		}
	case OpListStreamingSessions:
		c.studio, c.found = s.studios[parent]
	case OpListStages:
		c.stages = make([]*stage, 0, len(s.stages))
		for _, st := range s.stages {
			c.stages = append(c.stages, st)
		}
	}
	f := s.script.Fire(op, parent)
	if f.Fired {
		s.faults.Add(1)
	}
	c.latency += f.Latency
	c.f = f.Fault
	return c
}

// wait sleeps for d unless the client goes away or the server closes first,
// and reports whether the full delay elapsed. Ending early on Close matters
// because httptest's Close waits for every handler to return.
func (s *Server) wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
	case <-s.done:
	}
	return false
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	seq := s.requests.Add(1)
	if r.Method == http.MethodGet && r.URL.Path == StatsPath {
		s.requests.Add(-1)
		s.writeStats(w)
		return
	}
	x := &exchange{s: s, w: w, r: r, rec: Request{Seq: seq}}
	defer x.log()
	switch {
	case r.URL.Path == "/ListStageSessions":
		s.stageRequests.Add(1)
		x.op, x.rec.Op = OpListStageSessions, OpListStageSessions
		s.serveStage(x)
	case r.URL.Path == "/ListStages":
		s.stagesRequests.Add(1)
		x.op, x.rec.Op = OpListStages, OpListStages
		s.serveStages(x)
	default:
		id, ok := studioFromPath(r.URL.EscapedPath())
		if !ok {
			x.writeError(&fakesvc.Error{Status: http.StatusNotFound, Code: "UnknownOperationException", Message: "no such operation: " + r.Method + " " + r.URL.Path})
			return
		}
		s.studioRequests.Add(1)
		x.op, x.rec.Op = OpListStreamingSessions, OpListStreamingSessions
		s.serveStudio(x, id)
	}
}

// StatsPath is where the server answers GET with its [Stats] as JSON, for
// clients in other processes. Those requests are not counted.
const StatsPath = "/_fakeaws/stats"

func (s *Server) writeStats(w http.ResponseWriter) {
	b, _ := json.Marshal(s.Stats())
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
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
