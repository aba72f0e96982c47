package sessions_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

func ExampleMaxRate() {
	svc, arn := paceStage("us-west-2", 30)
	// The service throttles three calls in a row: the paced listing sends
	// them again, at no more than 1000 calls a second, and loses nothing.
	svc.Faults = []sessionstest.Fault{sessionstest.Throttle(2).Times(3)}
	p, err := sessions.StageSessions(svc, sessions.StageQuery{StageARN: arn}, sessions.PageSize(10), sessions.MaxRate(1000))
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := sessions.Collect(p.All(context.Background()))
	fmt.Println(len(got), "sessions in", len(svc.Recorded()), "calls, error:", err)
	// Output: 30 sessions in 6 calls, error: <nil>
}

func ExampleClientMaxRate() {
	_, arn := paceStage("us-west-2", 0)
	srv := sessionstest.NewServer(sessionstest.Data{Stages: map[string][]sessions.StageSession{arn: nil}, Quota: sessionstest.NoQuota()})
	defer srv.Close()
	// A local endpoint without a quota: no pacing for this client.
	client := ivsrealtime.NewFromConfig(srv.Config(), sessions.ClientMaxRate(0))
	p, err := sessions.StageSessions(client, sessions.StageQuery{StageARN: arn})
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := sessions.Collect(p.All(context.Background()))
	fmt.Println(len(got), "sessions, error:", err)
	// Output: 0 sessions, error: <nil>
}
