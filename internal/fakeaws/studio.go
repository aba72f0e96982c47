package fakeaws

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/sessionkit/sessions/internal/fakesvc"
)

// studioFromPath extracts the studio ID from the escaped request path. It
// works on the escaped form because the SDK escapes "/" in the ID as %2F,
// which the decoded path could not tell from a separator.
func studioFromPath(p string) (string, bool) {
	const prefix, suffix = "/2020-08-01/studios/", "/streaming-sessions"
	if len(p) <= len(prefix)+len(suffix) || !strings.HasPrefix(p, prefix) || !strings.HasSuffix(p, suffix) {
		return "", false
	}
	mid := p[len(prefix) : len(p)-len(suffix)]
	if strings.Contains(mid, "/") {
		return "", false
	}
	id, err := url.PathUnescape(mid)
	return id, err == nil
}

func (s *Server) serveStudio(x *exchange, id string) {
	q := x.r.URL.Query()
	createdBy, ownedBy, sessionIDs, nextToken := param(q, "createdBy"), param(q, "ownedBy"), param(q, "sessionIds"), param(q, "nextToken")
	x.rec.Parent = id
	x.rec.CreatedBy, x.rec.OwnedBy, x.rec.SessionIDs, x.rec.NextToken = createdBy, ownedBy, sessionIDs, nextToken
	if x.r.Method != http.MethodGet {
		x.writeError(&fakesvc.Error{Status: http.StatusNotFound, Code: "UnknownOperationException", Message: "ListStreamingSessions takes GET"})
		return
	}
	if !x.authorized("nimble") {
		return
	}
	c := s.configFor(OpListStreamingSessions, id)
	if !x.delay(c) {
		return
	}
	tok := deref(nextToken)
	if err := fakesvc.CheckToken(tok); err != nil {
		x.writeError(err)
		return
	}
	if !c.found {
		x.writeError(fakesvc.NotFound("Studio not found: "+id, id))
		return
	}
	// The binding covers the filters, so a token cannot be replayed
	// against a different filtered view of the same studio.
	l := fakesvc.Listing{Binding: fakesvc.Binding(OpListStreamingSessions, id, createdBy, ownedBy, sessionIDs), Len: c.studio.Len(), Size: c.pageSize}
	keep := studioFilter(createdBy, ownedBy, sessionIDs)
	if keep != nil {
		l.Step = filteredStep(c.studio, c.pageSize, keep)
	}
	servePage(x, c.studio, keep, l, tok, c, `{"sessions":[`,
		func(b []byte, it *StreamingSession, _ int) []byte { return appendStreamingSession(b, it) })
}

// studioFilter returns the server-side filter, or nil when the request has
// none. Each parameter sent is an exact match, even when empty; sessionIds
// is matched as one ID, because the service never defined a list format, so
// a value with a comma matches nothing.
func studioFilter(createdBy, ownedBy, sessionIDs *string) func(*StreamingSession) bool {
	if createdBy == nil && ownedBy == nil && sessionIDs == nil {
		return nil
	}
	return func(it *StreamingSession) bool {
		return (createdBy == nil || it.CreatedBy == *createdBy) &&
			(ownedBy == nil || it.OwnedBy == *ownedBy) &&
			(sessionIDs == nil || it.ID == *sessionIDs)
	}
}

func param(q url.Values, name string) *string {
	v, ok := q[name]
	if !ok || len(v) == 0 {
		return nil
	}
	return &v[0]
}
