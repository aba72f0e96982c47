package sessionstest_test

//lint:file-ignore SA1019 Nimble Studio's final SDK release marks every type deprecated; the examples fake that API.

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

// A user's code under test: it takes the transport as a parameter, so a
// test passes a fake where production passes an *ivsrealtime.Client.
func activeSessionIDs(ctx context.Context, t sessions.StageTransport, arn string) ([]string, error) {
	p, err := sessions.StageSessions(t, sessions.StageQuery{StageARN: arn, Status: sessions.StageActive}, sessions.PageSize(2))
	if err != nil {
		return nil, err
	}
	var ids []string
	for s, err := range p.All(ctx) {
		if err != nil {
			return ids, err
		}
		ids = append(ids, s.ID)
	}
	return ids, nil
}

func ExampleStageService() {
	const arn = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	start := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{
		arn: {
			{ID: "st-1", StartTime: start, EndTime: start.Add(time.Hour)},
			{ID: "st-2", StartTime: start.Add(2 * time.Hour)}, // active: no EndTime
			{ID: "st-3", StartTime: start.Add(3 * time.Hour)},
		},
	}}

	ids, err := activeSessionIDs(context.Background(), fake, arn)
	fmt.Println(ids, err)
	for i, c := range fake.Calls {
		fmt.Printf("call %d: MaxResults %d, token sent: %t\n", i+1, c.MaxResults, c.NextToken != "")
	}
	// Output:
	// [st-2 st-3] <nil>
	// call 1: MaxResults 2, token sent: false
	// call 2: MaxResults 2, token sent: true
}

func ExampleStudioService() {
	fake := &sessionstest.StudioService{
		Studios: map[string][]sessions.StreamingSession{
			"studio-1": {
				{ID: "session-1", CreatedBy: "alice", OwnedBy: "alice", State: sessions.StateReady},
				{ID: "session-2", CreatedBy: "alice", OwnedBy: "bob", State: sessions.StateStopped},
				{ID: "session-3", CreatedBy: "alice", OwnedBy: "bob", State: sessions.StateReady},
				{ID: "session-4", CreatedBy: "carol", OwnedBy: "bob", State: sessions.StateReady},
			},
		},
		PageSize: 1,
	}

	p, err := sessions.StreamingSessions(fake, sessions.StudioQuery{
		StudioID:  "studio-1",
		CreatedBy: "alice",                               // sent to the service
		OwnedBy:   "bob",                                 // sent to the service
		States:    []sessions.State{sessions.StateReady}, // checked on the client
	})
	if err != nil {
		panic(err)
	}
	for s, err := range p.All(context.Background()) {
		if err != nil {
			panic(err)
		}
		fmt.Println(s.ID, s.State)
	}
	c := fake.Calls[0]
	fmt.Printf("%d calls; filters sent: createdBy=%s ownedBy=%s\n", len(fake.Calls), c.CreatedBy, c.OwnedBy)
	// Output:
	// session-3 READY
	// 2 calls; filters sent: createdBy=alice ownedBy=bob
}

func ExampleErrorAt() {
	const arn = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	fake := &sessionstest.StageService{
		Stages: map[string][]sessions.StageSession{arn: {{ID: "st-1"}, {ID: "st-2"}, {ID: "st-3"}}},
		Faults: []sessionstest.Fault{
			sessionstest.ErrorAt(2, &ivstypes.AccessDeniedException{Message: aws.String("not allowed")}),
		},
	}

	ids, err := activeSessionIDs(context.Background(), fake, arn)
	fmt.Println(ids)
	fmt.Println(err)
	var listErr *sessions.ListError
	if errors.As(err, &listErr) {
		fmt.Println("failed on page", listErr.Page, "of", listErr.Op)
	}
	var denied *ivstypes.AccessDeniedException
	fmt.Println("access denied:", errors.As(err, &denied))
	// Output:
	// [st-1 st-2]
	// sessions: ListStageSessions arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456 page 2: AccessDeniedException: not allowed
	// failed on page 2 of ListStageSessions
	// access denied: true
}

func ExampleThrottle() {
	fake := &sessionstest.StudioService{
		Studios: map[string][]sessions.StreamingSession{"studio-1": {{ID: "session-1"}}},
		Faults:  []sessionstest.Fault{sessionstest.Throttle(1)},
	}
	p, _ := sessions.StreamingSessions(fake, sessions.StudioQuery{StudioID: "studio-1"})

	_, err := sessions.Collect(p.All(context.Background()))
	var throttled *nimbletypes.ThrottlingException
	fmt.Println("throttled:", errors.As(err, &throttled))

	// The fault fires once: ranging again retries the page.
	items, err := sessions.Collect(p.All(context.Background()))
	fmt.Println(len(items), err)
	// Output:
	// throttled: true
	// 1 <nil>
}

func ExampleTokenCycle() {
	const arn = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	fake := &sessionstest.StageService{
		Stages: map[string][]sessions.StageSession{arn: {{ID: "st-1"}, {ID: "st-2"}, {ID: "st-3"}, {ID: "st-4"}}},
		// Call 1 returns token A, A's page returns B, B's page returns A.
		Faults: []sessionstest.Fault{sessionstest.TokenCycle(1, 2)},
	}
	p, _ := sessions.StageSessions(fake, sessions.StageQuery{StageARN: arn}, sessions.PageSize(1))

	for s, err := range p.All(context.Background()) {
		if errors.Is(err, sessions.ErrTokenLoop) {
			fmt.Println("token loop after", len(fake.Calls), "calls")
			break
		}
		fmt.Println(s.ID)
	}
	// Output:
	// st-1
	// st-2
	// st-3
	// token loop after 3 calls
}

func ExampleStageService_ListStages() {
	const (
		us = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
		eu = "arn:aws:ivs:eu-west-1:111122223333:stage/GhIjKl789012"
	)
	start := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	fake := &sessionstest.StageService{
		// One data set: the stages, their sessions, names and tags.
		Stages: map[string][]sessions.StageSession{
			us: {{ID: "st-1", StartTime: start, EndTime: start.Add(time.Hour)}, {ID: "st-2", StartTime: start.Add(2 * time.Hour)}},
			eu: {{ID: "st-3", StartTime: start, EndTime: start.Add(time.Hour)}},
		},
		Info:   map[string]sessionstest.StageInfo{us: {Name: "studio-a", Tags: map[string]string{"team": "video"}}},
		Region: "us-west-2", // the endpoint of one region, like a client made for it
	}
	out, err := fake.ListStages(context.Background(), &ivsrealtime.ListStagesInput{})
	if err != nil {
		panic(err)
	}
	for _, s := range out.Stages {
		fmt.Println(aws.ToString(s.Arn), aws.ToString(s.Name), aws.ToString(s.ActiveSessionId), s.Tags)
	}
	// Output:
	// arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456 studio-a st-2 map[team:video]
}
