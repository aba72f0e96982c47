package fakeaws

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strconv"
)

var stageARNPattern = regexp.MustCompile(`^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$`)

const (
	defaultStageMaxResults = 50
	maxStageMaxResults     = 100
)

func (s *Server) serveStage(x *exchange) {
	if x.r.Method != http.MethodPost {
		x.writeError(http.StatusNotFound, "UnknownOperationException", "ListStageSessions takes POST", nil)
		return
	}
	var in struct {
		StageArn   *string `json:"stageArn"`
		MaxResults *int32  `json:"maxResults"`
		NextToken  *string `json:"nextToken"`
	}
	// A request is a few hundred bytes; the limit only guards the server.
	if err := json.NewDecoder(io.LimitReader(x.r.Body, 1<<20)).Decode(&in); err != nil {
		x.writeError(http.StatusBadRequest, "ValidationException", "Could not parse the request body: "+err.Error(), nil)
		return
	}
	arn := deref(in.StageArn)
	x.rec.Op, x.rec.Parent = OpListStageSessions, arn
	x.rec.MaxResults, x.rec.NextToken = in.MaxResults, in.NextToken
	if !x.authorized("ivs") {
		return
	}
	c := s.configFor(OpListStageSessions, arn)
	if !s.wait(x.r.Context(), c.latency) {
		// Returning would send an empty 200, which the SDK would take
		// for an empty last page; a dropped connection cannot be.
		x.hangUp(nil, 0)
		return
	}
	if x.writeFaultError(c.fault, c.f) {
		return
	}

	size := defaultStageMaxResults
	if in.MaxResults != nil {
		size = int(*in.MaxResults)
	}
	tok := deref(in.NextToken)
	switch {
	case in.StageArn == nil:
		x.writeError(http.StatusBadRequest, "ValidationException", "stageArn is required", nil)
	case !c.found && (len(arn) > 128 || !stageARNPattern.MatchString(arn)):
		x.writeError(http.StatusBadRequest, "ValidationException", "stageArn does not match pattern", nil)
	case size < 1 || size > maxStageMaxResults:
		x.writeError(http.StatusBadRequest, "ValidationException", "maxResults must be between 1 and 100, got "+strconv.Itoa(size), nil)
	case !validToken(tok):
		x.writeError(http.StatusBadRequest, "ValidationException", "nextToken does not match pattern", nil)
	case !c.found:
		x.writeError(http.StatusNotFound, "ResourceNotFoundException", "Stage not found: "+arn, nil)
	default:
		p := pager[StageSession]{data: c.stage, size: size}
		servePage(x, p, "ListStageSessions\x00"+arn, tok, c, `{"stageSessions":[`,
			func(b []byte, it *StageSession, pos int) []byte { return appendStageSession(b, *it, pos) })
	}
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
