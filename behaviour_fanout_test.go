package sessions_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

// cancelOnListStages cancels a context when ListStages is called, before
// the request goes to the service.
type cancelOnListStages struct {
	*sessionstest.StageService
	cancel context.CancelFunc
}

func (c cancelOnListStages) ListStages(ctx context.Context, in *ivsrealtime.ListStagesInput, o ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStagesOutput, error) {
	c.cancel()
	return c.StageService.ListStages(ctx, in, o...)
}

// A cancelled context makes an account listing yield one error wrapping the
// context's cause and stop, whether the context was cancelled before the
// range or during stage discovery: the sessions of the stages given by ARN
// are not listed after the discovery yielded the cancellation.
func TestAccountCancelYieldsOneError(t *testing.T) {
	eu := "arn:aws:ivs:eu-west-1:111122223333:stage/EuStage1"
	svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{testARN: stageData(testARN, 3), eu: stageData(eu, 3)}}
	for _, when := range []string{"before", "during discovery"} {
		t.Run(when, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var tr sessions.RegionTransport = svc
			if when == "before" {
				cancel()
			} else {
				tr = cancelOnListStages{svc, cancel}
			}
			f, err := sessions.AccountSessions(func(string) (sessions.RegionTransport, error) { return tr, nil },
				sessions.AccountQuery{Regions: []string{"us-west-2"}, StageARNs: []string{eu}})
			if err != nil {
				t.Fatal(err)
			}
			var errs []error
			items := 0
			for _, err := range f.All(ctx) {
				if err != nil {
					errs = append(errs, err)
				} else {
					items++
				}
			}
			if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) || items != 0 {
				t.Errorf("%d items and errors %v; want no item and one error wrapping context.Canceled", items, errs)
			}
		})
	}
}

// A fan-out cursor is bound to its sources' service-side filters wherever
// the sources stand: finished, listing, or not started. Resuming with a
// build that uses other filters is an *InputError, as for a paginator's
// cursor.
func TestFanoutCursorBoundToFilters(t *testing.T) {
	svc := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{
		"studio-a": studioData("studio-a", 9), "studio-b": studioData("studio-b", 9), "studio-c": studioData("studio-c", 9),
	}}
	build := func(by string) func(string, ...sessions.Option) (*sessions.Paginator[sessions.StreamingSession], error) {
		return func(id string, o ...sessions.Option) (*sessions.Paginator[sessions.StreamingSession], error) {
			return sessions.StreamingSessions(svc, sessions.StudioQuery{StudioID: id, CreatedBy: by}, o...)
		}
	}
	parents := []string{"studio-a", "studio-b", "studio-c"}
	// alice made 3 sessions in each studio; stop after 0..8 of them, in
	// order: every mix of finished, listing and not started sources.
	for stop := range 9 {
		f, err := sessions.NewFanout(parents, build("alice"), sessions.Ordered(), sessions.Concurrency(1))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, err := range f.All(context.Background()) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == stop {
				break
			}
		}
		if stop == 0 { // the cursor before any range
			n, f = 0, mustFanout(t, parents, build("alice"))
		}
		c := f.Cursor()
		_, err = sessions.NewFanout(parents, build("bob"), sessions.StartingToken(c))
		if err == nil {
			t.Fatalf("stop %d: a cursor made with CreatedBy alice resumes with CreatedBy bob", stop)
		}
		checkInputError(t, err, "StartingToken")
		// The same filters resume.
		g, err := sessions.NewFanout(parents, build("alice"), sessions.StartingToken(c))
		if err != nil {
			t.Fatalf("stop %d: resume with the same filters: %v", stop, err)
		}
		rest, err := sessions.Collect(g.All(context.Background()))
		if err != nil || n+len(rest) != 9 {
			t.Errorf("stop %d: %d + %d items (%v), want 9", stop, n, len(rest), err)
		}
	}
}

// NewFanout detects a build func that ignores the options it is given: a
// source that does not start at the cursor it was given would be listed
// again from its start, duplicating items.
func TestFanoutBuildIgnoringOptions(t *testing.T) {
	b := "arn:aws:ivs:us-west-2:111122223333:stage/Other1"
	svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{testARN: stageData(testARN, 4), b: stageData(b, 4)}}
	build := func(arn string, _ ...sessions.Option) (*sessions.Paginator[sessions.StageSession], error) {
		return sessions.StageSessions(svc, sessions.StageQuery{StageARN: arn}, sessions.PageSize(2))
	}
	f, err := sessions.NewFanout([]string{testARN, b}, build, sessions.Ordered())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range f.All(context.Background()) {
		if n++; n == 5 {
			break
		}
	}
	_, err = sessions.NewFanout([]string{testARN, b}, build, sessions.StartingToken(f.Cursor()))
	checkInputError(t, err, "build")
}

func mustFanout[T any](t *testing.T, parents []string, build func(string, ...sessions.Option) (*sessions.Paginator[T], error), opts ...sessions.Option) *sessions.Fanout[T] {
	t.Helper()
	f, err := sessions.NewFanout(parents, build, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
