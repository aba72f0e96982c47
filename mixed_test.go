package sessions_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
)

// TestMixedConsumersResumeExactly lists a filtered stage in random steps,
// each taking a random number of items with All, Pages or Merge, with or
// without Prefetch and MaxItems, and after each step either ranges the same
// paginator again or resumes a new one from the cursor read last in the
// loop body. The pieces must add up to the listing, exactly once, in order.
func TestMixedConsumersResumeExactly(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	ctx := context.Background()
	for round := range 150 {
		n, size := rng.IntN(120), 1+rng.IntN(20)
		f := stageSvc(testARN, stageData(testARN, n))
		q := sessions.StageQuery{StageARN: testARN, Where: func(s sessions.StageSession) bool { return s.ID[len(s.ID)-1]%3 != 0 }}
		var want []sessions.StageSession
		for _, s := range f.Stages[testARN] {
			if q.Where(s) {
				want = append(want, s)
			}
		}
		opts := func(cursor string) []sessions.Option {
			o := []sessions.Option{sessions.PageSize(size), sessions.Prefetch(rng.IntN(3))}
			if cursor != "" {
				o = append(o, sessions.StartingToken(cursor))
			}
			return o
		}
		p := mustStage(t, f, q, opts("")...)
		var got []sessions.StageSession
		var log []string
		for steps := 0; len(got) < len(want); steps++ {
			if steps > 4*len(want)+4 {
				t.Fatalf("round %d: no progress; %v", round, log)
			}
			k := 1 + rng.IntN(2*size)
			cursor := p.Cursor()
			taken := 0
			switch how := rng.IntN(3); how {
			case 0:
				log = append(log, fmt.Sprintf("All %d", k))
				for s, err := range p.All(ctx) {
					if err != nil {
						t.Fatal(err)
					}
					got, cursor = append(got, s), p.Cursor()
					if taken++; taken == k {
						break
					}
				}
			case 1:
				log = append(log, fmt.Sprintf("Pages %d", k))
				for pg, err := range p.Pages(ctx) {
					if err != nil {
						t.Fatal(err)
					}
					got, cursor = append(got, pg.Items...), p.Cursor()
					if taken += len(pg.Items); taken >= k {
						break
					}
				}
			default:
				log = append(log, fmt.Sprintf("Merge %d", k))
				for s, err := range sessions.Merge(ctx, 1, p) {
					if err != nil {
						t.Fatal(err)
					}
					got, cursor = append(got, s), p.Cursor()
					if taken++; taken == k {
						break
					}
				}
			}
			if rng.IntN(2) == 0 {
				if cursor == "" {
					break
				}
				log = append(log, "resume")
				p = mustStage(t, f, q, opts(cursor)...)
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("round %d (n %d, size %d, %v): (-want +got):\n%s", round, n, size, log, diff)
		}
	}
}
