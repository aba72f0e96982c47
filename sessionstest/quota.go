package sessionstest

import "github.com/sessionkit/sessions/internal/fakesvc"

// A Quota is a request rate limit for each region and operation, as IVS
// Real-Time enforces one (5 requests a second per account, region and
// operation): a token bucket of Rate tokens a second holding up to Burst. A
// call that finds no token is throttled, as by the service, and takes none.
// Make one with [NewQuota]; a Quota is safe for concurrent use and may be
// shared by several fakes, as one account's quota is.
type Quota struct {
	q *fakesvc.Quota
}

// DefaultQuotaBurst is the burst of the quota a [Server] enforces unless
// told otherwise: as many requests at once as a second of IVS's rate allows,
// the usual shape of an AWS token bucket.
const DefaultQuotaBurst = fakesvc.QuotaBurst

// NewQuota returns a quota of rate requests a second and the given burst
// (at least 1). A rate of 0 or less is no quota at all: [NoQuota].
func NewQuota(rate float64, burst int) *Quota {
	return &Quota{q: fakesvc.NewQuota(rate, burst)}
}

// NoQuota returns a quota that lets every request through, for a [Server]
// that must answer as fast as it can.
func NoQuota() *Quota { return NewQuota(0, 1) }

// IVSQuota returns IVS Real-Time's quota: 5 requests a second for each
// region and operation, with a burst of [DefaultQuotaBurst].
func IVSQuota() *Quota { return NewQuota(fakesvc.QuotaRate, DefaultQuotaBurst) }

// Throttled returns how many calls the quota has throttled.
func (q *Quota) Throttled() int {
	if q == nil {
		return 0
	}
	_, n := q.q.Counts()
	return int(n)
}

// allow takes a token for a call of op in region, if there is one.
func (q *Quota) allow(region string, op fakesvc.Op) bool {
	return q == nil || q.q.Allow(region, op)
}
