package fakeaws

import (
	"context"
	"net/http"
	"time"

	"github.com/sessionkit/sessions/internal/fakesvc"
)

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
