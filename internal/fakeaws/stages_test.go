package fakeaws_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

// threeRegions serves 5 stages in us-west-2, 3 in eu-west-1 and 1 in
// ap-south-1, each with sessions whose last one is active on even stages.
func threeRegions(t *testing.T, opts ...fakeaws.Option) (*fakeaws.Server, map[string][]ivstypes.StageSummary) {
	t.Helper()
	want := map[string][]ivstypes.StageSummary{}
	var stages []fakeaws.Stage
	for region, n := range map[string]int{"us-west-2": 5, "eu-west-1": 3, "ap-south-1": 1} {
		for i := range n {
			arn := fmt.Sprintf("arn:aws:ivs:%s:111122223333:stage/S%02d", region, i)
			sessions := fakeaws.GenStageSessions(4, uint64(i)).Items()
			sessions[3].EndTime = time.Time{}
			if i%2 == 1 {
				for j := range sessions {
					sessions[j].EndTime = sessions[j].StartTime.Add(time.Minute)
				}
			}
			st := fakeaws.Stage{ARN: arn, Name: fmt.Sprintf("stage-%d", i), Sessions: fakeaws.FromSlice(sessions)}
			sum := ivstypes.StageSummary{Arn: aws.String(arn), Name: aws.String(st.Name)}
			if i%2 == 0 {
				sum.ActiveSessionId = aws.String(sessions[3].SessionID)
				st.Tags = map[string]string{"team": "a", "i": fmt.Sprint(i)}
				sum.Tags = st.Tags
			}
			stages = append(stages, st)
			want[region] = append(want[region], sum)
		}
	}
	srv := newServer(t, append([]fakeaws.Option{fakeaws.WithStages(stages...), fakeaws.WithRequestLog(100)}, opts...)...)
	return srv, want
}

func listStages(t *testing.T, c *ivsrealtime.Client, size *int32) ([]ivstypes.StageSummary, int, error) {
	t.Helper()
	var got []ivstypes.StageSummary
	pages := 0
	p := ivsrealtime.NewListStagesPaginator(c, &ivsrealtime.ListStagesInput{MaxResults: size})
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			return got, pages, err
		}
		pages++
		got = append(got, out.Stages...)
	}
	return got, pages, nil
}

// ListStages lists the stages of the region a request is signed for, in
// ARN order, with name, tags and active session, page by page.
func TestListStagesByRegion(t *testing.T) {
	srv, want := threeRegions(t)
	for region, stages := range want {
		c := srv.StageClient(func(o *ivsrealtime.Options) { o.Region = region })
		got, pages, err := listStages(t, c, aws.Int32(2))
		if err != nil {
			t.Fatalf("%s: %v", region, err)
		}
		if diff := cmp.Diff(stages, got, cmpopts.IgnoreUnexported(ivstypes.StageSummary{})); diff != "" {
			t.Errorf("%s: stages mismatch (-want +got):\n%s", region, diff)
		}
		if pages != ceilDiv(len(stages), 2) {
			t.Errorf("%s: %d pages, want %d", region, pages, ceilDiv(len(stages), 2))
		}
	}
	got, _, err := listStages(t, srv.StageClient(func(o *ivsrealtime.Options) { o.Region = "sa-east-1" }), nil)
	if err != nil || len(got) != 0 {
		t.Errorf("region with no stages: %v, %v; want none", got, err)
	}
	for _, r := range srv.Log() {
		if r.Op != fakeaws.OpListStages || r.Region == "" || r.Parent != r.Region {
			t.Errorf("log entry %+v: want a ListStages request with its region as parent", r)
		}
	}
	if n := srv.Requests(fakeaws.OpListStages); n != 3+2+1+1 {
		t.Errorf("Requests(OpListStages) = %d, want 7", n)
	}
}

// A stage is served only to requests signed for its region, as AWS routes
// each region to its own endpoint.
func TestStageSessionsOtherRegion(t *testing.T) {
	srv, _ := threeRegions(t)
	arn := "arn:aws:ivs:eu-west-1:111122223333:stage/S00"
	in := &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arn)}
	_, err := srv.StageClient(noRetryStage).ListStageSessions(context.Background(), in)
	if code := errorCode(err); code != "ResourceNotFoundException" {
		t.Errorf("eu-west-1 stage from us-west-2: %v, want ResourceNotFoundException", err)
	}
	out, err := srv.StageClient(func(o *ivsrealtime.Options) { o.Region = "eu-west-1" }).ListStageSessions(context.Background(), in)
	if err != nil || len(out.StageSessions) != 4 {
		t.Errorf("eu-west-1 stage from eu-west-1: %v, %v; want its 4 sessions", out, err)
	}
	log := srv.Log()
	if len(log) != 2 || log[0].Region != "us-west-2" || log[1].Region != "eu-west-1" {
		t.Errorf("log = %+v; want one request per region, in order", log)
	}
}

// ListStages validates like the other operations and takes the faults.
func TestListStagesRejectsAndFaults(t *testing.T) {
	srv, want := threeRegions(t, fakeaws.WithFaults(
		fakeaws.Fault{Kind: fakeaws.FaultThrottle, Op: fakeaws.OpListStages, Parent: "eu-west-1", Request: 1},
		fakeaws.Fault{Kind: fakeaws.FaultTokenCycle, Op: fakeaws.OpListStages, Parent: "ap-south-1", K: 1},
	))
	c := srv.StageClient(noRetryStage)
	ctx := context.Background()
	for _, n := range []int32{0, 101} {
		if _, err := c.ListStages(ctx, &ivsrealtime.ListStagesInput{MaxResults: aws.Int32(n)}); errorCode(err) != "ValidationException" {
			t.Errorf("MaxResults %d: %v, want ValidationException", n, err)
		}
	}
	for _, tok := range []string{"a.b", "AAAAAAAAAAAAAAAAAAAAAAAA"} {
		if _, err := c.ListStages(ctx, &ivsrealtime.ListStagesInput{NextToken: aws.String(tok)}); errorCode(err) != "ValidationException" {
			t.Errorf("token %q: %v, want ValidationException", tok, err)
		}
	}
	eu := srv.StageClient(noRetryStage, func(o *ivsrealtime.Options) { o.Region = "eu-west-1" })
	if _, err := eu.ListStages(ctx, nil); errorCode(err) != "ThrottlingException" {
		t.Errorf("eu-west-1, request 1: %v, want ThrottlingException", err)
	}
	if got, _, err := listStages(t, eu, nil); err != nil || len(got) != len(want["eu-west-1"]) {
		t.Errorf("eu-west-1 after the fault: %d stages, %v; want %d", len(got), err, len(want["eu-west-1"]))
	}
	// A token that repeats itself: the SDK paginator stops on it when asked.
	ap := srv.StageClient(func(o *ivsrealtime.Options) { o.Region = "ap-south-1" })
	p := ivsrealtime.NewListStagesPaginator(ap, &ivsrealtime.ListStagesInput{}, func(o *ivsrealtime.ListStagesPaginatorOptions) { o.StopOnDuplicateToken = true })
	pages := 0
	for p.HasMorePages() && pages < 10 {
		if _, err := p.NextPage(ctx); err != nil {
			t.Fatal(err)
		}
		pages++
	}
	if pages != 2 {
		t.Errorf("token cycle of 1: %d pages before the SDK stopped, want 2", pages)
	}
}
