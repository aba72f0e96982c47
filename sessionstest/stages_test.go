package sessionstest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

const arnEU = "arn:aws:ivs:eu-west-1:111122223333:stage/Europe000001"

// One data set: the stages of Stages are what ListStages lists, with the
// names and tags of Info and the active session found in their sessions.
func TestListStages(t *testing.T) {
	ended := stageSessions(arnB, 2)
	ended[0].EndTime = ended[0].StartTime.Add(1)
	fake := &sessionstest.StageService{
		Stages: map[string][]sessions.StageSession{arnA: stageSessions(arnA, 5), arnB: ended, arnEU: nil},
		Info:   map[string]sessionstest.StageInfo{arnA: {Name: "alpha", Tags: map[string]string{"team": "a"}}},
	}
	ignore := cmpopts.IgnoreUnexported(types.StageSummary{})
	all := []types.StageSummary{
		{Arn: aws.String(arnEU)},
		{Arn: aws.String(arnA), Name: aws.String("alpha"), ActiveSessionId: aws.String("st-0000000000003"), Tags: map[string]string{"team": "a"}},
		{Arn: aws.String(arnB)},
	}
	ctx := context.Background()
	var got []types.StageSummary
	p := ivsrealtime.NewListStagesPaginator(fake, &ivsrealtime.ListStagesInput{MaxResults: aws.Int32(2)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, out.Stages...)
	}
	if diff := cmp.Diff(all, got, ignore); diff != "" {
		t.Errorf("ListStages mismatch (-want +got):\n%s", diff)
	}
	want := []sessionstest.ListStagesCall{{MaxResults: 2}, {MaxResults: 2, NextToken: fake.ListStagesCalls[1].NextToken}}
	if diff := cmp.Diff(want, fake.RecordedListStages()); diff != "" || want[1].NextToken == "" {
		t.Errorf("ListStagesCalls mismatch (-want +got):\n%s", diff)
	}

	// A region's endpoint lists its own stages and finds no other.
	fake.Region = "us-west-2"
	out, err := fake.ListStages(ctx, nil)
	if err != nil || len(out.Stages) != 2 || out.NextToken != nil {
		t.Errorf("us-west-2: %v, %v; want 2 stages", out, err)
	}
	out, err = fake.ListStages(ctx, nil, func(o *ivsrealtime.Options) { o.Region = "eu-west-1" })
	if err != nil || len(out.Stages) != 1 || aws.ToString(out.Stages[0].Arn) != arnEU {
		t.Errorf("eu-west-1 by optFns: %v, %v; want the one stage", out, err)
	}
	var apiErr smithy.APIError
	if _, err := fake.ListStageSessions(ctx, &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnEU)}); !errors.As(err, &apiErr) || apiErr.ErrorCode() != "ResourceNotFoundException" {
		t.Errorf("eu-west-1 stage from us-west-2: %v, want ResourceNotFoundException", err)
	}
	if _, err := fake.ListStages(ctx, &ivsrealtime.ListStagesInput{MaxResults: aws.Int32(101)}); !errors.As(err, new(*types.ValidationException)) {
		t.Errorf("MaxResults 101: %v, want a *types.ValidationException", err)
	}
}

// Faults select ListStages calls by region with For.
func TestListStagesFaults(t *testing.T) {
	fake := &sessionstest.StageService{
		Stages: map[string][]sessions.StageSession{arnA: nil, arnB: nil, arnEU: nil},
		Faults: []sessionstest.Fault{sessionstest.Throttle(1).For("eu-west-1"), sessionstest.TokenCycle(1, 1).For("us-west-2")},
	}
	ctx := context.Background()
	eu := func(o *ivsrealtime.Options) { o.Region = "eu-west-1" }
	var apiErr smithy.APIError
	if _, err := fake.ListStages(ctx, nil, eu); !errors.As(err, &apiErr) || apiErr.ErrorCode() != "ThrottlingException" {
		t.Errorf("first eu-west-1 call: %v, want ThrottlingException", err)
	}
	if out, err := fake.ListStages(ctx, nil, eu); err != nil || len(out.Stages) != 1 {
		t.Errorf("second eu-west-1 call: %v, %v; want the stage", out, err)
	}
	us := func(o *ivsrealtime.Options) { o.Region = "us-west-2" }
	out, err := fake.ListStages(ctx, &ivsrealtime.ListStagesInput{MaxResults: aws.Int32(1)}, us)
	if err != nil || out.NextToken == nil {
		t.Fatalf("us-west-2: %v, %v; want a page and a token", out, err)
	}
	again, err := fake.ListStages(ctx, &ivsrealtime.ListStagesInput{MaxResults: aws.Int32(1), NextToken: out.NextToken}, us)
	if err != nil || aws.ToString(again.NextToken) != aws.ToString(out.NextToken) {
		t.Errorf("a cycle of one token: got %v, %v; want the same token back", again, err)
	}
}

// Faults count the calls from the service's first, so faults set between
// calls fire on the call numbers they name.
func TestFaultsSetBetweenCalls(t *testing.T) {
	fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arnA: stageSessions(arnA, 3)}}
	ctx := context.Background()
	in := &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA)}
	for range 2 {
		if _, err := fake.ListStageSessions(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	fake.Faults = []sessionstest.Fault{sessionstest.Throttle(3), sessionstest.Throttle(2).For(arnA).Times(3)}
	var apiErr smithy.APIError
	for call := 3; call <= 5; call++ {
		_, err := fake.ListStageSessions(ctx, in)
		if call <= 4 && (!errors.As(err, &apiErr) || apiErr.ErrorCode() != "ThrottlingException") {
			t.Errorf("call %d: %v, want ThrottlingException", call, err)
		}
		if call == 5 && err != nil {
			t.Errorf("call 5: %v, want the page", err)
		}
	}
}
