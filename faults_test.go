package sessions_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// The fault matrix runs every scripted fault of fakeaws through the real SDK
// clients (and their retryer, without its waits) and the library, for both
// operations, with and without Prefetch, and checks the exact items
// delivered (as "parent/ID" keys, in order), the error, the number of
// requests, and that the cursor taken afterwards resumes exactly.

const (
	wireFaultItems    = 140 // 7 pages of 20
	wireFaultPageSize = 20
	wireFaultPages    = wireFaultItems / wireFaultPageSize
)

// A wireLister is a paginator of either kind seen through item keys.
type wireLister interface {
	// take ranges over All and breaks after n items (n < 0: never).
	take(ctx context.Context, n int) ([]string, error)
	// pages ranges over Pages and breaks after k pages.
	pages(ctx context.Context, k int) ([]string, error)
	// walk ranges over All to the end, calling seen with the number of
	// items received so far after each one.
	walk(ctx context.Context, seen func(n int)) ([]string, error)
	cursor() string
}

type wirePaginator[T any] struct {
	p   *sessions.Paginator[T]
	key func(T) string
}

func (w wirePaginator[T]) take(ctx context.Context, n int) ([]string, error) {
	items, err := wireTake(ctx, w.p, n)
	keys := make([]string, len(items))
	for i, v := range items {
		keys[i] = w.key(v)
	}
	return keys, err
}

func (w wirePaginator[T]) walk(ctx context.Context, seen func(n int)) ([]string, error) {
	var keys []string
	for v, err := range w.p.All(ctx) {
		if err != nil {
			return keys, err
		}
		keys = append(keys, w.key(v))
		seen(len(keys))
	}
	return keys, nil
}

func (w wirePaginator[T]) pages(ctx context.Context, k int) ([]string, error) {
	var keys []string
	n := 0
	for pg, err := range w.p.Pages(ctx) {
		if err != nil {
			return keys, err
		}
		for _, v := range pg.Items {
			keys = append(keys, w.key(v))
		}
		if n++; n == k {
			break
		}
	}
	return keys, nil
}

func (w wirePaginator[T]) cursor() string { return w.p.Cursor() }

func wireStageKey(s sessions.StageSession) string      { return s.StageARN + "/" + s.ID }
func wireStudioKey(s sessions.StreamingSession) string { return s.StudioID + "/" + s.ID }

// A wireSide is one of the two operations, set up for the fault tests.
type wireSide struct {
	name   string
	op     fakeaws.Op
	parent string
	// server starts a server holding wireFaultItems sessions of the parent.
	server func(t *testing.T, opts ...fakeaws.Option) *fakeaws.Server
	// want is the full listing as keys.
	want []string
	// list makes a paginator from srv's client, starting at cursor.
	list func(srv *fakeaws.Server, cursor string, opts ...sessions.Option) (wireLister, error)
}

func wireSides() []wireSide {
	stageData := fakeaws.GenStageSessions(wireFaultItems, 21)
	studioData := fakeaws.GenStreamingSessions(wireFaultItems, 22)
	stage := wireSide{
		name: "stage", op: fakeaws.OpListStageSessions, parent: wireARN,
		server: func(t *testing.T, opts ...fakeaws.Option) *fakeaws.Server {
			return wireServer(t, append(opts, fakeaws.WithStage(wireARN, stageData))...)
		},
		list: func(srv *fakeaws.Server, cursor string, opts ...sessions.Option) (wireLister, error) {
			p, err := sessions.StageSessions(srv.StageClient(), sessions.StageQuery{StageARN: wireARN},
				append(opts, sessions.PageSize(wireFaultPageSize), sessions.StartingToken(cursor))...)
			return wirePaginator[sessions.StageSession]{p, wireStageKey}, err
		},
	}
	for _, s := range stageData.All() {
		stage.want = append(stage.want, wireARN+"/"+s.SessionID)
	}
	studio := wireSide{
		name: "studio", op: fakeaws.OpListStreamingSessions, parent: wireStudio,
		server: func(t *testing.T, opts ...fakeaws.Option) *fakeaws.Server {
			return wireServer(t, append(opts, fakeaws.WithStudio(wireStudio, studioData), fakeaws.WithStudioPageSize(wireFaultPageSize))...)
		},
		list: func(srv *fakeaws.Server, cursor string, opts ...sessions.Option) (wireLister, error) {
			p, err := sessions.StreamingSessions(srv.StudioClient(), sessions.StudioQuery{StudioID: wireStudio},
				append(opts, sessions.StartingToken(cursor))...)
			return wirePaginator[sessions.StreamingSession]{p, wireStudioKey}, err
		},
	}
	for _, s := range studioData.All() {
		studio.want = append(studio.want, wireStudio+"/"+s.ID)
	}
	return []wireSide{stage, studio}
}

func wireMustList(t *testing.T, side wireSide, srv *fakeaws.Server, cursor string, opts ...sessions.Option) wireLister {
	t.Helper()
	l, err := side.list(srv, cursor, opts...)
	if err != nil {
		t.Fatalf("%s paginator from cursor %q: %v", side.name, cursor, err)
	}
	return l
}

// wireAPIError checks that err reaches a smithy.APIError with code.
func wireAPIError(t *testing.T, err error, code string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != code {
		t.Errorf("err = %v, want a smithy.APIError with code %s", err, code)
	}
}

// wireAs checks that errors.As(err, &target) holds for the type of *E.
func wireAs[E error](t *testing.T, err error) {
	t.Helper()
	var target E
	if !errors.As(err, &target) {
		t.Errorf("err = %v (%T), want errors.As to reach %T", err, errors.Unwrap(err), target)
	}
}
