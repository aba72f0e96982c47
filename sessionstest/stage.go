package sessionstest

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/smithy-go"

	"github.com/sessionkit/sessions"
)

// A StageService is an in-memory IVS Real-Time service: a
// [sessions.StageTransport] that pages through Stages like ListStageSessions
// does, records every call in Calls, and misbehaves as Faults say.
//
// Set the fields before the first call and do not change them while calls
// may be in flight. A StageService is safe for concurrent use; it must not
// be copied after its first call.
type StageService struct {
	// Stages holds the sessions of each stage, keyed by stage ARN, in the
	// order the service returns them. A stage with no sessions is listed
	// with a nil slice; a stage that is not a key does not exist. The
	// StageARN field of the values is ignored.
	Stages map[string][]sessions.StageSession

	// Faults are injected into the calls they select; see [Fault].
	Faults []Fault

	// Latency delays every call. A call whose context ends first returns
	// the context's error at once.
	Latency time.Duration

	// Calls records every call, in the order they arrived. The service
	// appends to it under its lock: read it once no call is in flight (after
	// the range loop, Collect or Merge has returned), or use
	// [StageService.Recorded] at any time. Set it to nil to start afresh;
	// fault call numbers keep counting.
	Calls []StageCall

	count counter
}

// A StageCall is one ListStageSessions call as the service received it.
type StageCall struct {
	StageARN   string // stageArn; "" when nil
	MaxResults int    // maxResults; 0 when nil (the service's default, 50)
	NextToken  string // nextToken; "" when nil
}

var _ sessions.StageTransport = (*StageService)(nil)

var stageARNPattern = regexp.MustCompile(`^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$`)

// ListStageSessions serves one page of in.StageArn's sessions: in.MaxResults
// of them (1–100; 50 when nil), from in.NextToken on. Bad input, such as an
// invalid ARN, page size or token, gets a *types.ValidationException; a
// stage not in Stages gets a *smithy.GenericAPIError with Code
// "ResourceNotFoundException", which is what the SDK client makes of that
// code, since the operation does not model it. optFns are ignored.
func (s *StageService) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, optFns ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	if in == nil {
		in = &ivsrealtime.ListStageSessionsInput{}
	}
	call := StageCall{StageARN: aws.ToString(in.StageArn), MaxResults: int(aws.ToInt32(in.MaxResults)), NextToken: aws.ToString(in.NextToken)}
	n, fault := s.count.arrive(call.StageARN, s.Faults, func() { s.Calls = append(s.Calls, call) })
	if err := wait(ctx, s.Latency); err != nil {
		return nil, err
	}
	if fault != nil {
		switch fault.kind {
		case faultError:
			return nil, fault.err
		case faultThrottle:
			return nil, &smithy.GenericAPIError{Code: "ThrottlingException", Message: "Rate exceeded", Fault: smithy.FaultClient}
		}
	}

	arn := call.StageARN
	switch {
	case in.StageArn == nil:
		return nil, stageInvalid("stageArn is required")
	case len(arn) < 1 || len(arn) > 128 || !stageARNPattern.MatchString(arn):
		return nil, stageInvalid("stageArn does not match pattern " + stageARNPattern.String())
	case in.MaxResults != nil && (*in.MaxResults < 1 || *in.MaxResults > 100):
		return nil, stageInvalid("maxResults must be between 1 and 100, got " + strconv.Itoa(call.MaxResults))
	}
	size := 50
	if in.MaxResults != nil {
		size = call.MaxResults
	}
	all, ok := s.Stages[arn]
	if !ok {
		return nil, &smithy.GenericAPIError{Code: "ResourceNotFoundException", Message: "stage " + arn + " not found", Fault: smithy.FaultClient}
	}
	start, end, next, err := page(binding("ListStageSessions", arn, strconv.Itoa(size)), len(all), size, in.NextToken, fault, n)
	if err == errBadToken {
		return nil, stageInvalid(err.Error())
	}
	if err != nil {
		return nil, err
	}
	out := &ivsrealtime.ListStageSessionsOutput{StageSessions: make([]types.StageSessionSummary, 0, end-start)}
	for _, v := range all[start:end] {
		out.StageSessions = append(out.StageSessions, types.StageSessionSummary{
			SessionId: aws.String(v.ID),
			StartTime: timePtr(v.StartTime),
			EndTime:   timePtr(v.EndTime),
		})
	}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	return out, nil
}

// Recorded returns a copy of Calls, taken under the service's lock, so it is
// safe to call while other calls are in flight.
func (s *StageService) Recorded() []StageCall {
	s.count.mu.Lock()
	defer s.count.mu.Unlock()
	return slices.Clone(s.Calls)
}

func stageInvalid(msg string) error {
	// The service sends exceptionMessage; Message is set too so that the
	// error's text says what is wrong.
	return &types.ValidationException{Message: aws.String(msg), ExceptionMessage: aws.String(msg), XAmznErrorType: aws.String("ValidationException")}
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
