package fakeaws

import (
	"encoding/json"
	"io"
	"net/http"
	"sync"

	"github.com/sessionkit/sessions/internal/fakesvc"
)

// A Stage is one IVS Real-Time stage as the server holds it: what
// ListStages says about it and the sessions ListStageSessions lists. Its
// region is the one in its ARN; the server answers for it only requests
// signed for that region.
type Stage struct {
	ARN  string
	Name string
	// Tags may be nil (sent as no tags at all).
	Tags map[string]string
	// ActiveSessionID is what ListStages reports as the active session;
	// "" means the last session of Sessions with no EndTime, if any.
	ActiveSessionID string
	Sessions        Dataset[StageSession]
}

// stage is a Stage with its active session ID, found on first use.
type stage struct {
	Stage
	once   sync.Once
	active string
}

// activeSessionID returns the ID of the stage's last session with no end
// time: the session running now, which ListStages reports.
func (st *stage) activeSessionID() string {
	st.once.Do(func() {
		if st.ActiveSessionID != "" {
			st.active = st.ActiveSessionID
			return
		}
		for i := st.Sessions.Len() - 1; i >= 0; i-- {
			if s := st.Sessions.at(i); s.EndTime.IsZero() {
				st.active = s.SessionID
				return
			}
		}
	})
	return st.active
}

func (s *Server) serveStage(x *exchange) {
	if x.r.Method != http.MethodPost {
		x.writeError(&fakesvc.Error{Status: http.StatusNotFound, Code: "UnknownOperationException", Message: "ListStageSessions takes POST"})
		return
	}
	var in struct {
		StageArn   *string `json:"stageArn"`
		MaxResults *int32  `json:"maxResults"`
		NextToken  *string `json:"nextToken"`
	}
	if !x.decode(&in) {
		return
	}
	arn := deref(in.StageArn)
	x.rec.Parent, x.rec.MaxResults, x.rec.NextToken = arn, in.MaxResults, in.NextToken
	if !x.authorized("ivs") {
		return
	}
	c := s.configFor(OpListStageSessions, arn)
	if !x.delay(c) {
		return
	}
	size, err := fakesvc.CheckStageSessions(in.StageArn, in.MaxResults, in.NextToken, c.found, x.rec.Region)
	if err != nil {
		x.writeError(err)
		return
	}
	l := fakesvc.Listing{Binding: fakesvc.Binding(OpListStageSessions, arn), Len: c.stage.Len(), Size: size}
	servePage(x, c.stage, nil, l, deref(in.NextToken), c, `{"stageSessions":[`,
		func(b []byte, it *StageSession, pos int) []byte { return appendStageSession(b, *it, pos) })
}

func (s *Server) serveStages(x *exchange) {
	if x.r.Method != http.MethodPost {
		x.writeError(&fakesvc.Error{Status: http.StatusNotFound, Code: "UnknownOperationException", Message: "ListStages takes POST"})
		return
	}
	var in struct {
		MaxResults *int32  `json:"maxResults"`
		NextToken  *string `json:"nextToken"`
	}
	if !x.decode(&in) {
		return
	}
	x.rec.MaxResults, x.rec.NextToken = in.MaxResults, in.NextToken
	if !x.authorized("ivs") {
		return
	}
	x.rec.Parent = x.rec.Region
	c := s.configFor(OpListStages, x.rec.Region)
	if !x.delay(c) {
		return
	}
	list, l, err := fakesvc.StageListing(c.stages, func(st *stage) string { return st.ARN }, x.rec.Region, in.MaxResults, in.NextToken)
	if err != nil {
		x.writeError(err)
		return
	}
	servePage(x, FromSlice(list), nil, l, deref(in.NextToken), c, `{"stages":[`,
		func(b []byte, st **stage, _ int) []byte { return appendStage(b, *st) })
}

// decode reads a JSON request body into v, or answers a ValidationException.
func (x *exchange) decode(v any) bool {
	// A request is a few hundred bytes; the limit only guards the server.
	if err := json.NewDecoder(io.LimitReader(x.r.Body, 1<<20)).Decode(v); err != nil {
		x.writeError(fakesvc.Invalid("Could not parse the request body: "+err.Error(), ""))
		return false
	}
	return true
}

// delay waits for the latency c asks for and answers c's error fault, and
// reports whether the request is still to be answered.
func (x *exchange) delay(c config) bool {
	if !x.s.wait(x.r.Context(), c.latency) {
		// Returning would send an empty 200, which the SDK would take
		// for an empty last page; a dropped connection cannot be.
		x.hangUp(nil, 0)
		return false
	}
	if err := fakesvc.FaultResponse(x.op, c.f); err != nil {
		x.rec.Fault = c.f.Kind
		x.writeError(err)
		return false
	}
	return true
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
