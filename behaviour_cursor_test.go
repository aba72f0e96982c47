package sessions_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
)

// shiftingStage pages data by offset; shift puts a new session in front,
// as a service does when a session starts between two listings.
type shiftingStage struct {
	mu   sync.Mutex
	data []string
}

func (s *shiftingStage) shift() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data = append([]string{fmt.Sprintf("new-%d", len(s.data))}, s.data...)
}

func (s *shiftingStage) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, _ ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := 0
	if in.NextToken != nil {
		fmt.Sscanf(*in.NextToken, "t%d", &start)
	}
	size := int(aws.ToInt32(in.MaxResults))
	end := min(start+size, len(s.data))
	out := &ivsrealtime.ListStageSessionsOutput{StageSessions: []ivstypes.StageSessionSummary{}}
	for _, id := range s.data[start:end] {
		out.StageSessions = append(out.StageSessions, ivstypes.StageSessionSummary{SessionId: aws.String(id), StartTime: aws.Time(time.Unix(0, 0))})
	}
	if end < len(s.data) {
		out.NextToken = aws.String(fmt.Sprintf("t%d", end))
	}
	return out, nil
}

// A cursor read inside the loop body resumes as exactly as one read after
// break at the same item, also when the service shifts its items.
func TestCursorInsideTheBodyResumesExactly(t *testing.T) {
	const n, size = 12, 4
	var orig []string
	for i := range n {
		orig = append(orig, fmt.Sprintf("s%02d", i))
	}
	for stop := range n - 1 {
		for _, after := range []bool{false, true} {
			svc := &shiftingStage{data: slices.Clone(orig)}
			p := mustStage(t, svc, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(size))
			var cursor string
			i := 0
			for _, err := range p.All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
				cursor = p.Cursor()
				if i == stop {
					break
				}
				i++
			}
			if after {
				cursor = p.Cursor()
			}
			svc.shift()
			r := mustStage(t, svc, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(size), sessions.StartingToken(cursor))
			got, err := sessions.Collect(r.All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(orig[stop+1:], ids(got)); diff != "" {
				t.Errorf("stop after %d, cursor read after break=%v: resumed (-want +got):\n%s", stop, after, diff)
			}
		}
	}
}

// A session ID that repeats on a page does not confuse resume.
func TestRepeatedIDOnAPage(t *testing.T) {
	svc := &regressScripted{pages: map[string]regressPage{"": {ids: []string{"a", "b", "a", "c"}}}}
	p := mustStage(t, svc, sessions.StageQuery{StageARN: testARN})
	n := 0
	for _, err := range p.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	c := p.Cursor()
	r := mustStage(t, svc, sessions.StageQuery{StageARN: testARN}, sessions.StartingToken(c))
	got, err := sessions.Collect(r.All(context.Background()))
	if err != nil || !slices.Equal(ids(got), []string{"c"}) {
		t.Errorf("resumed after the second a: %v, %v; want [c]", ids(got), err)
	}
	got, err = sessions.Collect(p.All(context.Background()))
	if err != nil || !slices.Equal(ids(got), []string{"c"}) {
		t.Errorf("ranged again after the second a: %v, %v; want [c]", ids(got), err)
	}
}

// Wrapped sentinels do not repeat the package prefix.
func TestErrorTextsHaveOnePrefix(t *testing.T) {
	svc := &regressScripted{pages: map[string]regressPage{"": {ids: []string{"a"}, next: "A"}, "A": {ids: []string{"b"}, next: "A"}}}
	_, err := sessions.Collect(mustStage(t, svc, sessions.StageQuery{StageARN: testARN}).All(context.Background()))
	if !errors.Is(err, sessions.ErrTokenLoop) {
		t.Fatalf("err = %v, want ErrTokenLoop", err)
	}
	want := "sessions: ListStageSessions " + testARN + " page 2: the service repeated a page token"
	if err.Error() != want {
		t.Errorf("err.Error() = %q, want %q", err, want)
	}
}

func TestStageStatusRoundTrips(t *testing.T) {
	for _, s := range []sessions.StageStatus{sessions.StageActive, sessions.StageEnded, sessions.AnyStatus} {
		if got, err := sessions.ParseStageStatus(s.String()); err != nil || got != s {
			t.Errorf("ParseStageStatus(%q) = %q, %v; want %q", s.String(), got, err, s)
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var got sessions.StageStatus
		if err := json.Unmarshal(b, &got); err != nil || got != s {
			t.Errorf("json.Unmarshal(%s) = %q, %v; want %q", b, got, err, s)
		}
		if err := got.UnmarshalText([]byte(s.String())); err != nil || got != s {
			t.Errorf("UnmarshalText(%q) = %q, %v; want %q", s.String(), got, err, s)
		}
	}
}

// Resuming from a cursor read in the loop body, after the service put a new
// session in front (or not), delivers each older session once, at every
// stopping point, with or without Prefetch. (With offset tokens, a shift
// larger than what is left of the page moves the last item read out of the
// page the cursor names; no cursor can find it then.)
func TestResumeAcrossShiftsAtRandomPoints(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 100 {
		n, size := 1+rng.IntN(60), 1+rng.IntN(12)
		var orig []string
		for i := range n {
			orig = append(orig, fmt.Sprintf("s%03d", i))
		}
		svc := &shiftingStage{data: slices.Clone(orig)}
		var got []string
		cursor := ""
		for steps := 0; ; steps++ {
			if steps > 2*n+2 {
				t.Fatalf("round %d: no progress", round)
			}
			opts := []sessions.Option{sessions.PageSize(size), sessions.Prefetch(rng.IntN(3))}
			if cursor != "" {
				opts = append(opts, sessions.StartingToken(cursor))
			}
			p := mustStage(t, svc, sessions.StageQuery{StageARN: testARN}, opts...)
			k, taken := 1+rng.IntN(2*size), 0
			for s, err := range p.All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
				got, cursor = append(got, s.ID), p.Cursor()
				if taken++; taken == k {
					break
				}
			}
			if taken < k || cursor == "" {
				break
			}
			if rng.IntN(2) == 0 {
				svc.shift()
			}
		}
		if diff := cmp.Diff(orig, got); diff != "" {
			t.Fatalf("round %d (n %d, page size %d): (-want +got):\n%s", round, n, size, diff)
		}
	}
}
