package sessionstest

//lint:file-ignore SA1019 Nimble Studio is shut down and every API of its final SDK release is marked deprecated; faking that API is the point of this file.

import (
	"context"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	"github.com/aws/aws-sdk-go-v2/service/nimble/types"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
	"github.com/sessionkit/sessions/internal/fakesvc"
)

// DefaultStudioPageSize is the page size of a [StudioService] whose PageSize
// is zero.
const DefaultStudioPageSize = 100

// A StudioService is an in-memory Nimble Studio service: a
// [sessions.StudioTransport] that pages through Studios like
// ListStreamingSessions does, with the server-side filters createdBy,
// ownedBy and sessionIds, records every call in Calls, and misbehaves as
// Faults say.
//
// Set the fields before the first call and do not change them while calls
// may be in flight. A StudioService is safe for concurrent use; it must not
// be copied after its first call.
type StudioService struct {
	// Studios holds the streaming sessions of each studio, keyed by studio
	// ID, in the order the service returns them. A studio with no sessions
	// is listed with a nil slice; a studio that is not a key does not
	// exist. The StudioID field of the values is ignored.
	Studios map[string][]sessions.StreamingSession

	// PageSize is how many sessions a page holds at most (the API has no
	// page size parameter; the service picks one). Zero or less means
	// [DefaultStudioPageSize].
	PageSize int

	// Faults are injected into the calls they select; see [Fault].
	Faults []Fault

	// Latency delays every call. A call whose context ends first returns
	// the context's error at once.
	Latency time.Duration

	// Calls records every call, in the order they arrived. The service
	// appends to it under its lock: read it once no call is in flight (after
	// the range loop, Collect or Merge has returned), or use
	// [StudioService.Recorded] at any time. Set it to nil to start afresh;
	// fault call numbers keep counting.
	Calls []StudioCall

	count counter
}

// A StudioCall is one ListStreamingSessions call as the service received
// it. Each field is the parameter as sent, "" when nil.
type StudioCall struct {
	StudioID   string
	CreatedBy  string
	OwnedBy    string
	SessionIDs string // the sessionIds parameter: one session ID
	NextToken  string
}

var _ sessions.StudioTransport = (*StudioService)(nil)

// ListStreamingSessions serves one page of the sessions of in.StudioId that
// match in.CreatedBy, in.OwnedBy and in.SessionIds (each an exact match when
// set; SessionIds is one session ID), from in.NextToken on. A missing studio
// ID or an invalid token gets a *types.ValidationException and a studio not
// in Studios a *types.ResourceNotFoundException. optFns are ignored.
func (s *StudioService) ListStreamingSessions(ctx context.Context, in *nimble.ListStreamingSessionsInput, optFns ...func(*nimble.Options)) (*nimble.ListStreamingSessionsOutput, error) {
	if in == nil {
		in = &nimble.ListStreamingSessionsInput{}
	}
	call := StudioCall{
		StudioID:   aws.ToString(in.StudioId),
		CreatedBy:  aws.ToString(in.CreatedBy),
		OwnedBy:    aws.ToString(in.OwnedBy),
		SessionIDs: aws.ToString(in.SessionIds),
		NextToken:  aws.ToString(in.NextToken),
	}
	n, fault, delay := s.count.arrive(fakesvc.OpListStreamingSessions, call.StudioID, s.Faults, func() { s.Calls = append(s.Calls, call) })
	if err := wait(ctx, s.Latency+delay); err != nil {
		return nil, err
	}
	if err := faultError(fakesvc.OpListStreamingSessions, fault, nimbleError); err != nil {
		return nil, err
	}
	if call.StudioID == "" {
		return nil, nimbleError(fakesvc.Invalid("studioId is required", "studioId"))
	}
	if in.NextToken != nil {
		if err := fakesvc.CheckToken(*in.NextToken); err != nil {
			return nil, nimbleError(err)
		}
	}
	all, ok := s.Studios[call.StudioID]
	if !ok {
		return nil, nimbleError(fakesvc.NotFound("Studio not found: "+call.StudioID, call.StudioID))
	}
	var kept []int // indexes of the matching sessions
	for i := range all {
		v := &all[i]
		if (in.CreatedBy == nil || v.CreatedBy == call.CreatedBy) &&
			(in.OwnedBy == nil || v.OwnedBy == call.OwnedBy) &&
			(in.SessionIds == nil || v.ID == call.SessionIDs) {
			kept = append(kept, i)
		}
	}
	size := s.PageSize
	if size <= 0 {
		size = DefaultStudioPageSize
	}
	bind := fakesvc.Binding(fakesvc.OpListStreamingSessions, call.StudioID, in.CreatedBy, in.OwnedBy, in.SessionIds)
	p, err := page(fakesvc.Listing{Binding: bind, Len: len(kept), Size: size}, in.NextToken, fault, n, nimbleError)
	if err != nil {
		return nil, err
	}
	start, end, next := p.Start, p.End, p.Next
	out := &nimble.ListStreamingSessionsOutput{Sessions: make([]types.StreamingSession, 0, end-start)}
	for _, i := range kept[start:end] {
		out.Sessions = append(out.Sessions, toSDK(&all[i]))
	}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	return out, nil
}

// Recorded returns a copy of Calls, taken under the service's lock, so it is
// safe to call while other calls are in flight.
func (s *StudioService) Recorded() []StudioCall {
	s.count.mu.Lock()
	defer s.count.mu.Unlock()
	return slices.Clone(s.Calls)
}

// toSDK is the inverse of the conversion the sessions package applies to
// every item: zero values become nil pointers. Tags are copied so that a
// caller changing a page cannot change the service's data.
func toSDK(v *sessions.StreamingSession) types.StreamingSession {
	return fakeaws.StreamingSessionSDK(v)
}
