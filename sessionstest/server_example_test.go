package sessionstest_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

func ExampleNewServer() {
	const arn = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	start := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	srv := sessionstest.NewServer(sessionstest.Data{
		Stages: map[string][]sessions.StageSession{arn: {
			{ID: "st-1", StartTime: start, EndTime: start.Add(time.Hour)},
			{ID: "st-2", StartTime: start.Add(2 * time.Hour)},
			{ID: "st-3", StartTime: start.Add(3 * time.Hour)},
		}},
	})
	defer srv.Close()

	// A real SDK client: it signs, retries and decodes as against AWS.
	client := ivsrealtime.NewFromConfig(srv.Config())
	p, err := sessions.StageSessions(client, sessions.StageQuery{StageARN: arn}, sessions.PageSize(2))
	if err != nil {
		panic(err)
	}
	for s, err := range p.All(context.Background()) {
		if err != nil {
			panic(err)
		}
		fmt.Println(s.ID, s.StartTime.Format(time.RFC3339), s.Active())
	}
	for _, r := range srv.Requests() {
		fmt.Println(r.Op, r.Region, r.MaxResults, r.NextToken != "", r.Status, r.Items)
	}
	// Output:
	// st-1 2024-05-01T10:00:00Z false
	// st-2 2024-05-01T12:00:00Z true
	// st-3 2024-05-01T13:00:00Z true
	// ListStageSessions us-west-2 2 false 200 2
	// ListStageSessions us-west-2 2 true 200 1
}

func ExampleServer_Inject() {
	const arn = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	srv := sessionstest.NewServer(sessionstest.Data{
		Stages: map[string][]sessions.StageSession{arn: {{ID: "st-1"}, {ID: "st-2"}}},
	})
	defer srv.Close()
	client := ivsrealtime.NewFromConfig(srv.Config())

	// Throttled twice: the SDK's retryer absorbs it (3 attempts).
	srv.Inject(sessionstest.Throttle(1).Times(2))
	p, _ := sessions.StageSessions(client, sessions.StageQuery{StageARN: arn})
	items, err := sessions.Collect(p.All(context.Background()))
	fmt.Println(len(items), err)

	// A body cut in the middle is not retried.
	srv.Inject(sessionstest.TruncatedBody(1))
	p, _ = sessions.StageSessions(client, sessions.StageQuery{StageARN: arn})
	_, err = sessions.Collect(p.All(context.Background()))
	var bad *smithy.DeserializationError
	fmt.Println("deserialization error:", errors.As(err, &bad))

	for _, r := range srv.Requests() {
		fmt.Printf("%d %d %q\n", r.Seq, r.Status, r.Fault)
	}
	// Output:
	// 2 <nil>
	// deserialization error: true
	// 1 429 "Throttle"
	// 2 429 "Throttle"
	// 3 200 ""
	// 4 200 "TruncatedBody"
}

func ExampleDropConnection() {
	const arn = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	data := map[string][]sessions.StageSession{arn: {{ID: "st-1"}, {ID: "st-2"}, {ID: "st-3"}}}

	// In memory: the call fails as the SDK client's would, with no retry.
	fake := &sessionstest.StageService{Stages: data, Faults: []sessionstest.Fault{sessionstest.DropConnection(2)}}
	p, _ := sessions.StageSessions(fake, sessions.StageQuery{StageARN: arn}, sessions.PageSize(2))
	items, err := sessions.Collect(p.All(context.Background()))
	fmt.Println(len(items), err != nil)

	// On the wire: the SDK's retryer sends the request again.
	srv := sessionstest.NewServer(sessionstest.Data{Stages: data})
	defer srv.Close()
	srv.Inject(sessionstest.DropConnection(2))
	p, _ = sessions.StageSessions(srv.StageClient(), sessions.StageQuery{StageARN: arn}, sessions.PageSize(2))
	items, err = sessions.Collect(p.All(context.Background()))
	fmt.Println(len(items), err)
	for _, r := range srv.Requests() {
		fmt.Printf("%d %d %q\n", r.Seq, r.Status, r.Fault)
	}
	// Output:
	// 2 true
	// 3 <nil>
	// 1 200 ""
	// 2 0 "DropConnection"
	// 3 200 ""
}

func ExampleSlow() {
	const arn = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	fake := &sessionstest.StageService{
		Stages: map[string][]sessions.StageSession{arn: {{ID: "st-1"}}},
		Faults: []sessionstest.Fault{sessionstest.Slow(1, time.Second)},
	}
	p, _ := sessions.StageSessions(fake, sessions.StageQuery{StageARN: arn})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err := sessions.Collect(p.All(ctx))
	fmt.Println(errors.Is(err, context.DeadlineExceeded))
	// Output:
	// true
}
