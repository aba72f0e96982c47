package fakeaws

import (
	"net/http"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakesvc"
)

// admit checks the request against the quota, once its region is known
// (the quota is per signed region and operation), and answers it as AWS
// does if it is over: no other check runs first, as the service throttles
// before it looks at the request.
func (s *Server) admit(x *exchange) bool {
	if s.quota.Allow(x.rec.Region, x.op) {
		return true
	}
	s.throttled.Add(1)
	s.mu.RLock()
	d := s.latency
	s.mu.RUnlock()
	s.wait(x.r.Context(), d)
	body := []byte(`{"message":"Rate exceeded"}`)
	h := x.w.Header()
	h.Set("X-Amzn-Errortype", "ThrottlingException")
	x.header(http.StatusTooManyRequests)
	x.write(http.StatusTooManyRequests, body, len(body))
	return false
}

// QuotaRate returns the rate of the server's quota, 0 if it has none.
func (s *Server) QuotaRate() float64 {
	if s.quota == nil {
		return 0
	}
	return s.quota.Rate
}

// clientRate is the rate at which the server's clients pace themselves:
// off without a quota, so that tests run at full speed; with one, as far
// under it as sessions.DefaultMaxRate is under IVS's 5 a second.
func (s *Server) clientRate() float64 {
	return s.QuotaRate() * sessions.DefaultMaxRate / fakesvc.QuotaRate
}
