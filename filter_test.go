package sessions_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

// IVS is reported to list a stage's sessions most recent first, but AWS
// does not document an order, so nothing may rely on it: every filter, the
// item cap, resuming from a cursor and Merge give the same sessions
// whatever order the service lists them in.
func TestListingDoesNotDependOnOrder(t *testing.T) {
	oldest, orders, queries := orderFixtures()
	ctx := context.Background()
	for name, q := range queries {
		var want []sessions.StageSession
		for arn, ss := range oldest {
			for _, s := range ss {
				s.StageARN = arn
				if q.Match(s) {
					want = append(want, s)
				}
			}
		}
		for orderName, order := range orders {
			t.Run(name+"/"+orderName, func(t *testing.T) {
				svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arnA: order(oldest[arnA]), arnB: order(oldest[arnB])}}
				build := func(arn string, opts ...sessions.Option) *sessions.Paginator[sessions.StageSession] {
					qq := q
					qq.StageARN = arn
					p, err := sessions.StageSessions(svc, qq, append([]sessions.Option{sessions.PageSize(4)}, opts...)...)
					if err != nil {
						t.Fatal(err)
					}
					return p
				}
				got, err := sessions.Collect(sessions.Merge(ctx, 2, build(arnA), build(arnB)))
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(sorted(want), sorted(got)); diff != "" {
					t.Errorf("Merge mismatch (-want +got):\n%s", diff)
				}
				// Stop after 5 items, then resume from the cursor in a
				// new paginator: every session once.
				var parts []sessions.StageSession
				for _, arn := range []string{arnA, arnB} {
					p := build(arn, sessions.MaxItems(5))
					first, err := sessions.Collect(p.All(ctx))
					if err != nil {
						t.Fatal(err)
					}
					parts = append(parts, first...)
					if c := p.Cursor(); c != "" {
						rest, err := sessions.Collect(build(arn, sessions.StartingToken(c)).All(ctx))
						if err != nil {
							t.Fatal(err)
						}
						parts = append(parts, rest...)
					}
				}
				if diff := cmp.Diff(sorted(want), sorted(parts)); diff != "" {
					t.Errorf("MaxItems and resume mismatch (-want +got):\n%s", diff)
				}
			})
		}
	}
}

const arnA, arnB = "arn:aws:ivs:us-west-2:111122223333:stage/OrderA", "arn:aws:ivs:us-west-2:111122223333:stage/OrderB"

// orderFixtures returns two stages' sessions oldest first (the last of
// each active), ways to reorder them, and queries that use every filter.
func orderFixtures() (map[string][]sessions.StageSession, map[string]func([]sessions.StageSession) []sessions.StageSession, map[string]sessions.StageQuery) {
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	history := func(n int) []sessions.StageSession {
		var out []sessions.StageSession
		for i := range n {
			s := sessions.StageSession{ID: fmt.Sprintf("st-%013d", i), StartTime: base.Add(time.Duration(i) * time.Hour)}
			if i < n-1 {
				s.EndTime = s.StartTime.Add(30 * time.Minute)
			}
			out = append(out, s)
		}
		return out
	}
	oldest := map[string][]sessions.StageSession{arnA: history(37), arnB: history(23)}
	orders := map[string]func([]sessions.StageSession) []sessions.StageSession{
		"oldest first": slices.Clone[[]sessions.StageSession],
		"newest first": func(s []sessions.StageSession) []sessions.StageSession {
			s = slices.Clone(s)
			slices.Reverse(s)
			return s
		},
		"shuffled": func(s []sessions.StageSession) []sessions.StageSession {
			s = slices.Clone(s)
			rand.New(rand.NewPCG(1, 2)).Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
			return s
		},
	}
	queries := map[string]sessions.StageQuery{
		"all":            {},
		"active":         {Status: sessions.StageActive},
		"ended":          {Status: sessions.StageEnded},
		"started after":  {StartedAfter: base.Add(20 * time.Hour)},
		"started before": {StartedBefore: base.Add(5 * time.Hour)},
		"a window":       {StartedAfter: base.Add(3 * time.Hour), StartedBefore: base.Add(30 * time.Hour), Status: sessions.StageEnded},
	}
	return oldest, orders, queries
}

// sorted lists the sessions' stages and IDs in a fixed order, so that
// listings compare as sets.
func sorted(ss []sessions.StageSession) []string {
	ids := make([]string, len(ss))
	for i, s := range ss {
		ids[i] = s.StageARN + " " + s.ID
	}
	slices.Sort(ids)
	return ids
}
