package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

// The tests in this file hold the paginator to the behaviours that misuse
// and unusual services put to the test: a loop body that stops, panics,
// nested ranges, checkpoints inside the loop body, repeated IDs and a
// service that shifts its items between requests.

func ids(items []sessions.StageSession) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = s.ID
	}
	return out
}

// blockingStage blocks every request until release is closed.
type blockingStage struct {
	*sessionstest.StageService
	entered chan struct{}
	release chan struct{}
}

func (b *blockingStage) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, o ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	select {
	case b.entered <- struct{}{}:
	default:
	}
	<-b.release
	return b.StageService.ListStageSessions(ctx, in, o...)
}

// Ranging over a paginator while another range over it is in progress
// yields ErrConcurrentRange and leaves the paginator intact.
func TestNestedAndConcurrentRange(t *testing.T) {
	for _, prefetch := range []int{0, 2} {
		t.Run(fmt.Sprintf("nested/prefetch%d", prefetch), func(t *testing.T) {
			f := stageSvc(testARN, stageData(testARN, 20))
			p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(5), sessions.Prefetch(prefetch))
			var got []sessions.StageSession
			for s, err := range p.All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, s)
				if len(got) == 7 {
					for _, err := range p.All(context.Background()) {
						if !errors.Is(err, sessions.ErrConcurrentRange) {
							t.Errorf("nested All: err = %v, want ErrConcurrentRange", err)
						}
					}
					for _, err := range p.Pages(context.Background()) {
						if !errors.Is(err, sessions.ErrConcurrentRange) {
							t.Errorf("nested Pages: err = %v, want ErrConcurrentRange", err)
						}
					}
					_, err := sessions.Collect(sessions.Merge(context.Background(), 1, p))
					if !errors.Is(err, sessions.ErrConcurrentRange) {
						t.Errorf("nested Merge: err = %v, want ErrConcurrentRange", err)
					}
				}
			}
			if diff := cmp.Diff(f.Stages[testARN], got); diff != "" {
				t.Errorf("outer range (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("two goroutines", func(t *testing.T) {
		b := &blockingStage{StageService: stageSvc(testARN, stageData(testARN, 10)), entered: make(chan struct{}, 1), release: make(chan struct{})}
		p := mustStage(t, b, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(5))
		done := make(chan []sessions.StageSession)
		go func() {
			got, _ := sessions.Collect(p.All(context.Background()))
			done <- got
		}()
		select {
		case <-b.entered:
		case <-time.After(time.Minute):
			close(b.release)
			t.Fatal("the first range sent no request within a minute")
		}
		_, err := sessions.Collect(p.All(context.Background()))
		if !errors.Is(err, sessions.ErrConcurrentRange) {
			t.Errorf("second range: err = %v, want ErrConcurrentRange", err)
		}
		close(b.release)
		select {
		case got := <-done:
			if len(got) != 10 {
				t.Errorf("first range got %d items, want 10", len(got))
			}
		case <-time.After(time.Minute):
			t.Fatal("the first range has not ended a minute after its requests were released")
		}
	})
}
