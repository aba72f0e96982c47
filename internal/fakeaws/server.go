package fakeaws

import (
	"net"
	"net/http"
	"net/http/httptest"
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
	faults, items, bytes, throttled                         atomic.Int64

	quota *fakesvc.Quota // nil: none
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
