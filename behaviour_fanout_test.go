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
