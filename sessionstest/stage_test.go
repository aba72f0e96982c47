package sessionstest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

func TestStagePaging(t *testing.T) {
	tests := []struct {
		name     string
		n        int
		pageSize int // 0: leave PageSize out
	}{
		{"empty stage", 0, 0},
		{"one page by default", 100, 0},
		{"default page size 100", 101, 0},
		{"page size 1", 3, 1},
		{"page size 7, last page short", 20, 7},
		{"page size 7, exact", 21, 7},
		{"page size 100", 250, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := stageSessions(arnA, tt.n)
			fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arnA: want}}
			var opts []sessions.Option
			size := 100 // the paginator asks for IVS's largest page by default
			if tt.pageSize != 0 {
				opts = append(opts, sessions.PageSize(tt.pageSize))
				size = tt.pageSize
			}
			got, err := collect(sessions.StageSessions(fake, sessions.StageQuery{StageARN: arnA}, opts...))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("All() mismatch (-want +got):\n%s", diff)
			}
			if len(fake.Calls) != pages(tt.n, size) {
				t.Fatalf("%d calls, want %d", len(fake.Calls), pages(tt.n, size))
			}
			for i, c := range fake.Calls {
				if c.StageARN != arnA || c.MaxResults != size || (i == 0) != (c.NextToken == "") {
					t.Errorf("Calls[%d] = %+v, want stage %s, MaxResults %d, a token on every call but the first", i, c, arnA, size)
				}
				if !tokenPattern.MatchString(c.NextToken) {
					t.Errorf("Calls[%d].NextToken %q does not match %s", i, c.NextToken, tokenPattern)
				}
			}
		})
	}
}

func TestStageConvertsBack(t *testing.T) {
	active := sessions.StageSession{ID: "st-a", StartTime: t0}
	ended := sessions.StageSession{ID: "st-e", StartTime: t0, EndTime: t0.Add(time.Hour)}
	fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arnA: {active, ended}}}
	out, err := fake.ListStageSessions(context.Background(), &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA)})
	if err != nil {
		t.Fatal(err)
	}
	end := t0.Add(time.Hour)
	want := []types.StageSessionSummary{
		{SessionId: aws.String("st-a"), StartTime: &t0},
		{SessionId: aws.String("st-e"), StartTime: &t0, EndTime: &end},
	}
	if diff := cmp.Diff(want, out.StageSessions, cmp.AllowUnexported(types.StageSessionSummary{})); diff != "" {
		t.Errorf("StageSessions mismatch (-want +got):\n%s", diff)
	}
	if out.NextToken != nil {
		t.Errorf("NextToken = %q, want nil on the only page", *out.NextToken)
	}
}

// TestStageRejects calls the fake directly with what the real service
// rejects; the paginator never sends most of it.
func TestStageRejects(t *testing.T) {
	fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arnA: stageSessions(arnA, 5), arnB: nil}}
	ctx := context.Background()
	first, err := fake.ListStageSessions(ctx, &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA), MaxResults: aws.Int32(2)})
	if err != nil || first.NextToken == nil {
		t.Fatalf("first page: %v, %v; want a page with a token", first, err)
	}
	tok := *first.NextToken
	tests := []struct {
		name     string
		in       *ivsrealtime.ListStageSessionsInput
		wantCode string
	}{
		{"nil input", nil, "ValidationException"},
		{"no stage ARN", &ivsrealtime.ListStageSessionsInput{}, "ValidationException"},
		{"malformed ARN", &ivsrealtime.ListStageSessionsInput{StageArn: aws.String("arn:aws:ivs:us-west-2:1:channel/x")}, "ValidationException"},
		{"MaxResults 0", &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA), MaxResults: aws.Int32(0)}, "ValidationException"},
		{"MaxResults 101", &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA), MaxResults: aws.Int32(101)}, "ValidationException"},
		{"forged token", &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA), MaxResults: aws.Int32(2), NextToken: aws.String("AAAAAAAAAAAAAAAAAAAAAAAA")}, "ValidationException"},
		{"edited token", &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA), MaxResults: aws.Int32(2), NextToken: aws.String(tok[:len(tok)-1] + "x")}, "ValidationException"},
		{"token with bad characters", &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA), MaxResults: aws.Int32(2), NextToken: aws.String("a.b")}, "ValidationException"},
		{"token of another stage", &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnB), MaxResults: aws.Int32(2), NextToken: aws.String(tok)}, "ValidationException"},
		{"unknown stage", &ivsrealtime.ListStageSessionsInput{StageArn: aws.String("arn:aws:ivs:us-west-2:111122223333:stage/Nope")}, "ResourceNotFoundException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := fake.ListStageSessions(ctx, tt.in)
			var apiErr smithy.APIError
			if !errors.As(err, &apiErr) || apiErr.ErrorCode() != tt.wantCode {
				t.Fatalf("ListStageSessions = %v, %v; want a %s", out, err, tt.wantCode)
			}
			var v *types.ValidationException
			if isValidation := errors.As(err, &v); isValidation != (tt.wantCode == "ValidationException") {
				t.Errorf("errors.As(%v, *types.ValidationException) = %t", err, isValidation)
			}
		})
	}
	// The token is good where it belongs, with any page size: it is a
	// position.
	if _, err := fake.ListStageSessions(ctx, &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA), MaxResults: aws.Int32(2), NextToken: aws.String(tok)}); err != nil {
		t.Errorf("second page with its own token: %v", err)
	}
	if out, err := fake.ListStageSessions(ctx, &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA), MaxResults: aws.Int32(3), NextToken: aws.String(tok)}); err != nil || len(out.StageSessions) != 3 || out.NextToken != nil {
		t.Errorf("the rest with another page size: %v, %v; want the last 3 sessions and no token", out, err)
	}
}

func TestStageUnknownThroughPaginator(t *testing.T) {
	fake := &sessionstest.StageService{}
	_, err := collect(sessions.StageSessions(fake, sessions.StageQuery{StageARN: arnA}))
	var le *sessions.ListError
	var apiErr smithy.APIError
	if !errors.As(err, &le) || le.Page != 1 || !errors.As(err, &apiErr) || apiErr.ErrorCode() != "ResourceNotFoundException" {
		t.Errorf("listing an unknown stage: %v; want a *sessions.ListError for page 1 reaching a ResourceNotFoundException", err)
	}
}

// TestStageKeepsNoPointers checks the transport contract: the fake records
// copies, so changing the input afterwards changes nothing.
func TestStageKeepsNoPointers(t *testing.T) {
	fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{arnA: nil}}
	arn, size := arnA, int32(5)
	in := &ivsrealtime.ListStageSessionsInput{StageArn: &arn, MaxResults: &size}
	if _, err := fake.ListStageSessions(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	arn, size = "changed", 99
	want := []sessionstest.StageCall{{StageARN: arnA, MaxResults: 5}}
	if diff := cmp.Diff(want, fake.Recorded()); diff != "" {
		t.Errorf("Recorded() mismatch (-want +got):\n%s", diff)
	}
}
