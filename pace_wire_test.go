package sessions_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// Against an endpoint with a quota, a paced SDK client lists everything:
// the throttled attempts (if any) are sent again, never reported.
func TestPacedClientAgainstQuotaLosesNothing(t *testing.T) {
	srv := wireServer(t, fakeaws.WithQuota(500, 1), fakeaws.WithStage(wireARN, fakeaws.GenStageSessions(1500, 7)))
	p, err := sessions.StageSessions(srv.StageClient(), sessions.StageQuery{StageARN: wireARN}, sessions.PageSize(10))
	if err != nil {
		t.Fatal(err)
	}
	got, err := sessions.Collect(p.All(context.Background()))
	if err != nil || len(got) != 1500 || len(sessionKeys(got)) != 1500 {
		t.Fatalf("got %d sessions (%d distinct) and %v; want 1500 and no error", len(got), len(sessionKeys(got)), err)
	}
	st := srv.Stats()
	if st.StageRequests-st.Throttled != 150 {
		t.Errorf("%d requests, %d throttled; want 150 answered", st.StageRequests, st.Throttled)
	}
}

// More throttling in a row than any retryer allows does not fail a paced
// listing, whatever the retryer: the standard one without waits, or the
// adaptive one; a MaxRate on the listing overrides the client's
// ClientMaxRate(0).
func TestPacedClientOutlastsTheRetryer(t *testing.T) {
	retryers := map[string]func() aws.Retryer{
		"standard": fakeaws.NewRetryer,
		"adaptive": func() aws.Retryer { return retry.NewAdaptiveMode() },
	}
	for name, r := range retryers {
		t.Run(name, func(t *testing.T) {
			srv := wireServer(t, fakeaws.WithStage(wireARN, fakeaws.GenStageSessions(30, 8)))
			srv.Inject(fakeaws.Fault{Kind: fakeaws.FaultThrottle, Request: 2, Times: 7})
			c := srv.StageClient(sessions.ClientMaxRate(0), func(o *ivsrealtime.Options) { o.Retryer = r() })
			p, err := sessions.StageSessions(c, sessions.StageQuery{StageARN: wireARN}, sessions.PageSize(10), sessions.MaxRate(1000))
			if err != nil {
				t.Fatal(err)
			}
			got, err := sessions.Collect(p.All(context.Background()))
			if err != nil || len(got) != 30 {
				t.Fatalf("got %d sessions and %v; want 30 and no error", len(got), err)
			}
			if n := srv.Stats().Faults; n != 7 {
				t.Errorf("%d requests throttled; want 7", n)
			}

			// The client's own setting alone leaves throttling to the
			// retryer, which gives up.
			srv.Inject(fakeaws.Fault{Kind: fakeaws.FaultThrottle, Times: 7})
			p, _ = sessions.StageSessions(c, sessions.StageQuery{StageARN: wireARN}, sessions.PageSize(10))
			if _, err := sessions.Collect(p.All(context.Background())); err == nil {
				t.Error("ClientMaxRate(0): 7 throttled attempts in a row did not fail the listing")
			}
		})
	}
}

// ClientMaxRate paces every call of the client, also those made without
// the library, and absorbs their throttling.
func TestClientMaxRatePacesDirectCalls(t *testing.T) {
	srv := wireServer(t, fakeaws.WithStage(wireARN, fakeaws.GenStageSessions(3, 9)))
	srv.Inject(fakeaws.Fault{Kind: fakeaws.FaultThrottle, Times: 5})
	c := srv.StageClient(sessions.ClientMaxRate(1000))
	out, err := c.ListStageSessions(context.Background(), &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(wireARN)})
	if err != nil || len(out.StageSessions) != 3 {
		t.Fatalf("direct call: %v", err)
	}
}

func sessionKeys(ss []sessions.StageSession) map[string]bool {
	m := map[string]bool{}
	for _, s := range ss {
		m[s.StageARN+" "+s.ID] = true
	}
	return m
}
