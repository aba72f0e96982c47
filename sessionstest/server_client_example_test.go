package sessionstest_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/smithy-go"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

func ExampleServer_StageClient() {
	const arn = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	srv := sessionstest.NewServer(sessionstest.Data{})
	defer srv.Close()

	// With IVSErrorMessages, the error reads as the in-memory fake's does.
	client := srv.StageClient(sessions.IVSErrorMessages)
	p, _ := sessions.StageSessions(client, sessions.StageQuery{StageARN: arn})
	_, err := sessions.Collect(p.All(context.Background()))
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.ErrorCode(), apiErr.ErrorMessage() != "")
	}
	// Output:
	// ResourceNotFoundException true
}

func ExampleServer_StudioClient() {
	srv := sessionstest.NewServer(sessionstest.Data{
		Studios:        map[string][]sessions.StreamingSession{"studio-1": {{ID: "session-1"}, {ID: "session-2"}, {ID: "session-3"}}},
		StudioPageSize: 2,
	})
	defer srv.Close()

	p, _ := sessions.StreamingSessions(srv.StudioClient(), sessions.StudioQuery{StudioID: "studio-1"})
	items, err := sessions.Collect(p.All(context.Background()))
	fmt.Println(len(items), err, len(srv.Requests()))
	// Output:
	// 3 <nil> 2
}
