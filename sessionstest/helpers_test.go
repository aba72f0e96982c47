package sessionstest_test

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/sessionkit/sessions"
)

const (
	arnA = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	arnB = "arn:aws:ivs:us-west-2:111122223333:stage/GhIjKl789012"
)

var (
	t0           = time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	tokenPattern = regexp.MustCompile(`^[a-zA-Z0-9+/=_-]*$`)
)

// stageSessions returns n sessions of stage arn as the paginator yields
// them; every third one is still active.
func stageSessions(arn string, n int) []sessions.StageSession {
	out := make([]sessions.StageSession, n)
	for i := range out {
		out[i] = sessions.StageSession{StageARN: arn, ID: fmt.Sprintf("st-%013d", i), StartTime: t0.Add(time.Duration(i) * time.Minute)}
		if i%3 != 0 {
			out[i].EndTime = out[i].StartTime.Add(30 * time.Second)
		}
	}
	return out
}

// collect lists everything a paginator fresh from its constructor yields,
// and the error that stopped it, which may be the constructor's.
func collect[T any](p *sessions.Paginator[T], err error) ([]T, error) {
	if err != nil {
		return nil, fmt.Errorf("constructor: %w", err)
	}
	return sessions.Collect(p.All(context.Background()))
}

func pages(n, size int) int { return max(1, (n+size-1)/size) }
