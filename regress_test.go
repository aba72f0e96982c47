package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"

	"github.com/sessionkit/sessions"
)

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

// Regression (found in review): Merge's cursor is not exact when the context is cancelled while
// the caller's loop body runs: the rest of the batch is still yielded, but
// the paginator does not count it, so resuming from Cursor re-delivers it.
func TestRegressMergeCancelMidBatchCursor(t *testing.T) {
	svc := &regressScripted{pages: map[string]regressPage{
		"":  {ids: []string{"a1", "a2", "a3", "a4"}, next: "A"},
		"A": {ids: []string{"b1", "b2"}},
	}}
	q := sessions.StageQuery{StageARN: testARN}
	p, _ := sessions.StageSessions(svc, q)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	for s, err := range sessions.Merge(ctx, 1, p) {
		if err != nil {
			break
		}
		got = append(got, s.ID)
		if s.ID == "a1" {
			cancel()                          // e.g. a deadline firing, or a signal handler
			time.Sleep(10 * time.Millisecond) // the loop body keeps working a little
		}
	}
	p2, err := sessions.StageSessions(svc, q, sessions.StartingToken(p.Cursor()))
	if err != nil {
		t.Fatal(err)
	}
	rest, err := sessions.Collect(p2.All(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range rest {
		got = append(got, s.ID)
	}
	want := []string{"a1", "a2", "a3", "a4", "b1", "b2"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Merge then resume delivered %v, want each once: %v", got, want)
	}
}

// Regression (found in review): Pages re-yields a page with no items (empty, or fully filtered)
// when the caller breaks on it, and Cursor is not "" after breaking on the
// (empty) last page.
func TestRegressPagesBreakOnEmptyPage(t *testing.T) {
	svc := &regressScripted{pages: map[string]regressPage{
		"":  {ids: []string{"a1"}, next: "A"},
		"A": {ids: nil, next: "B"},
		"B": {ids: []string{"b1"}},
	}}
	p, _ := sessions.StageSessions(svc, sessions.StageQuery{StageARN: testARN})
	ctx := context.Background()
	var got []string
	for pg, err := range p.Pages(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d:%d", pg.Number, len(pg.Items)))
		if pg.Number == 2 {
			break
		}
	}
	for pg, err := range p.Pages(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d:%d", pg.Number, len(pg.Items)))
	}
	if fmt.Sprint(svc.sent) != `[ A B]` {
		t.Errorf("requests sent %q, want each page once (Pages: ranging again continues after the last page yielded); pages %v", svc.sent, got)
	}
}

func TestRegressPagesBreakOnEmptyLastPage(t *testing.T) {
	svc := &regressScripted{pages: map[string]regressPage{
		"":  {ids: []string{"a1"}, next: "A"},
		"A": {ids: nil},
	}}
	p, _ := sessions.StageSessions(svc, sessions.StageQuery{StageARN: testARN})
	for pg, err := range p.Pages(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if pg.NextToken == "" {
			break // the caller saw the last page
		}
	}
	if c := p.Cursor(); c != "" {
		t.Errorf("Cursor() = %q after the last page was yielded, want \"\"", c)
	}
}

func TestRegressMergeNilPaginator(t *testing.T) {
	p := mustStage(t, stageSvc(testARN, stageData(testARN, 3)), sessions.StageQuery{StageARN: testARN})
	_, err := sessions.Collect(sessions.Merge(context.Background(), 2, p, nil))
	checkInputError(t, err, "ps[1]")
}

// A panic in a merged paginator's Where reaches the caller's goroutine,
// where it can be recovered as with a single paginator, and leaves no
// goroutine behind (goleak in TestMain).
func TestRegressMergePanicReachesCaller(t *testing.T) {
	var ps []*sessions.Paginator[sessions.StageSession]
	for i := range 3 {
		q := sessions.StageQuery{StageARN: stageARN(i), Where: func(s sessions.StageSession) bool {
			if s.StageARN == stageARN(1) {
				panic("where exploded")
			}
			return true
		}}
		ps = append(ps, mustStage(t, stageSvc(stageARN(i), stageData(stageARN(i), 20)), q, sessions.PageSize(5)))
	}
	defer func() {
		if r := recover(); r != "where exploded" {
			t.Errorf("recover() = %v, want the Where panic", r)
		}
	}()
	for range sessions.Merge(context.Background(), 3, ps...) {
	}
	t.Error("Merge returned without the panic")
}
