package sessionstest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

func isRateExceeded(err error) bool {
	var api smithy.APIError
	return errors.As(err, &api) && api.ErrorCode() == "ThrottlingException" && api.ErrorMessage() == "Rate exceeded"
}

// The in-memory fake throttles the calls over its quota, per region and
// operation.
func TestStageServiceQuota(t *testing.T) {
	q := sessionstest.NewQuota(0.001, 2) // two calls, then none for 1000 s
	arn := "arn:aws:ivs:us-west-2:111122223333:stage/Quota"
	svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arn: nil}, Region: "us-west-2", Quota: q}
	ctx := context.Background()
	in := &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arn)}
	for i := range 2 {
		if _, err := svc.ListStageSessions(ctx, in); err != nil {
			t.Fatalf("call %d within the burst: %v", i+1, err)
		}
	}
	if _, err := svc.ListStageSessions(ctx, in); !isRateExceeded(err) {
		t.Errorf("third call: %v; want ThrottlingException: Rate exceeded", err)
	}
	if _, err := svc.ListStages(ctx, &ivsrealtime.ListStagesInput{}); err != nil {
		t.Errorf("ListStages has a bucket of its own: %v", err)
	}
	if _, err := svc.ListStages(ctx, &ivsrealtime.ListStagesInput{}, func(o *ivsrealtime.Options) { o.Region = "eu-west-1" }); err != nil {
		t.Errorf("eu-west-1 has a bucket of its own: %v", err)
	}
	if n := q.Throttled(); n != 1 {
		t.Errorf("Throttled() = %d; want 1", n)
	}
}

// A Server enforces IVS's quota by default and answers as AWS does; an
// unpaced client sending at once is throttled after the burst.
func TestServerEnforcesTheQuotaByDefault(t *testing.T) {
	q := sessionstest.NewQuota(0.001, sessionstest.DefaultQuotaBurst)
	arn := "arn:aws:ivs:us-west-2:111122223333:stage/Quota"
	srv := sessionstest.NewServer(sessionstest.Data{Stages: map[string][]sessions.StageSession{arn: nil}, Quota: q})
	defer srv.Close()
	c := srv.StageClient(sessions.ClientMaxRate(0), func(o *ivsrealtime.Options) { o.RetryMaxAttempts = 1 })
	in := &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arn)}
	for i := range sessionstest.DefaultQuotaBurst {
		if _, err := c.ListStageSessions(context.Background(), in); err != nil {
			t.Fatalf("request %d within the burst: %v", i+1, err)
		}
	}
	if _, err := c.ListStageSessions(context.Background(), in); !isRateExceeded(err) {
		t.Errorf("request over the burst: %v; want ThrottlingException: Rate exceeded", err)
	}
	if got := srv.Requests(); got[len(got)-1].Status != 429 || q.Throttled() != 1 {
		t.Errorf("last request answered %d, %d throttled; want 429 and 1", got[len(got)-1].Status, q.Throttled())
	}

	def := sessionstest.NewServer(sessionstest.Data{Stages: map[string][]sessions.StageSession{arn: nil}})
	defer def.Close()
	c = def.StageClient(sessions.ClientMaxRate(0), func(o *ivsrealtime.Options) { o.RetryMaxAttempts = 1 })
	throttled := 0
	for range 20 {
		if _, err := c.ListStageSessions(context.Background(), in); isRateExceeded(err) {
			throttled++
		}
	}
	if throttled == 0 {
		t.Error("20 requests at once: none throttled by the default quota")
	}
}
