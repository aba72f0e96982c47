package bench

import (
	"context"
	"fmt"
	"strconv"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// A MemStage is a [sessions.StageTransport] that answers from pages built
// once, in memory, and allocates nothing per call, so that a benchmark over
// it measures only the caller's cost. It serves the same pages whatever
// maxResults asks for. It is safe for concurrent use.
type MemStage struct {
	pages []*ivsrealtime.ListStageSessionsOutput
	index map[string]int // token → page
	calls atomic.Int64
}

var _ sessions.StageTransport = (*MemStage)(nil)

// NewMemStage returns a MemStage holding n generated stage sessions (as
// [fakeaws.GenStageSessions] makes them with seed) in pages of pageSize.
func NewMemStage(n, pageSize int, seed uint64) *MemStage {
	data := fakeaws.GenStageSessions(n, seed)
	m := &MemStage{index: map[string]int{}}
	for start := 0; start == 0 || start < n; start += pageSize {
		out := &ivsrealtime.ListStageSessionsOutput{StageSessions: make([]ivstypes.StageSessionSummary, 0, pageSize)}
		for i := start; i < min(n, start+pageSize); i++ {
			out.StageSessions = append(out.StageSessions, data.At(i).SDK())
		}
		m.pages = append(m.pages, out)
	}
	for i := range m.pages[:len(m.pages)-1] {
		tok := "page-" + strconv.Itoa(i+1)
		m.pages[i].NextToken = &tok
		m.index[tok] = i + 1
	}
	return m
}

// ListStageSessions returns the page in.NextToken names, or the first one.
func (m *MemStage) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, _ ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	m.calls.Add(1)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in.NextToken == nil || *in.NextToken == "" {
		return m.pages[0], nil
	}
	i, ok := m.index[*in.NextToken]
	if !ok {
		return nil, fmt.Errorf("bench: unknown token %q", *in.NextToken)
	}
	return m.pages[i], nil
}

// Calls returns how many times ListStageSessions was called.
func (m *MemStage) Calls() int64 { return m.calls.Load() }

// Pages returns the number of pages m serves.
func (m *MemStage) Pages() int { return len(m.pages) }
