package fakeaws

import (
	"encoding/json"
	"net/http"
)

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
	// Throttled counts the requests the quota ([WithQuota]) answered with
	// 429 ThrottlingException; they count in Requests too.
	Throttled int64
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
		Throttled:      s.throttled.Load(),
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
	s.throttled.Store(0)
	s.logMu.Lock()
	s.log = nil
	s.logMu.Unlock()
}

// StatsPath is where the server answers GET with its [Stats] as JSON, for
// clients in other processes. Those requests are not counted.
const StatsPath = "/_fakeaws/stats"

func (s *Server) writeStats(w http.ResponseWriter) {
	b, _ := json.Marshal(s.Stats())
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}
