// Package sessions lists Amazon IVS Real-Time stage sessions and Amazon
// Nimble Studio streaming sessions through typed, range-able paginators.
//
// A paginator is built from a transport (the SDK client, or a fake from
// package sessionstest), a query and options, all checked before any request:
//
//	p, err := sessions.StageSessions(ivsrealtime.NewFromConfig(cfg),
//		sessions.StageQuery{StageARN: arn, Status: sessions.StageActive},
//		sessions.MaxItems(500))
//	if err != nil {
//		return err // an *InputError naming the field
//	}
//	for s, err := range p.All(ctx) {
//		if err != nil {
//			return err // a *ListError wrapping the SDK's error
//		}
//		fmt.Println(s.ID, s.StartTime)
//	}
//	next := p.Cursor() // resume here later, even in another process
//
// Items are values ([StageSession], [StreamingSession]) with typed enums
// instead of pointers. Filters the service understands are sent to it and
// checked again on the client; the rest run on the client. [Paginator.Cursor]
// is an exact resume point, also in the middle of a page. A token the service
// repeats ends the listing with [ErrTokenLoop]. [Prefetch] reads pages ahead
// while the caller works, and [Merge] lists many stages or studios at once.
// Build IVS clients with the [IVSErrorMessages] option to read IVS's error
// text in every error.
//
// Beyond one stage: [Stages] lists the stages of a region, and
// [AccountSessions] lists the sessions of every stage of an account, in
// several regions, as one loop with one cursor ([Fanout.Cursor]) that
// resumes every stage exactly; [NewFanout] does the same for any set of
// paginators.
//
// The requests of an *ivsrealtime.Client are paced under IVS Real-Time's
// quota of 5 requests a second per region and operation ([MaxRate],
// [ClientMaxRate]); a throttled request is sent again instead of failing.
// Other retries and backoff are left to the SDK's retryer (see aws/retry).
package sessions

//lint:file-ignore SA1019 Nimble Studio is shut down and its final SDK release marks every API deprecated; supporting it is part of this package.

import (
	"context"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
)

// A StageTransport lists the sessions of an IVS Real-Time stage. The SDK's
// *ivsrealtime.Client satisfies it unchanged; package sessionstest has a fake.
//
// ListStageSessions must be safe for concurrent use (paginators combined by
// [Merge] call it from several goroutines), must honour ctx, and must neither
// modify nor keep in or its fields after it returns.
type StageTransport interface {
	ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, optFns ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error)
}

// A StudioTransport lists the streaming sessions of a Nimble Studio studio.
// The SDK's *nimble.Client satisfies it unchanged; package sessionstest has a
// fake. The contract is that of [StageTransport].
type StudioTransport interface {
	ListStreamingSessions(ctx context.Context, in *nimble.ListStreamingSessionsInput, optFns ...func(*nimble.Options)) (*nimble.ListStreamingSessionsOutput, error)
}

var (
	_ StageTransport  = (*ivsrealtime.Client)(nil)
	_ StudioTransport = (*nimble.Client)(nil)
)

// isNil reports whether a transport is nil, also a typed nil such as
// (*ivsrealtime.Client)(nil), which would panic on the first request.
func isNil(t any) bool {
	if t == nil {
		return true
	}
	switch v := reflect.ValueOf(t); v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface:
		return v.IsNil()
	}
	return false
}
