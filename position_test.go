package sessions_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
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

// reToken edits cursor c, which holds the service token old once, to hold
// tok (of old's length) instead, and recomputes its checksum. A cursor is a
// prefix, then base64url of a body and the body's CRC-32 (IEEE, big-endian).
func reToken(t *testing.T, c, old, tok string) string {
	t.Helper()
	prefix := c[:strings.LastIndex(c, ".")+1]
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(c, prefix))
	if err != nil || len(raw) < 4 {
		t.Fatalf("cursor %q: %v", c, err)
	}
	body := raw[:len(raw)-4]
	if bytes.Count(body, []byte(old)) != 1 || len(tok) != len(old) {
		t.Fatalf("the cursor %q does not hold the token %q once, or %q is not as long", c, old, tok)
	}
	b := bytes.Replace(body, []byte(old), []byte(tok), 1)
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// A cursor edited to carry another service token, with its checksum
// recomputed, gets the same token check as a bare StartingToken: a token the
// service could not have returned is refused before any request.
func TestForgedCursorTokenIsChecked(t *testing.T) {
	svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{testARN: stageData(testARN, 5)}}
	const good, valid = "AbCdEfGh+/=_-0123", "zyxwvutsrqponmlkj"
	q := sessions.StageQuery{StageARN: testARN}
	stageCursor := mustStage(t, svc, q, sessions.StartingToken(good)).Cursor()
	stages, err := sessions.Stages(svc, sessions.StageFilter{}, sessions.StartingToken(good))
	if err != nil {
		t.Fatal(err)
	}
	stagesCursor := stages.Cursor()
	// The forgery itself is sound: a valid token passes.
	if _, err := sessions.StageSessions(svc, q, sessions.StartingToken(reToken(t, stageCursor, good, valid))); err != nil {
		t.Fatalf("a re-checksummed cursor with a valid token: %v", err)
	}
	if _, err := sessions.Stages(svc, sessions.StageFilter{}, sessions.StartingToken(reToken(t, stagesCursor, good, valid))); err != nil {
		t.Fatalf("a re-checksummed Stages cursor with a valid token: %v", err)
	}
	for _, tok := range []string{"not a token!!!!!!", "AbCdEfGh\x00/=_-0123"} {
		_, err := sessions.StageSessions(svc, q, sessions.StartingToken(reToken(t, stageCursor, good, tok)))
		checkInputError(t, err, "StartingToken")
		if err != nil && !strings.Contains(err.Error(), "IVS token") {
			t.Errorf("error %q does not say the token is not an IVS token", err)
		}
		_, err = sessions.Stages(svc, sessions.StageFilter{}, sessions.StartingToken(reToken(t, stagesCursor, good, tok)))
		checkInputError(t, err, "StartingToken")
	}
	if n := len(svc.Recorded()) + len(svc.RecordedListStages()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

// regressScripted serves fixed pages: token -> page. "" is the first page.
type regressScripted struct {
	pages map[string]regressPage
	mu    sync.Mutex
	sent  []string
}

type regressPage struct {
	ids  []string
	next string
}

func (s *regressScripted) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, _ ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	tok := aws.ToString(in.NextToken)
	s.mu.Lock()
	s.sent = append(s.sent, tok)
	s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pg, ok := s.pages[tok]
	if !ok {
		return nil, fmt.Errorf("unknown token %q", tok)
	}
	out := &ivsrealtime.ListStageSessionsOutput{StageSessions: []ivstypes.StageSessionSummary{}}
	for _, id := range pg.ids {
		out.StageSessions = append(out.StageSessions, ivstypes.StageSessionSummary{SessionId: aws.String(id), StartTime: aws.Time(time.Unix(0, 0))})
	}
	if pg.next != "" {
		out.NextToken = aws.String(pg.next)
	}
	return out, nil
}

// Regression (found in review): a cursor taken in the middle of a page whose next token closes a
// cycle forgets that the listing loops; a new paginator resumed from it
// re-delivers a page that was already delivered before ErrTokenLoop.
func TestRegressCursorMidLoopPageRedelivers(t *testing.T) {
	svc := &regressScripted{pages: map[string]regressPage{
		"":  {ids: []string{"a1", "a2"}, next: "A"},
		"A": {ids: []string{"b1", "b2"}, next: "B"},
		"B": {ids: []string{"c1", "c2"}, next: "A"}, // cycle A -> B -> A
	}}
	ctx := context.Background()
	q := sessions.StageQuery{StageARN: testARN}
	p, err := sessions.StageSessions(svc, q)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for s, err := range p.All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s.ID)
		if s.ID == "c1" { // stop in the middle of the page that closes the cycle
			break
		}
	}
	p2, err := sessions.StageSessions(svc, q, sessions.StartingToken(p.Cursor()))
	if err != nil {
		t.Fatal(err)
	}
	var loopErr error
	for s, err := range p2.All(ctx) {
		if err != nil {
			loopErr = err
			break
		}
		got = append(got, s.ID)
	}
	seen := map[string]int{}
	for _, id := range got {
		seen[id]++
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("%s delivered %d times; all: %v (err %v)", id, n, got, loopErr)
		}
	}
	if !errors.Is(loopErr, sessions.ErrTokenLoop) {
		t.Errorf("err = %v, want ErrTokenLoop", loopErr)
	}
}

// Same paginator: the history is kept, so no duplicate (control).
func TestRegressCursorMidLoopPageSamePaginator(t *testing.T) {
	svc := &regressScripted{pages: map[string]regressPage{
		"":  {ids: []string{"a1", "a2"}, next: "A"},
		"A": {ids: []string{"b1", "b2"}, next: "B"},
		"B": {ids: []string{"c1", "c2"}, next: "A"},
	}}
	p, _ := sessions.StageSessions(svc, sessions.StageQuery{StageARN: testARN})
	var got []string
	for s, err := range p.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s.ID)
		if s.ID == "c1" {
			break
		}
	}
	rest, err := sessions.Collect(p.All(context.Background()))
	for _, s := range rest {
		got = append(got, s.ID)
	}
	if len(got) != 6 || !errors.Is(err, sessions.ErrTokenLoop) {
		t.Errorf("got %v, %v", got, err)
	}
}
