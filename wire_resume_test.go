package sessions_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// wireResume lists want in several goes: it breaks out after a random number
// of items, then continues with the same paginator (reuse) or with a new one
// built by mk from the old one's Cursor, and checks that the pieces add up
// to want exactly.
func wireResume[T any](t *testing.T, rng *rand.Rand, want []T, eq func(a, b T) bool, reuse bool, breaks int, mk func(cursor string) *sessions.Paginator[T]) {
	t.Helper()
	ctx := context.Background()
	p := mk("")
	var got []T
	for range breaks {
		k := 1 + rng.IntN(2*len(want)/breaks+1)
		part, err := wireTake(ctx, p, k)
		if err != nil {
			t.Fatalf("after %d items: %v", len(got), err)
		}
		got = append(got, part...)
		c := p.Cursor()
		if c == "" {
			break // the listing ended; StartingToken("") would start it again
		}
		if !reuse {
			p = mk(c)
		}
	}
	rest, err := wireTake(ctx, p, -1)
	if err != nil {
		t.Fatalf("after %d items: %v", len(got), err)
	}
	got = append(got, rest...)
	if diff := wireDiff(want, got, eq); diff != "" {
		t.Errorf("items over %d breaks (-want +got):\n%s", breaks, diff)
	}
	if c := p.Cursor(); c != "" {
		t.Errorf("Cursor() at the end = %q, want \"\"", c)
	}
}

func TestWireResumeAtRandomPoints(t *testing.T) {
	stageData := fakeaws.GenStageSessions(3_000, 3)
	studioData := fakeaws.GenStreamingSessions(1_000, 5)
	srv := wireServer(t, fakeaws.WithStage(wireARN, stageData), fakeaws.WithStudio(wireStudio, studioData), fakeaws.WithStudioPageSize(40))
	ivs, nim := srv.StageClient(), srv.StudioClient()
	stageQueries := map[string]sessions.StageQuery{
		"no filter": {StageARN: wireARN},
		"ended":     {StageARN: wireARN, Status: sessions.StageEnded},
	}
	studioQueries := map[string]sessions.StudioQuery{
		"no filter":            {StudioID: wireStudio},
		"created by and state": {StudioID: wireStudio, CreatedBy: fakeaws.GenUsers[2], States: []sessions.State{sessions.StateReady, sessions.StateStopped, sessions.StateDeleted}},
	}
	for _, reuse := range []bool{true, false} {
		how := map[bool]string{true: "same paginator", false: "new paginator from Cursor"}[reuse]
		for _, prefetch := range []int{0, 2} {
			for name, q := range stageQueries {
				t.Run(fmt.Sprintf("stage/%s/%s/prefetch%d", name, how, prefetch), func(t *testing.T) {
					rng := rand.New(rand.NewPCG(1, uint64(prefetch)))
					want := wireStageWant(wireARN, stageData, q)
					wireResume(t, rng, want, wireStageEq, reuse, 6, func(c string) *sessions.Paginator[sessions.StageSession] {
						return mustStage(t, ivs, q, sessions.PageSize(100), sessions.Prefetch(prefetch), sessions.StartingToken(c))
					})
				})
			}
			for name, q := range studioQueries {
				t.Run(fmt.Sprintf("studio/%s/%s/prefetch%d", name, how, prefetch), func(t *testing.T) {
					rng := rand.New(rand.NewPCG(2, uint64(prefetch)))
					want := wireStudioWant(wireStudio, studioData, q)
					wireResume(t, rng, want, wireStudioEq, reuse, 6, func(c string) *sessions.Paginator[sessions.StreamingSession] {
						return wireMustStudio(t, nim, q, sessions.Prefetch(prefetch), sessions.StartingToken(c))
					})
				})
			}
		}
	}
}
