package fakeaws_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

// Throttling on the 2nd and 3rd requests is absorbed by the client's
// retryer: the listing completes, and the server saw two extra requests.
func ExampleServer_Inject() {
	const arn = "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	data := fakeaws.GenStageSessions(120, 1)
	srv := fakeaws.New(fakeaws.WithStage(arn, data))
	defer srv.Close()
	srv.Inject(fakeaws.Fault{Kind: fakeaws.FaultThrottle, Op: fakeaws.OpListStageSessions, Request: 2, Times: 2})

	p := ivsrealtime.NewListStageSessionsPaginator(srv.StageClient(), &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arn)})
	n := 0
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			fmt.Println(err)
			return
		}
		n += len(out.StageSessions)
	}
	fmt.Println(n == data.Len(), srv.Stats().Requests)
	// Output: true 5
}
