package sessions_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

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
