package fakeaws

import (
	"net"
	"time"

	"github.com/sessionkit/sessions/internal/fakesvc"
)

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

// WithQuota makes the server enforce a request rate quota for each signed
// region and operation, as IVS Real-Time does: rate requests a second with
// the given burst (see [fakesvc.Quota]). Over it, a request is answered as
// AWS answers it: HTTP 429, X-Amzn-ErrorType ThrottlingException and
// {"message":"Rate exceeded"}. rate ≤ 0 turns the quota off, as it is by
// default. The clients of [Server.StageClient] and [Server.StudioClient]
// follow: unpaced without a quota, paced just under it with one.
func WithQuota(rate float64, burst int) Option {
	return WithQuotaOf(fakesvc.NewQuota(rate, burst))
}

// WithQuotaOf makes the server enforce q, which other servers or fakes may
// share, as the fakes of one account share its quota; nil or a rate ≤ 0
// is no quota.
func WithQuotaOf(q *fakesvc.Quota) Option {
	return func(s *Server) {
		s.quota = nil
		if q != nil && q.Rate > 0 {
			s.quota = q
		}
	}
}
