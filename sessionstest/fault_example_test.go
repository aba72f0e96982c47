package sessionstest_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/smithy-go"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

func ExampleFault_Times() {
	const arn = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	fake := &sessionstest.StageService{
		Stages: map[string][]sessions.StageSession{arn: {{ID: "st-1"}}},
		// Calls 1 and 2 are throttled, call 3 is served.
		Faults: []sessionstest.Fault{sessionstest.Throttle(1).Times(2)},
	}
	p, _ := sessions.StageSessions(fake, sessions.StageQuery{StageARN: arn})
	for range 3 {
		items, err := sessions.Collect(p.All(context.Background())) // ranging again retries the page
		fmt.Println(len(items), err != nil)
	}
	fmt.Println(sessionstest.Throttle(1).Times(2))
	// Output:
	// 0 true
	// 0 true
	// 1 false
	// Throttle(1).Times(2)
}

func ExampleServerError() {
	const arn = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	fake := &sessionstest.StageService{
		Stages: map[string][]sessions.StageSession{arn: {{ID: "st-1"}}},
		Faults: []sessionstest.Fault{sessionstest.ServerError(1)},
	}
	p, _ := sessions.StageSessions(fake, sessions.StageQuery{StageARN: arn})
	_, err := sessions.Collect(p.All(context.Background()))
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.ErrorCode())
	}
	// Output:
	// InternalServerException
}

func ExampleUnavailable() {
	fake := &sessionstest.StudioService{
		Studios: map[string][]sessions.StreamingSession{"studio-1": {{ID: "session-1"}}},
		Faults:  []sessionstest.Fault{sessionstest.Unavailable(1)},
	}
	p, _ := sessions.StreamingSessions(fake, sessions.StudioQuery{StudioID: "studio-1"})
	_, err := sessions.Collect(p.All(context.Background()))
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.ErrorCode())
	}
	// Output:
	// ServiceUnavailableException
}

func ExampleMalformedBody() {
	const arn = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	fake := &sessionstest.StageService{
		Stages: map[string][]sessions.StageSession{arn: {{ID: "st-1"}}},
		Faults: []sessionstest.Fault{sessionstest.MalformedBody(1)},
	}
	p, _ := sessions.StageSessions(fake, sessions.StageQuery{StageARN: arn})
	_, err := sessions.Collect(p.All(context.Background()))
	var bad *smithy.DeserializationError
	fmt.Println("deserialization error:", errors.As(err, &bad))
	// Output:
	// deserialization error: true
}
