package sessions

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions/internal/stagearn"
)

// StageSession is one session of an IVS Real-Time stage.
type StageSession struct {
	StageARN  string    // the stage the session belongs to
	ID        string    // the session ID, "st-" and 13 more characters
	StartTime time.Time // when the session started
	EndTime   time.Time // when it ended; zero while it is active
}

// Active reports whether the session is still running (it has no end time).
func (s StageSession) Active() bool { return s.EndTime.IsZero() }

// Status returns [StageActive] or [StageEnded].
func (s StageSession) Status() StageStatus {
	if s.Active() {
		return StageActive
	}
	return StageEnded
}

// Duration returns how long the session ran, or has run by now if it is
// still active.
func (s StageSession) Duration(now time.Time) time.Duration {
	if s.Active() {
		return now.Sub(s.StartTime)
	}
	return s.EndTime.Sub(s.StartTime)
}

// StageQuery selects the sessions of one stage. Only StageARN is required;
// the zero value of every other field matches every session.
type StageQuery struct {
	// StageARN is the stage to list, e.g.
	// "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456".
	StageARN string
	// Status keeps only active or only ended sessions.
	Status StageStatus
	// StartedAfter and StartedBefore keep sessions that started strictly
	// after / before these times.
	StartedAfter, StartedBefore time.Time
	// Where, if set, keeps only the sessions for which it returns true. It
	// runs on the goroutine that ranges over the paginator, or on Merge's
	// goroutines, possibly at the same time for several paginators.
	Where func(StageSession) bool
}

var stageARNPattern = stagearn.Pattern

// StageSessions returns a paginator over the sessions of the stage q names,
// read through t (an *ivsrealtime.Client, or a fake). It checks q and opts
// and returns an [*InputError] for bad input; no request is sent until the
// paginator is ranged over. IVS filters nothing on the service side, so
// every field of q but StageARN is applied as each page arrives.
func StageSessions(t StageTransport, q StageQuery, opts ...Option) (*Paginator[StageSession], error) {
	if isNil(t) {
		return nil, &InputError{Field: "transport", Value: "<nil>", Reason: "must be a StageTransport such as *ivsrealtime.Client"}
	}
	if err := q.check(); err != nil {
		return nil, err
	}
	arn := q.StageARN
	var pc pacing // set once the options are checked
	fetch := func(ctx context.Context, token string, pageSize int, buf []StageSession) ([]StageSession, string, error) {
		// A fresh input for every request, so that a fake that records
		// inputs sees each as it was sent; the token and page size share
		// its allocation.
		r := &struct {
			in    ivsrealtime.ListStageSessionsInput
			token string
			size  int32
		}{token: token, size: int32(pageSize)}
		r.in.StageArn = &arn
		if pageSize > 0 {
			r.in.MaxResults = &r.size
		}
		if token != "" {
			r.in.NextToken = &r.token
		}
		out, err := call(ctx, &pc, func(ctx context.Context) (*ivsrealtime.ListStageSessionsOutput, error) {
			return t.ListStageSessions(ctx, &r.in, pc.ivs...)
		})
		if err != nil {
			return buf, "", err
		}
		if out == nil {
			return buf, "", errNoOutput
		}
		n := len(buf)
		buf = slices.Grow(buf, len(out.StageSessions))[:n+len(out.StageSessions)]
		for i := range out.StageSessions {
			s, d := &out.StageSessions[i], &buf[n+i]
			d.StageARN, d.ID = arn, deref(s.SessionId)
			d.StartTime, d.EndTime = derefTime(s.StartTime), derefTime(s.EndTime)
		}
		return buf, deref(out.NextToken), nil
	}
	p, err := newPaginator(operation[StageSession]{
		bind: binding{op: opStage, parent: arn}, pageSized: true, fetch: fetch,
		keep: q.matcher(), id: func(s *StageSession) string { return s.ID }, checkToken: ivsToken,
	}, opts)
	if err != nil {
		return nil, err
	}
	pc = ivsPacing(t, p.set.pace, stagearn.Region(arn), "ListStageSessions")
	return p, nil
}

var errNoOutput = errors.New("the transport returned neither output nor error")

func (q *StageQuery) check() error {
	switch {
	case q.StageARN == "" || len(q.StageARN) > stagearn.MaxLen:
		return &InputError{Field: "StageQuery.StageARN", Value: q.StageARN, Reason: "must be 1 to 128 characters"}
	case !stageARNPattern.MatchString(q.StageARN):
		return &InputError{Field: "StageQuery.StageARN", Value: q.StageARN, Reason: "must match " + stageARNPattern.String()}
	case !q.Status.IsKnown():
		return &InputError{Field: "StageQuery.Status", Value: string(q.Status), Reason: "must be ACTIVE, ENDED or empty (any)"}
	case !q.StartedAfter.IsZero() && !q.StartedBefore.IsZero() && !q.StartedAfter.Before(q.StartedBefore):
		return &InputError{Field: "StageQuery.StartedBefore", Value: q.StartedBefore.Format(time.RFC3339Nano), Reason: "must be later than StartedAfter (" + q.StartedAfter.Format(time.RFC3339Nano) + ")"}
	}
	return nil
}

// ivsToken checks a service token against the documented form, so a
// mistyped or edited token fails before any request. It returns "" for a
// valid token, else what a token must be. Inside a cursor (inCursor), a
// token of any length passes: the service handed it out, and a paginator
// follows such a token as the SDK's paginator does, so its cursor must
// resume too; only its characters are checked, against an edited cursor.
func ivsToken(tok string, inCursor bool) string {
	const form = "an IVS token (at most 1024 characters of a-z A-Z 0-9 + / = _ -)"
	if len(tok) > 1024 && !inCursor {
		return form
	}
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '=' || c == '_' || c == '-') {
			return form
		}
	}
	return ""
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
