package sessions_test

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// These tests run the library through the real SDK clients (signing,
// retries, restJson1 deserialization) against internal/fakeaws, and compute
// what each listing must return from fakeaws's datasets and the queries' own
// Match methods.

const (
	wireARN    = "arn:aws:ivs:us-west-2:111122223333:stage/WireStage"
	wireStudio = "studio-wire"
)

// wireStageARN names the i-th stage of a multi-stage test.
func wireStageARN(i int) string { return fmt.Sprintf("%s%d", wireARN, i) }

// wireServer starts a fakeaws server that is closed when the test ends.
func wireServer(t testing.TB, opts ...fakeaws.Option) *fakeaws.Server {
	t.Helper()
	srv := fakeaws.New(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// wireStageItem is s as the library must deliver it for the stage arn.
func wireStageItem(arn string, s fakeaws.StageSession) sessions.StageSession {
	return sessions.StageSession{StageARN: arn, ID: s.SessionID, StartTime: s.StartTime, EndTime: s.EndTime}
}

// wireStudioItem is s as the library must deliver it for the studio id:
// the server holds the library's own type and ignores its StudioID.
func wireStudioItem(id string, s fakeaws.StreamingSession) sessions.StreamingSession {
	s.StudioID = id
	return s
}

// wireStageWant is what listing arn with q must deliver, in order.
func wireStageWant(arn string, d fakeaws.Dataset[fakeaws.StageSession], q sessions.StageQuery) []sessions.StageSession {
	var out []sessions.StageSession
	for _, s := range d.All() {
		if v := wireStageItem(arn, s); q.Match(v) {
			out = append(out, v)
		}
	}
	return out
}

// wireStudioWant is what listing the studio id with q must deliver, in order.
func wireStudioWant(id string, d fakeaws.Dataset[fakeaws.StreamingSession], q sessions.StudioQuery) []sessions.StreamingSession {
	var out []sessions.StreamingSession
	for _, s := range d.All() {
		if v := wireStudioItem(id, s); q.Match(v) {
			out = append(out, v)
		}
	}
	return out
}

// wireOpts compares listings: times by instant (the SDK decodes offsets into
// other locations), and a nil slice equal to an empty one.
var wireOpts = cmp.Options{cmpopts.EquateEmpty()}

// wireDiff returns cmp.Diff(want, got) with wireOpts, or "" if they match.
// cmp's reflection under the race detector costs more than listing ten
// thousand sessions through the SDK, so when eq is given, cmp checks only a
// prefix (every field, as a guard against eq missing one) and eq the rest.
func wireDiff[T any](want, got []T, eq func(a, b T) bool) string {
	if eq == nil || len(want) != len(got) {
		return cmp.Diff(want, got, wireOpts)
	}
	const sample = 50
	if diff := cmp.Diff(want[:min(sample, len(want))], got[:min(sample, len(got))], wireOpts); diff != "" {
		return diff
	}
	for i := range want {
		if !eq(want[i], got[i]) {
			return cmp.Diff(want, got, wireOpts)
		}
	}
	return ""
}

// wireStageEq reports whether a and b are the same session; times are
// compared as instants, as cmp does through time.Time.Equal.
func wireStageEq(a, b sessions.StageSession) bool {
	return a.StageARN == b.StageARN && a.ID == b.ID && a.StartTime.Equal(b.StartTime) && a.EndTime.Equal(b.EndTime)
}

// wireStudioEq reports whether a and b hold the same values, times compared
// as instants.
func wireStudioEq(a, b sessions.StreamingSession) bool {
	return a.StudioID == b.StudioID && a.ARN == b.ARN && a.ID == b.ID &&
		a.LaunchProfileID == b.LaunchProfileID && a.StreamingImageID == b.StreamingImageID &&
		a.EC2InstanceType == b.EC2InstanceType && a.StartedFromBackupID == b.StartedFromBackupID &&
		a.CreatedBy == b.CreatedBy && a.OwnedBy == b.OwnedBy && a.StartedBy == b.StartedBy &&
		a.StoppedBy == b.StoppedBy && a.UpdatedBy == b.UpdatedBy &&
		a.CreatedAt.Equal(b.CreatedAt) && a.StartedAt.Equal(b.StartedAt) && a.StopAt.Equal(b.StopAt) &&
		a.StoppedAt.Equal(b.StoppedAt) && a.TerminateAt.Equal(b.TerminateAt) && a.UpdatedAt.Equal(b.UpdatedAt) &&
		a.State == b.State && a.StatusCode == b.StatusCode && a.StatusMessage == b.StatusMessage &&
		a.AutomaticTerminationMode == b.AutomaticTerminationMode && a.BackupMode == b.BackupMode &&
		a.PersistenceMode == b.PersistenceMode && a.VolumeRetentionMode == b.VolumeRetentionMode &&
		a.MaxBackupsToRetain == b.MaxBackupsToRetain && maps.Equal(a.Tags, b.Tags) &&
		a.VolumeConfiguration == b.VolumeConfiguration
}

// wireTake ranges over p.All and breaks after n items (n < 0: never). It
// returns the items received and the error yielded, if any.
func wireTake[T any](ctx context.Context, p *sessions.Paginator[T], n int) ([]T, error) {
	var out []T
	if n == 0 {
		return nil, nil
	}
	for v, err := range p.All(ctx) {
		if err != nil {
			return out, err
		}
		out = append(out, v)
		if len(out) == n {
			break
		}
	}
	return out, nil
}

func wireMustStudio(t testing.TB, tr sessions.StudioTransport, q sessions.StudioQuery, opts ...sessions.Option) *sessions.Paginator[sessions.StreamingSession] {
	t.Helper()
	p, err := sessions.StreamingSessions(tr, q, opts...)
	if err != nil {
		t.Fatalf("StreamingSessions: %v", err)
	}
	return p
}

func wireCeil(a, b int) int { return (a + b - 1) / b }

func TestWireStageListing(t *testing.T) {
	const n = 10_000
	data := fakeaws.GenStageSessions(n, 7)
	srv := wireServer(t, fakeaws.WithStage(wireARN, data))
	client := srv.StageClient()
	mid := data.At(n / 2).StartTime
	hasDigit7 := func(s sessions.StageSession) bool { return strings.ContainsRune(s.ID, '7') }

	// Each listing of the 10,000 sessions takes about half a second under
	// the race detector, so most cases run with one Prefetch setting.
	both, direct, ahead := []int{0, 2}, []int{0}, []int{2}
	for _, tc := range []struct {
		name     string
		q        sessions.StageQuery
		pageSize int // 0: the library's default, IVS's largest page (100)
		maxItems int // 0: none
		requests int // 0: not checked
		prefetch []int
	}{
		{name: "all", pageSize: 100, requests: 100, prefetch: both},
		{name: "all, default page size", requests: 100, prefetch: direct},
		{name: "active", q: sessions.StageQuery{Status: sessions.StageActive}, pageSize: 100, requests: 100, prefetch: direct},
		{name: "ended", q: sessions.StageQuery{Status: sessions.StageEnded}, pageSize: 100, requests: 100, prefetch: ahead},
		{name: "started after", q: sessions.StageQuery{StartedAfter: mid}, pageSize: 100, requests: 100, prefetch: ahead},
		{name: "started before", q: sessions.StageQuery{StartedBefore: mid}, pageSize: 100, requests: 100, prefetch: direct},
		{name: "window and where", q: sessions.StageQuery{StartedAfter: data.At(1234).StartTime, StartedBefore: data.At(8765).StartTime, Where: hasDigit7}, pageSize: 100, requests: 100, prefetch: both},
		{name: "max items", pageSize: 100, maxItems: 4321, requests: 44, prefetch: both},
		{name: "max items on a page boundary", pageSize: 100, maxItems: 4300, requests: 43, prefetch: both},
		{name: "max items with filter", q: sessions.StageQuery{Status: sessions.StageActive}, pageSize: 100, maxItems: 777, prefetch: both},
	} {
		for _, prefetch := range tc.prefetch {
			t.Run(fmt.Sprintf("%s/prefetch%d", tc.name, prefetch), func(t *testing.T) {
				q := tc.q
				q.StageARN = wireARN
				want := wireStageWant(wireARN, data, q)
				opts := []sessions.Option{sessions.Prefetch(prefetch)}
				if tc.pageSize != 0 {
					opts = append(opts, sessions.PageSize(tc.pageSize))
				}
				if tc.maxItems != 0 {
					opts = append(opts, sessions.MaxItems(tc.maxItems))
					want = want[:min(len(want), tc.maxItems)]
				}
				srv.ResetStats()
				p := mustStage(t, client, q, opts...)
				got, err := sessions.Collect(p.All(context.Background()))
				if err != nil {
					t.Fatalf("All: %v", err)
				}
				if diff := wireDiff(want, got, wireStageEq); diff != "" {
					t.Errorf("All() mismatch (-want +got):\n%s", diff)
				}
				// Prefetch reads ahead only within the listing and, under
				// MaxItems, only while the pages in hand cannot fill the cap.
				if r := srv.Requests(fakeaws.OpListStageSessions); tc.requests != 0 && r != int64(tc.requests) {
					t.Errorf("requests = %d, want %d", r, tc.requests)
				}
			})
		}
	}
}

func TestWireStudioListing(t *testing.T) {
	const n = 1_000
	data := fakeaws.GenStreamingSessions(n, 11)
	id := func(i int) string { return data.At(i).ID }
	alice, bob := fakeaws.GenUsers[0], fakeaws.GenUsers[1]
	pages := wireCeil(n, fakeaws.DefaultStudioPageSize)

	for _, tc := range []struct {
		name     string
		q        sessions.StudioQuery
		maxItems int
		// sent is the sessionIds parameter the library must push down.
		sent     *string
		requests int // without prefetch; 0: not checked
	}{
		{name: "all", requests: pages},
		{name: "created by", q: sessions.StudioQuery{CreatedBy: alice}},
		{name: "owned by", q: sessions.StudioQuery{OwnedBy: bob}},
		{name: "created by and owned by", q: sessions.StudioQuery{CreatedBy: alice, OwnedBy: bob}},
		{name: "one session ID", q: sessions.StudioQuery{SessionIDs: []string{id(567)}}, sent: aws.String(id(567)), requests: 1},
		{name: "several session IDs", q: sessions.StudioQuery{SessionIDs: []string{id(999), id(3), id(500), id(501)}}, requests: pages},
		{name: "unknown session ID", q: sessions.StudioQuery{SessionIDs: []string{"session-nope"}}, sent: aws.String("session-nope"), requests: 1},
		{name: "states", q: sessions.StudioQuery{States: []sessions.State{sessions.StateReady, sessions.StateStopped, sessions.StateCreateFailed}}, requests: pages},
		{name: "states, owner and where", q: sessions.StudioQuery{OwnedBy: alice, States: []sessions.State{sessions.StateReady, sessions.StateStopped}, Where: func(s sessions.StreamingSession) bool { return s.Tags["project"] == "aurora" }}},
		{name: "max items", maxItems: 250, requests: 3},
		{name: "max items with filters", q: sessions.StudioQuery{CreatedBy: bob, States: []sessions.State{sessions.StateReady}}, maxItems: 5},
	} {
		for _, prefetch := range []int{0, 2} {
			t.Run(fmt.Sprintf("%s/prefetch%d", tc.name, prefetch), func(t *testing.T) {
				q := tc.q
				q.StudioID = wireStudio
				want := wireStudioWant(wireStudio, data, q)
				opts := []sessions.Option{sessions.Prefetch(prefetch)}
				if tc.maxItems != 0 {
					opts = append(opts, sessions.MaxItems(tc.maxItems))
					want = want[:min(len(want), tc.maxItems)]
				}
				if len(want) == 0 && tc.name != "unknown session ID" {
					t.Fatalf("the query matches nothing in the data set; pick another")
				}
				// A server per case: fakeaws records a request in its log
				// only after writing the response, so an entry may land
				// after the client has moved on, even into the next case.
				srv := wireServer(t, fakeaws.WithStudio(wireStudio, data), fakeaws.WithRequestLog(1000))
				p := wireMustStudio(t, srv.StudioClient(), q, opts...)
				got, err := sessions.Collect(p.All(context.Background()))
				if err != nil {
					t.Fatalf("All: %v", err)
				}
				if diff := wireDiff(want, got, wireStudioEq); diff != "" {
					t.Errorf("All() mismatch (-want +got):\n%s", diff)
				}
				if r := srv.Requests(fakeaws.OpListStreamingSessions); tc.requests != 0 && r != int64(tc.requests) {
					t.Errorf("requests = %d, want %d", r, tc.requests)
				}
				for _, r := range wireLog(t, srv) {
					if diff := cmp.Diff([]*string{wirePtr(q.CreatedBy), wirePtr(q.OwnedBy), tc.sent}, []*string{r.CreatedBy, r.OwnedBy, r.SessionIDs}); diff != "" {
						t.Fatalf("request %d: createdBy, ownedBy, sessionIds sent (-want +got):\n%s", r.Seq, diff)
					}
				}
			})
		}
	}
}

// wireLog returns srv's request log once it holds every request the server
// has counted (see the note in TestWireStudioListing).
func wireLog(t *testing.T, srv *fakeaws.Server) []fakeaws.Request {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		log := srv.Log()
		if int64(len(log)) == srv.Stats().Requests {
			return log
		}
		if time.Now().After(deadline) {
			t.Fatalf("request log holds %d requests, the server counted %d", len(log), srv.Stats().Requests)
		}
	}
}

func wirePtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

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

// wireOnceRound runs one round and reports whether it passed. It draws its
// random choices in a fixed order (the listing, its faults, then the steps):
// that order is what lets a round number name the same choices again.
func wireOnceRound(t *testing.T, round int) bool {
	rng := rand.New(rand.NewPCG(wireOnceSeed, uint64(round)))
	var log wireOnceLog

	n := rng.IntN(250)
	if rng.IntN(8) == 0 {
		n = 0
	}
	pageSize := 1 + rng.IntN(60)
	pageSize = max(pageSize, n/30) // keep a round to a few dozen requests
	srv := fakeaws.New(fakeaws.WithStudioPageSize(pageSize))
	defer srv.Close()

	var l wireOnceListing
	if rng.IntN(2) == 0 {
		l = wireOnceStage(rng, srv, n, pageSize, &log)
	} else {
		l = wireOnceStudio(rng, srv, n, pageSize, &log)
	}
	wireOnceFaults(rng, srv, l.op, max(1, wireCeil(n, pageSize)), &log)

	got, err := wireOnceWalk(rng, l, pageSize, &log)
	if err == nil {
		if diff := cmp.Diff(l.want, got, wireOpts); diff != "" {
			err = fmt.Errorf("listing (-want +got):\n%s", diff)
		}
	}
	if err != nil {
		t.Errorf("round %d (seed %d): %v\n%s", round, wireOnceSeed, err, strings.Join(log, "\n"))
		return false
	}
	return true
}

// A wireOnceLog is what a round did, for the failure message.
type wireOnceLog []string

func (l *wireOnceLog) printf(format string, args ...any) {
	*l = append(*l, fmt.Sprintf(format, args...))
}

// A wireOnceListing is the listing a round breaks up.
type wireOnceListing struct {
	op fakeaws.Op
	// want is the keys the whole listing must deliver.
	want []string
	// mk returns a paginator starting at cursor.
	mk func(cursor string, opts ...sessions.Option) (wireLister, error)
}

// wireOnceStage adds n stage sessions to srv and returns a listing of
// them under a random query.
func wireOnceStage(rng *rand.Rand, srv *fakeaws.Server, n, pageSize int, log *wireOnceLog) wireOnceListing {
	l := wireOnceListing{op: fakeaws.OpListStageSessions}
	data := fakeaws.GenStageSessions(n, rng.Uint64())
	srv.AddStage(wireARN, data)
	q := wireRandomStageQuery(rng, data)
	for _, s := range wireStageWant(wireARN, data, q) {
		l.want = append(l.want, wireStageKey(s))
	}
	client := srv.StageClient()
	l.mk = func(cursor string, opts ...sessions.Option) (wireLister, error) {
		p, err := sessions.StageSessions(client, q, append(opts, sessions.PageSize(pageSize), sessions.StartingToken(cursor))...)
		return wirePaginator[sessions.StageSession]{p, wireStageKey}, err
	}
	log.printf("stage: %d sessions, page size %d, status %q, after %v, before %v, where %v", n, pageSize, q.Status, !q.StartedAfter.IsZero(), !q.StartedBefore.IsZero(), q.Where != nil)
	return l
}

// wireOnceStudio adds n streaming sessions to srv (which pages them by
// pageSize) and returns a listing of them under a random query.
func wireOnceStudio(rng *rand.Rand, srv *fakeaws.Server, n, pageSize int, log *wireOnceLog) wireOnceListing {
	l := wireOnceListing{op: fakeaws.OpListStreamingSessions}
	data := fakeaws.GenStreamingSessions(n, rng.Uint64())
	srv.AddStudio(wireStudio, data)
	q := wireRandomStudioQuery(rng, data)
	for _, s := range wireStudioWant(wireStudio, data, q) {
		l.want = append(l.want, wireStudioKey(s))
	}
	client := srv.StudioClient()
	l.mk = func(cursor string, opts ...sessions.Option) (wireLister, error) {
		p, err := sessions.StreamingSessions(client, q, append(opts, sessions.StartingToken(cursor))...)
		return wirePaginator[sessions.StreamingSession]{p, wireStudioKey}, err
	}
	log.printf("studio: %d sessions, page size %d, created by %q, owned by %q, %d session IDs, states %v, where %v", n, pageSize, q.CreatedBy, q.OwnedBy, len(q.SessionIDs), q.States, q.Where != nil)
	return l
}

// wireOnceFaults injects up to two faults on op within the listing's pages
// (and the request after them): faults that end a range with an error or
// that the retryer absorbs. Token loops are left out, since they end a
// listing for good.
func wireOnceFaults(rng *rand.Rand, srv *fakeaws.Server, op fakeaws.Op, pages int, log *wireOnceLog) {
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
		log.printf("fault %v at request %d, %d times", f.Kind, f.Request, max(f.Times, 1))
	}
}

// wireOnceWalk breaks the listing up at random until a paginator reaches
// its end without an error, and returns the pieces joined. Its error is a
// failure of the round, not an error a range reported.
func wireOnceWalk(rng *rand.Rand, l wireOnceListing, pageSize int, log *wireOnceLog) ([]string, error) {
	ctx := context.Background()
	p, err := l.mk("", sessions.Prefetch(rng.IntN(3)))
	if err != nil {
		return nil, fmt.Errorf("paginator: %v", err)
	}
	var got []string
	for step := 0; ; step++ {
		if step == 200 {
			return got, fmt.Errorf("no end after %d steps", step)
		}
		var part []string
		switch rng.IntN(4) {
		case 0, 1: // range All and break
			k := 1 + rng.IntN(2*pageSize+1)
			part, err = p.take(ctx, k)
			log.printf("All, break after %d: %d items, err %v", k, len(part), err)
		case 2: // range Pages and break
			k := 1 + rng.IntN(3)
			part, err = p.pages(ctx, k)
			log.printf("Pages, break after %d: %d items, err %v", k, len(part), err)
		case 3: // a new paginator from the cursor
			c := p.cursor()
			if c == "" {
				break
			}
			opts := []sessions.Option{sessions.Prefetch(rng.IntN(3))}
			if rng.IntN(2) == 0 {
				opts = append(opts, sessions.MaxItems(1+rng.IntN(2*pageSize+1)))
			}
			p, err = l.mk(c, opts...)
			if err != nil {
				return got, fmt.Errorf("paginator from Cursor: %v", err)
			}
			log.printf("new paginator from Cursor, %d options", len(opts))
		}
		got = append(got, part...)
		if err == nil && p.cursor() == "" {
			return got, nil
		}
	}
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
