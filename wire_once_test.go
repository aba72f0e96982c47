package sessions_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// wireOnceSeed fixes the exactly-once property test's random choices; each
// round reseeds from it and its number, so a failing round can be rerun
// alone by its number.
const wireOnceSeed = 20240501

// TestWireExactlyOnce checks the central promise through the real SDK
// clients: however a listing is broken up — breaking out of All or Pages at
// random points, ranging again, moving to a new paginator from Cursor (with
// another Prefetch, or a MaxItems cap), and page requests failing on the
// way — the pieces add up to exactly the full listing, in order.
func TestWireExactlyOnce(t *testing.T) {
	budget := 3 * time.Second
	if testing.Short() {
		budget = time.Second
	}
	const maxRounds = 1000
	start := time.Now()
	rounds := 0
	for ; rounds < maxRounds && time.Since(start) < budget; rounds++ {
		if !wireOnceRound(t, rounds) {
			break
		}
	}
	t.Logf("%d rounds in %v", rounds, time.Since(start).Round(time.Millisecond))
}

// wireOnceRound runs one round and reports whether it passed.
func wireOnceRound(t *testing.T, round int) bool {
	rng := rand.New(rand.NewPCG(wireOnceSeed, uint64(round)))
	var log []string // what the round did, for the failure message
	logf := func(format string, args ...any) { log = append(log, fmt.Sprintf(format, args...)) }

	n := rng.IntN(250)
	if rng.IntN(8) == 0 {
		n = 0
	}
	pageSize := 1 + rng.IntN(60)
	pageSize = max(pageSize, n/30) // keep a round to a few dozen requests
	srv := fakeaws.New(fakeaws.WithStudioPageSize(pageSize))
	defer srv.Close()

	// mk returns a paginator from cursor and the keys it must deliver.
	var mk func(cursor string, opts ...sessions.Option) (wireLister, error)
	var want []string
	var op fakeaws.Op
	if rng.IntN(2) == 0 {
		op = fakeaws.OpListStageSessions
		data := fakeaws.GenStageSessions(n, rng.Uint64())
		srv.AddStage(wireARN, data)
		q := wireRandomStageQuery(rng, data)
		for _, s := range wireStageWant(wireARN, data, q) {
			want = append(want, wireStageKey(s))
		}
		client := srv.StageClient()
		mk = func(cursor string, opts ...sessions.Option) (wireLister, error) {
			p, err := sessions.StageSessions(client, q, append(opts, sessions.PageSize(pageSize), sessions.StartingToken(cursor))...)
			return wirePaginator[sessions.StageSession]{p, wireStageKey}, err
		}
		logf("stage: %d sessions, page size %d, status %q, after %v, before %v, where %v", n, pageSize, q.Status, !q.StartedAfter.IsZero(), !q.StartedBefore.IsZero(), q.Where != nil)
	} else {
		op = fakeaws.OpListStreamingSessions
		data := fakeaws.GenStreamingSessions(n, rng.Uint64())
		srv.AddStudio(wireStudio, data)
		q := wireRandomStudioQuery(rng, data)
		for _, s := range wireStudioWant(wireStudio, data, q) {
			want = append(want, wireStudioKey(s))
		}
		client := srv.StudioClient()
		mk = func(cursor string, opts ...sessions.Option) (wireLister, error) {
			p, err := sessions.StreamingSessions(client, q, append(opts, sessions.StartingToken(cursor))...)
			return wirePaginator[sessions.StreamingSession]{p, wireStudioKey}, err
		}
		logf("studio: %d sessions, page size %d, created by %q, owned by %q, %d session IDs, states %v, where %v", n, pageSize, q.CreatedBy, q.OwnedBy, len(q.SessionIDs), q.States, q.Where != nil)
	}

	// Faults that end a range with an error or that the retryer absorbs;
	// token loops are left out, since they end a listing for good.
	pages := max(1, wireCeil(n, pageSize))
	for range rng.IntN(3) {
		f := fakeaws.Fault{Op: op, Request: 1 + rng.IntN(pages+1)}
		switch rng.IntN(6) {
		case 0:
			f.Kind = fakeaws.FaultValidation
		case 1:
			f.Kind = fakeaws.FaultMalformedJSON
		case 2:
			f.Kind, f.Times = fakeaws.FaultThrottle, 1+rng.IntN(3) // 3 is past the retry budget
		case 3:
			f.Kind, f.Times = fakeaws.FaultEmptyPage, 1+rng.IntN(3)
		case 4:
			f.Kind = fakeaws.FaultHangUp
		case 5:
			f.Kind = fakeaws.FaultInternal
		}
		srv.Inject(f)
		logf("fault %v at request %d, %d times", f.Kind, f.Request, max(f.Times, 1))
	}

	fail := func(format string, args ...any) bool {
		t.Errorf("round %d (seed %d): %s\n%s", round, wireOnceSeed, fmt.Sprintf(format, args...), strings.Join(log, "\n"))
		return false
	}
	ctx := context.Background()
	p, err := mk("", sessions.Prefetch(rng.IntN(3)))
	if err != nil {
		return fail("paginator: %v", err)
	}
	var got []string
	for step := 0; ; step++ {
		if step == 200 {
			return fail("no end after %d steps", step)
		}
		var part []string
		switch rng.IntN(4) {
		case 0, 1: // range All and break
			k := 1 + rng.IntN(2*pageSize+1)
			part, err = p.take(ctx, k)
			logf("All, break after %d: %d items, err %v", k, len(part), err)
		case 2: // range Pages and break
			k := 1 + rng.IntN(3)
			part, err = p.pages(ctx, k)
			logf("Pages, break after %d: %d items, err %v", k, len(part), err)
		case 3: // a new paginator from the cursor
			c := p.cursor()
			if c == "" {
				break
			}
			opts := []sessions.Option{sessions.Prefetch(rng.IntN(3))}
			if rng.IntN(2) == 0 {
				opts = append(opts, sessions.MaxItems(1+rng.IntN(2*pageSize+1)))
			}
			p, err = mk(c, opts...)
			if err != nil {
				return fail("paginator from Cursor: %v", err)
			}
			logf("new paginator from Cursor, %d options", len(opts))
		}
		got = append(got, part...)
		if err == nil && p.cursor() == "" {
			break
		}
	}
	if diff := cmp.Diff(want, got, wireOpts); diff != "" {
		return fail("listing (-want +got):\n%s", diff)
	}
	return true
}

// wireRandomStageQuery returns a query for wireARN with random filters.
func wireRandomStageQuery(rng *rand.Rand, data fakeaws.Dataset[fakeaws.StageSession]) sessions.StageQuery {
	q := sessions.StageQuery{StageARN: wireARN}
	q.Status = []sessions.StageStatus{sessions.AnyStatus, sessions.AnyStatus, sessions.StageActive, sessions.StageEnded}[rng.IntN(4)]
	if n := data.Len(); n > 0 && rng.IntN(3) == 0 {
		q.StartedAfter = data.At(rng.IntN(n)).StartTime
	}
	if n := data.Len(); n > 0 && rng.IntN(3) == 0 {
		q.StartedBefore = data.At(rng.IntN(n)).StartTime.Add(time.Second)
		if !q.StartedAfter.IsZero() && !q.StartedAfter.Before(q.StartedBefore) {
			q.StartedBefore = time.Time{}
		}
	}
	if rng.IntN(3) == 0 {
		c := byte('a' + rng.IntN(26))
		q.Where = func(s sessions.StageSession) bool { return s.ID[len(s.ID)-1] < c }
	}
	return q
}

// wireRandomStudioQuery returns a query for wireStudio with random filters,
// some of which the library sends to the service.
func wireRandomStudioQuery(rng *rand.Rand, data fakeaws.Dataset[fakeaws.StreamingSession]) sessions.StudioQuery {
	q := sessions.StudioQuery{StudioID: wireStudio}
	users := fakeaws.GenUsers
	if rng.IntN(3) == 0 {
		q.CreatedBy = users[rng.IntN(len(users))]
	}
	if rng.IntN(4) == 0 {
		q.OwnedBy = users[rng.IntN(len(users))]
	}
	if n := data.Len(); n > 0 && rng.IntN(4) == 0 {
		for _, i := range rng.Perm(n)[:1+rng.IntN(min(n, 12))] {
			q.SessionIDs = append(q.SessionIDs, data.At(i).ID)
		}
	}
	if rng.IntN(3) == 0 {
		known := sessions.States()
		for _, i := range rng.Perm(len(known))[:1+rng.IntN(len(known))] {
			q.States = append(q.States, known[i])
		}
	}
	if rng.IntN(4) == 0 {
		q.Where = func(s sessions.StreamingSession) bool { return s.MaxBackupsToRetain%2 == 0 }
	}
	return q
}
