package sessionstest

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakesvc"
)

// A StageService is an in-memory IVS Real-Time service: a
// [sessions.StageTransport] that pages through Stages like ListStageSessions
// does and lists them like ListStages does, records every call in Calls and
// ListStagesCalls, and misbehaves as Faults say.
//
// Set the fields before the first call and do not change them while calls
// may be in flight. A StageService is safe for concurrent use; it must not
// be copied after its first call.
type StageService struct {
	// Stages holds the sessions of each stage, keyed by stage ARN, in the
	// order the service returns them. A stage with no sessions is listed
	// with a nil slice; a stage that is not a key does not exist. The
	// StageARN field of the values is ignored. ListStages lists the keys,
	// in ARN order, with as active session the last session that has no
	// EndTime.
	Stages map[string][]sessions.StageSession

	// Info gives the stages of Stages a name and tags, as ListStages
	// reports them. A stage missing from Info has neither.
	Info map[string]StageInfo

	// Region, if set, makes the service the endpoint of one region, like
	// an *ivsrealtime.Client made for it: ListStages lists only the stages
	// whose ARN names that region, and a stage of another region is not
	// found. The Region that a call's optFns set, if any, overrides it.
	Region string

	// Faults are injected into the calls they select; see [Fault]. They
	// count the calls of both operations; For(region) selects the
	// ListStages calls of a region.
	Faults []Fault

	// Latency delays every call. A call whose context ends first returns
	// the context's error at once.
	Latency time.Duration

	// Quota, if set, throttles the calls over it, per region (the
	// service's, or the one a call's optFns set) and operation, with the
	// error the SDK client returns for IVS's answer: a
	// *smithy.GenericAPIError with Code "ThrottlingException" and
	// message "Rate exceeded". Faults fire before the quota is asked.
	Quota *Quota

	// Calls records every ListStageSessions call, in the order they
	// arrived. The service appends to it under its lock: read it once no
	// call is in flight (after the range loop, Collect or Merge has
	// returned), or use [StageService.Recorded] at any time. Set it to nil
	// to start afresh; fault call numbers keep counting.
	Calls []StageCall

	// ListStagesCalls records every ListStages call, like Calls.
	ListStagesCalls []ListStagesCall

	count counter
}

// A StageInfo is what ListStages says about a stage besides its ARN and
// active session.
type StageInfo struct {
	Name string
	Tags map[string]string
}

// A StageCall is one ListStageSessions call as the service received it.
type StageCall struct {
	StageARN   string // stageArn; "" when nil
	MaxResults int    // maxResults; 0 when nil (the service's default, 50)
	NextToken  string // nextToken; "" when nil
}

// A ListStagesCall is one ListStages call as the service received it.
type ListStagesCall struct {
	Region     string // the region the call was for; "" for every region
	MaxResults int    // maxResults; 0 when nil (the service's default, 50)
	NextToken  string // nextToken; "" when nil
}

var _ sessions.StageTransport = (*StageService)(nil)

// ListStageSessions serves one page of in.StageArn's sessions: in.MaxResults
// of them (1–100; 50 when nil), from in.NextToken on. Bad input, such as an
// invalid ARN, page size or token, gets a *types.ValidationException; a
// stage not in Stages (or of another region than the service's) gets a
// *smithy.GenericAPIError with Code "ResourceNotFoundException", which is
// what the SDK client makes of that code, since the operation does not
// model it.
func (s *StageService) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, optFns ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	if in == nil {
		in = &ivsrealtime.ListStageSessionsInput{}
	}
	call := StageCall{StageARN: aws.ToString(in.StageArn), MaxResults: int(aws.ToInt32(in.MaxResults)), NextToken: aws.ToString(in.NextToken)}
	n, fault, delay := s.count.arrive(fakesvc.OpListStageSessions, call.StageARN, s.Faults, func() { s.Calls = append(s.Calls, call) })
	conv := func(e *fakesvc.Error) error { return ivsError(e, stageSessionsModels) }
	if err := wait(ctx, s.Latency+delay); err != nil {
		return nil, err
	}
	if err := faultError(fakesvc.OpListStageSessions, fault, conv); err != nil {
		return nil, err
	}
	if !s.Quota.allow(s.region(optFns), fakesvc.OpListStageSessions) {
		return nil, conv(fakesvc.OverQuota())
	}
	all, ok := s.Stages[call.StageARN]
	size, verr := fakesvc.CheckStageSessions(in.StageArn, in.MaxResults, in.NextToken, ok, s.region(optFns))
	if verr != nil {
		return nil, conv(verr)
	}
	l := fakesvc.Listing{Binding: fakesvc.Binding(fakesvc.OpListStageSessions, call.StageARN), Len: len(all), Size: size}
	p, err := page(l, in.NextToken, fault, n, conv)
	if err != nil {
		return nil, err
	}
	out := &ivsrealtime.ListStageSessionsOutput{StageSessions: make([]types.StageSessionSummary, 0, p.End-p.Start)}
	for _, v := range all[p.Start:p.End] {
		out.StageSessions = append(out.StageSessions, types.StageSessionSummary{
			SessionId: aws.String(v.ID),
			StartTime: timePtr(v.StartTime),
			EndTime:   timePtr(v.EndTime),
		})
	}
	if p.Next != "" {
		out.NextToken = aws.String(p.Next)
	}
	return out, nil
}

// ListStages serves one page of the stages of the service's region (every
// stage when Region is ""), in ARN order: in.MaxResults of them (1–100; 50
// when nil), from in.NextToken on. A bad page size or token gets a
// *types.ValidationException.
func (s *StageService) ListStages(ctx context.Context, in *ivsrealtime.ListStagesInput, optFns ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStagesOutput, error) {
	if in == nil {
		in = &ivsrealtime.ListStagesInput{}
	}
	region := s.region(optFns)
	call := ListStagesCall{Region: region, MaxResults: int(aws.ToInt32(in.MaxResults)), NextToken: aws.ToString(in.NextToken)}
	n, fault, delay := s.count.arrive(fakesvc.OpListStages, region, s.Faults, func() { s.ListStagesCalls = append(s.ListStagesCalls, call) })
	conv := func(e *fakesvc.Error) error { return ivsError(e, stagesModels) }
	if err := wait(ctx, s.Latency+delay); err != nil {
		return nil, err
	}
	if err := faultError(fakesvc.OpListStages, fault, conv); err != nil {
		return nil, err
	}
	if !s.Quota.allow(region, fakesvc.OpListStages) {
		return nil, conv(fakesvc.OverQuota())
	}
	arns, l, verr := fakesvc.StageListing(slices.Collect(maps.Keys(s.Stages)), func(a string) string { return a }, region, in.MaxResults, in.NextToken)
	if verr != nil {
		return nil, conv(verr)
	}
	p, err := page(l, in.NextToken, fault, n, conv)
	if err != nil {
		return nil, err
	}
	out := &ivsrealtime.ListStagesOutput{Stages: make([]types.StageSummary, 0, p.End-p.Start)}
	for _, arn := range arns[p.Start:p.End] {
		info := s.Info[arn]
		out.Stages = append(out.Stages, types.StageSummary{
			Arn:             aws.String(arn),
			Name:            strPtr(info.Name),
			ActiveSessionId: strPtr(activeSessionID(s.Stages[arn])),
			Tags:            maps.Clone(info.Tags),
		})
	}
	if p.Next != "" {
		out.NextToken = aws.String(p.Next)
	}
	return out, nil
}

// region returns the region a call is for: the service's, or the one its
// optFns set.
func (s *StageService) region(optFns []func(*ivsrealtime.Options)) string {
	if len(optFns) == 0 {
		return s.Region
	}
	o := ivsrealtime.Options{Region: s.Region}
	for _, fn := range optFns {
		fn(&o)
	}
	return o.Region
}

// activeSessionID returns the ID of the last session with no end time.
func activeSessionID(ss []sessions.StageSession) string {
	for i := len(ss) - 1; i >= 0; i-- {
		if ss[i].EndTime.IsZero() {
			return ss[i].ID
		}
	}
	return ""
}

// Recorded returns a copy of Calls, taken under the service's lock, so it is
// safe to call while other calls are in flight.
func (s *StageService) Recorded() []StageCall {
	s.count.mu.Lock()
	defer s.count.mu.Unlock()
	return slices.Clone(s.Calls)
}

// RecordedListStages returns a copy of ListStagesCalls, taken under the
// service's lock, so it is safe to call while other calls are in flight.
func (s *StageService) RecordedListStages() []ListStagesCall {
	s.count.mu.Lock()
	defer s.count.mu.Unlock()
	return slices.Clone(s.ListStagesCalls)
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
