package archive_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/archive"
	"github.com/sessionkit/sessions/sessionstest"
)

var t0 = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

func stageARN(i int) string {
	return fmt.Sprintf("arn:aws:ivs:us-west-2:123456789012:stage/stage%04d", i)
}

// history returns n sessions of arn, most recent first, an hour apart and
// half an hour long; the most recent is active if active is set.
func history(arn string, n int, active bool) []sessions.StageSession {
	ss := make([]sessions.StageSession, n)
	for i := range n {
		start := t0.Add(time.Duration(n-1-i) * time.Hour)
		ss[i] = sessions.StageSession{StageARN: arn, ID: fmt.Sprintf("st-%s%05d", strings.TrimPrefix(arn[len(arn)-4:], ""), n-1-i), StartTime: start, EndTime: start.Add(30 * time.Minute)}
	}
	if active && n > 0 {
		ss[0].EndTime = time.Time{}
	}
	return ss
}

// service returns a fake with stages stages of perStage sessions each,
// most recent first, and an active session on every other stage.
func service(stages, perStage int) *sessionstest.StageService {
	svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{}, Info: map[string]sessionstest.StageInfo{}}
	for i := range stages {
		arn := stageARN(i)
		svc.Stages[arn] = history(arn, perStage, i%2 == 0)
		svc.Info[arn] = sessionstest.StageInfo{Name: fmt.Sprintf("stage %d", i), Tags: map[string]string{"team": []string{"red", "blue"}[i%2]}}
	}
	return svc
}

func factory(svc *sessionstest.StageService) sessions.ClientFactory {
	return func(string) (sessions.RegionTransport, error) { return svc, nil }
}

var account = sessions.AccountQuery{Regions: []string{"us-west-2"}}

func openTemp(t *testing.T) (*archive.Archive, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sessions.db")
	a, err := archive.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a, path
}

// archived returns every session in a, by stage and ID.
func archived(t *testing.T, a *archive.Archive) []sessions.StageSession {
	t.Helper()
	ss, err := sessions.Collect(a.StageSessions(context.Background(), archive.Query{}))
	if err != nil {
		t.Fatal(err)
	}
	sortSessions(ss)
	return ss
}

// want returns every session of svc, by stage and ID.
func want(svc *sessionstest.StageService) []sessions.StageSession {
	var ss []sessions.StageSession
	for arn, list := range svc.Stages {
		for _, s := range list {
			s.StageARN = arn
			ss = append(ss, s)
		}
	}
	sortSessions(ss)
	return ss
}

func sortSessions(ss []sessions.StageSession) {
	slices.SortFunc(ss, func(a, b sessions.StageSession) int {
		return strings.Compare(a.StageARN+" "+a.ID, b.StageARN+" "+b.ID)
	})
}
