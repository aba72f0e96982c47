package fakesvc

import (
	"net/http"
	"sync"
	"time"
)

// QuotaRate is the request rate IVS Real-Time allows each account, region
// and operation: 5 requests a second ("Service Quotas (Real-Time
// Streaming)" in the IVS Real-Time user guide; not adjustable).
const QuotaRate = 5

// QuotaBurst is the burst the fakes allow by default: as many requests at
// once as a second of the rate, the usual shape of an AWS token bucket. A
// client that sends evenly spaced requests under the rate never notices it;
// one that sends a dozen at once is throttled after five.
const QuotaBurst = 5

// A Quota is a token bucket for each region and operation: Rate tokens a
// second, up to Burst; a request takes one, and one that finds none is
// throttled (and takes none). Rate ≤ 0 turns it off. The zero Quota is off.
// It is safe for concurrent use; do not copy it once used.
type Quota struct {
	Rate  float64
	Burst int

	mu                 sync.Mutex
	buckets            map[quotaKey]*tokens
	allowed, throttled int64
}

type quotaKey struct {
	region string
	op     Op
}

type tokens struct {
	n    float64
	last time.Time
}

// NewQuota returns a quota of rate requests a second and the given burst
// (at least 1).
func NewQuota(rate float64, burst int) *Quota {
	return &Quota{Rate: rate, Burst: max(1, burst)}
}

// Allow reports whether a request of op signed for region, arriving now,
// is within the quota, and takes its token if so. A nil Quota allows all.
func (q *Quota) Allow(region string, op Op) bool {
	if q == nil || q.Rate <= 0 {
		return true
	}
	now := time.Now()
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.buckets == nil {
		q.buckets = map[quotaKey]*tokens{}
	}
	burst := float64(max(1, q.Burst))
	k := quotaKey{region, op}
	b, ok := q.buckets[k]
	if !ok {
		b = &tokens{n: burst, last: now}
		q.buckets[k] = b
	}
	b.n = min(burst, b.n+now.Sub(b.last).Seconds()*q.Rate)
	b.last = now
	if b.n < 1 {
		q.throttled++
		return false
	}
	b.n--
	q.allowed++
	return true
}

// Counts returns how many requests the quota let through and throttled.
func (q *Quota) Counts() (allowed, throttled int64) {
	if q == nil {
		return 0, 0
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.allowed, q.throttled
}

// OverQuota is what AWS answers a request over an API rate quota: HTTP 429
// with X-Amzn-ErrorType ThrottlingException and the body
// {"message":"Rate exceeded"}, in every service's protocol alike.
func OverQuota() *Error {
	return &Error{Status: http.StatusTooManyRequests, Code: "ThrottlingException", Message: "Rate exceeded"}
}
