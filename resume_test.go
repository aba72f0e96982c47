package sessions_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

// Without PageSize a paginator asks for IVS's largest page, or for the page
// size of the cursor it resumes from; only a different explicit PageSize
// is refused.
func TestDefaultPageSizeAndCursorPageSize(t *testing.T) {
	f := stageSvc(testARN, stageData(testARN, 30))
	for _, tc := range []struct {
		name string
		opts []sessions.Option
		want int32
	}{
		{"default", nil, 100},
		{"cursor's", []sessions.Option{sessions.StartingToken(mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(7)).Cursor())}, 7},
		{"cursor's, repeated", []sessions.Option{sessions.PageSize(7), sessions.StartingToken(mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(7)).Cursor())}, 7},
	} {
		f.Calls = nil
		p := mustStage(t, f, sessions.StageQuery{StageARN: testARN}, tc.opts...)
		if _, err := sessions.Collect(p.All(context.Background())); err != nil {
			t.Fatal(err)
		}
		for _, c := range f.Recorded() {
			if c.MaxResults != int(tc.want) {
				t.Errorf("%s: MaxResults = %v, want %d", tc.name, c.MaxResults, tc.want)
			}
		}
	}
}

// TestResumeAnywhere breaks at every point of a filtered listing, in the
// same paginator and through a cursor in a new one, and checks that the
// pieces add up to the whole listing, exactly once and in order.
func TestResumeAnywhere(t *testing.T) {
	data := stageData(testARN, 47)
	q := sessions.StageQuery{StageARN: testARN, Where: func(s sessions.StageSession) bool { return s.ID[len(s.ID)-1] != '7' }}
	want, err := sessions.Collect(mustStage(t, stageSvc(testARN, data), q, sessions.PageSize(5)).All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	for _, prefetch := range []int{0, 1, 3} {
		for k := 1; k <= len(want); k++ {
			f := stageSvc(testARN, data)
			p := mustStage(t, f, q, sessions.PageSize(5), sessions.Prefetch(prefetch))
			var got []sessions.StageSession
			for s, err := range p.All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, s)
				if len(got) == k {
					break
				}
			}
			cursor := p.Cursor()
			again, err := sessions.Collect(p.All(context.Background())) // same paginator
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, append(got[:k:k], again...)); diff != "" {
				t.Fatalf("prefetch %d, break at %d, range again: mismatch (-want +got):\n%s", prefetch, k, diff)
			}
			if cursor == "" {
				if k != len(want) {
					t.Fatalf("prefetch %d, break at %d: empty cursor before the end", prefetch, k)
				}
				continue
			}
			rest, err := sessions.Collect(mustStage(t, f, q, sessions.PageSize(5), sessions.StartingToken(cursor)).All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, append(got[:k:k], rest...)); diff != "" {
				t.Fatalf("prefetch %d, break at %d, resume from cursor: mismatch (-want +got):\n%s", prefetch, k, diff)
			}
		}
	}
}

func TestRandomBreaksAndResumes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		n, size := rng.IntN(300), 1+rng.IntN(100)
		data := stageData(testARN, n)
		status := []sessions.StageStatus{sessions.AnyStatus, sessions.StageActive, sessions.StageEnded}[rng.IntN(3)]
		q := sessions.StageQuery{StageARN: testARN, Status: status}
		var want []sessions.StageSession
		for _, s := range data {
			if q.Match(s) {
				want = append(want, s)
			}
		}
		f := stageSvc(testARN, data)
		var got []sessions.StageSession
		cursor := ""
		for resumes := 0; ; resumes++ {
			if resumes > n+2 {
				t.Fatalf("round %d: no progress", round)
			}
			opts := []sessions.Option{sessions.PageSize(size), sessions.Prefetch(rng.IntN(3))}
			if cursor != "" {
				opts = append(opts, sessions.StartingToken(cursor))
			}
			p := mustStage(t, f, q, opts...)
			stop := 1 + rng.IntN(max(1, len(want)/3+1))
			i := 0
			for s, err := range p.All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, s)
				if i++; i == stop {
					break
				}
			}
			if cursor = p.Cursor(); cursor == "" {
				break
			}
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(emptyEqual)); diff != "" {
			t.Fatalf("round %d (n=%d size=%d status=%v): mismatch (-want +got):\n%s", round, n, size, status, diff)
		}
	}
}

func TestStartingServiceToken(t *testing.T) {
	f := stageSvc(testARN, stageData(testARN, 30))
	// The token the service returned with page 2.
	var token string
	for pg, err := range mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(10)).Pages(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if pg.Number == 2 {
			token = pg.NextToken
			break
		}
	}
	got, err := sessions.Collect(mustStage(t, f, sessions.StageQuery{StageARN: testARN}, sessions.PageSize(10), sessions.StartingToken(token)).All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(f.Stages[testARN][20:], got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// longTokens is a service whose page tokens are longer than IVS's 1,024
// characters: it lengthens the tokens svc returns and shortens them back.
type longTokens struct{ svc *sessionstest.StageService }

const longPad = "LongToken-"

func (l longTokens) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, o ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	c := *in
	if c.NextToken != nil {
		tok := strings.TrimPrefix(*c.NextToken, strings.Repeat(longPad, 150))
		c.NextToken = &tok
	}
	out, err := l.svc.ListStageSessions(ctx, &c, o...)
	if err == nil && out.NextToken != nil {
		tok := strings.Repeat(longPad, 150) + *out.NextToken
		out.NextToken = &tok
	}
	return out, err
}

// A service token longer than IVS's limit is followed, and a cursor that
// carries it resumes: the paginator never hands out a cursor it refuses
// (issue 15, item 7).
func TestCursorWithLongServiceToken(t *testing.T) {
	svc := stageSvc(testARN, stageData(testARN, 7))
	tr := longTokens{svc}
	q := sessions.StageQuery{StageARN: testARN}
	p := mustStage(t, tr, q, sessions.PageSize(2))
	var got []sessions.StageSession
	for s, err := range p.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if got = append(got, s); len(got) == 3 {
			break
		}
	}
	r, err := sessions.StageSessions(tr, q, sessions.StartingToken(p.Cursor()))
	if err != nil {
		t.Fatalf("resuming from a cursor the paginator handed out: %v", err)
	}
	rest, err := sessions.Collect(r.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ids(svc.Stages[testARN]), ids(append(got, rest...))); diff != "" {
		t.Errorf("sessions before and after the resume (-want +got):\n%s", diff)
	}
}
