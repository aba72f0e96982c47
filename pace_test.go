package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

// paceStage returns a fake with one stage of n sessions in region.
func paceStage(region string, n int) (*sessionstest.StageService, string) {
	arn := "arn:aws:ivs:" + region + ":111122223333:stage/Pace"
	ss := make([]sessions.StageSession, n)
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range ss {
		ss[i] = sessions.StageSession{ID: fmt.Sprintf("st-%013d", i), StartTime: t0.Add(time.Duration(i) * time.Minute), EndTime: t0.Add(time.Duration(i)*time.Minute + time.Second)}
	}
	return &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arn: ss}}, arn
}

func TestMaxRateRejectsBadRates(t *testing.T) {
	svc, arn := paceStage("pace-bad", 1)
	for _, r := range []float64{-1, math.NaN(), math.Inf(1), 2e6} {
		_, err := sessions.StageSessions(svc, sessions.StageQuery{StageARN: arn}, sessions.MaxRate(r))
		var ie *sessions.InputError
		if !errors.As(err, &ie) || ie.Field != "MaxRate" {
			t.Errorf("MaxRate(%v): %v; want an *InputError for MaxRate", r, err)
		}
	}
	if _, err := sessions.NewFanout([]string{arn}, func(string, ...sessions.Option) (*sessions.Paginator[sessions.StageSession], error) {
		return nil, errors.New("not built")
	}, sessions.MaxRate(-1)); err == nil {
		t.Error("NewFanout accepted MaxRate(-1)")
	}
}

// A fake is paced only when asked, and then a throttled call is sent
// again instead of failing the listing, however many times in a row.
func TestMaxRateOnAFakeAbsorbsThrottling(t *testing.T) {
	svc, arn := paceStage("pace-fake", 50)
	svc.Faults = []sessionstest.Fault{sessionstest.Throttle(1).Times(5), sessionstest.Throttle(8).Times(3)}
	p, err := sessions.StageSessions(svc, sessions.StageQuery{StageARN: arn}, sessions.PageSize(10), sessions.MaxRate(1e4))
	if err != nil {
		t.Fatal(err)
	}
	got, err := sessions.Collect(p.All(context.Background()))
	if err != nil || len(got) != 50 {
		t.Fatalf("got %d sessions and %v; want 50 and no error", len(got), err)
	}
	if n := len(svc.Recorded()); n != 5+8 {
		t.Errorf("%d calls; want 13 (5 pages, 8 throttled)", n)
	}

	// Unpaced, the first throttling error ends the listing.
	svc2, arn2 := paceStage("pace-fake", 5)
	svc2.Faults = []sessionstest.Fault{sessionstest.Throttle(1)}
	p, _ = sessions.StageSessions(svc2, sessions.StageQuery{StageARN: arn2})
	if _, err := sessions.Collect(p.All(context.Background())); err == nil {
		t.Error("an unpaced fake's throttling error did not reach the caller")
	}
}

// Waiting for a slot ends with the context: a listing paced at one request
// in a thousand seconds stops as soon as the caller cancels.
func TestMaxRateWaitIsCancellable(t *testing.T) {
	svc, arn := paceStage("pace-cancel", 20)
	p, err := sessions.StageSessions(svc, sessions.StageQuery{StageARN: arn}, sessions.PageSize(10), sessions.MaxRate(0.001))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var last error
	for _, err := range p.All(ctx) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 10 {
			cancel() // the second page waits for its slot
		}
	}
	if n != 10 || !errors.Is(last, context.Canceled) {
		t.Errorf("%d sessions, then %v; want 10, then context.Canceled", n, last)
	}
	if c := p.Cursor(); c == "" {
		t.Error("the cursor says the listing finished")
	}
}

// MaxRate(0) turns pacing off: a throttling error reaches the caller.
func TestMaxRateZeroIsOff(t *testing.T) {
	svc, arn := paceStage("pace-off", 30)
	svc.Faults = []sessionstest.Fault{sessionstest.Throttle(2)}
	p, err := sessions.StageSessions(svc, sessions.StageQuery{StageARN: arn}, sessions.PageSize(10), sessions.MaxRate(0))
	if err != nil {
		t.Fatal(err)
	}
	got, err := sessions.Collect(p.All(context.Background()))
	if len(got) != 10 || err == nil {
		t.Errorf("got %d sessions and %v; want 10 and the throttling error", len(got), err)
	}
}

// MaxRate given to a fan-out paces its sources and its ListStages: a fake
// that throttles both loses nothing.
func TestMaxRateReachesEveryPartOfAFanout(t *testing.T) {
	svc, arn := paceStage("pace-fan", 25)
	svc.Region = "pace-fan"
	svc.Faults = []sessionstest.Fault{sessionstest.Throttle(1).Times(2), sessionstest.Throttle(5).Times(2)}
	clients := func(string) (sessions.RegionTransport, error) { return svc, nil }
	fo, err := sessions.AccountSessions(clients, sessions.AccountQuery{Regions: []string{"pace-fan"}}, sessions.PageSize(10), sessions.MaxRate(1e4))
	if err != nil {
		t.Fatal(err)
	}
	got, err := sessions.Collect(fo.All(context.Background()))
	if err != nil || len(got) != 25 || got[0].StageARN != arn {
		t.Fatalf("got %d sessions and %v; want 25 of %s and no error", len(got), err, arn)
	}
}
