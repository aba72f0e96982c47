package bench_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/bench"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

func TestMain(m *testing.M) {
	bench.ServeIsolated()
	goleak.VerifyTestMain(m)
}

func newServer(t *testing.T, opts ...fakeaws.Option) *fakeaws.Server {
	t.Helper()
	srv := fakeaws.New(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// wantStage computes what a full listing of data must see.
func wantStage(n int, seed uint64) bench.Result {
	var r bench.Result
	for _, s := range fakeaws.GenStageSessions(n, seed).All() {
		r.Items++
		r.IDBytes += len(s.SessionID)
	}
	return r
}

func TestSDKAndLibrarySeeTheSameItems(t *testing.T) {
	ctx := context.Background()
	arn := bench.StageARN(1)
	srv := newServer(t,
		fakeaws.WithStage(arn, fakeaws.GenStageSessions(250, 1)),
		fakeaws.WithStudio(bench.StudioID, fakeaws.GenStreamingSessions(130, 1)),
		fakeaws.WithStudioPageSize(50))
	stage, studio := srv.StageClient(), srv.StudioClient()
	mem := bench.NewMemStage(250, 100, 1)
	pages := 0
	work := func() { pages++ }

	want := wantStage(250, 1)
	for _, tc := range []struct {
		name  string
		list  func() (bench.Result, error)
		pages int // calls of work; -1 when there is none
	}{
		{"stage SDK", func() (bench.Result, error) { return bench.StageSDK(ctx, stage, arn, 100, work) }, 3},
		{"stage library", func() (bench.Result, error) { return bench.StageLibrary(ctx, stage, arn, 100, work) }, 3},
		{"stage library prefetch", func() (bench.Result, error) {
			return bench.StageLibrary(ctx, stage, arn, 100, work, sessions.Prefetch(2))
		}, 3},
		{"stage library default page size", func() (bench.Result, error) { return bench.StageLibrary(ctx, stage, arn, 0, nil) }, -1},
		{"stage SDK prefetch by hand", func() (bench.Result, error) { return bench.StageSDKPrefetch(ctx, stage, arn, 100, 1, work) }, 3},
		{"memory SDK", func() (bench.Result, error) { return bench.StageSDK(ctx, mem, arn, 100, work) }, 3},
		{"memory library", func() (bench.Result, error) { return bench.StageLibrary(ctx, mem, arn, 100, work) }, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages = 0
			got, err := tc.list()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("result mismatch (-want +got):\n%s", diff)
			}
			if tc.pages >= 0 && pages != tc.pages {
				t.Errorf("work ran %d times, want once per page (%d)", pages, tc.pages)
			}
		})
	}

	t.Run("studio", func(t *testing.T) {
		sdk, err := bench.StudioSDK(ctx, studio, bench.StudioID)
		if err != nil {
			t.Fatal(err)
		}
		lib, err := bench.StudioLibrary(ctx, studio, bench.StudioID)
		if err != nil {
			t.Fatal(err)
		}
		if sdk.Items != 130 {
			t.Errorf("SDK saw %d streaming sessions, want 130", sdk.Items)
		}
		if diff := cmp.Diff(sdk, lib); diff != "" {
			t.Errorf("library result mismatch (-SDK +library):\n%s", diff)
		}
	})
}

func TestPerPageWorkNeedsPageSize(t *testing.T) {
	if _, err := bench.StageLibrary(context.Background(), bench.NewMemStage(1, 1, 1), bench.StageARN(1), 0, func() {}); err == nil {
		t.Error("StageLibrary with work and no page size: no error")
	}
}

func TestMergeAndSequentialSeeEveryStage(t *testing.T) {
	ctx := context.Background()
	var opts []fakeaws.Option
	var arns []string
	want := bench.Result{}
	for i := range 5 {
		arns = append(arns, bench.StageARN(i))
		opts = append(opts, fakeaws.WithStage(arns[i], fakeaws.GenStageSessions(30+i, uint64(i))))
		want = want.Plus(wantStage(30+i, uint64(i)))
	}
	srv := newServer(t, opts...)
	c := srv.StageClient()
	seq, err := bench.SequentialSDK(ctx, c, arns, 10)
	if err != nil {
		t.Fatal(err)
	}
	merged, err := bench.MergeLibrary(ctx, c, arns, 10, 3)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, seq); diff != "" {
		t.Errorf("SequentialSDK mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, merged); diff != "" {
		t.Errorf("MergeLibrary mismatch (-want +got):\n%s", diff)
	}
	concurrent, err := bench.ConcurrentSDK(ctx, c, arns, 10, 3)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, concurrent); diff != "" {
		t.Errorf("ConcurrentSDK mismatch (-want +got):\n%s", diff)
	}
}

func TestMemStage(t *testing.T) {
	for _, tc := range []struct{ n, pageSize, pages int }{
		{0, 10, 1}, {1, 10, 1}, {10, 10, 1}, {11, 10, 2}, {250, 100, 3},
	} {
		m := bench.NewMemStage(tc.n, tc.pageSize, 1)
		if m.Pages() != tc.pages {
			t.Errorf("NewMemStage(%d, %d).Pages() = %d, want %d", tc.n, tc.pageSize, m.Pages(), tc.pages)
		}
		r, err := bench.StageSDK(context.Background(), m, bench.StageARN(1), tc.pageSize, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r != wantStage(tc.n, 1) || m.Calls() != int64(tc.pages) {
			t.Errorf("n=%d pageSize=%d: %+v in %d calls, want %+v in %d", tc.n, tc.pageSize, r, m.Calls(), wantStage(tc.n, 1), tc.pages)
		}
	}
}

func TestMemStageAllocatesNothing(t *testing.T) {
	m := bench.NewMemStage(300, 100, 1)
	arn, token := bench.StageARN(1), "page-2"
	in := &ivsrealtime.ListStageSessionsInput{StageArn: &arn, NextToken: &token}
	allocs := testing.AllocsPerRun(100, func() {
		if out, err := m.ListStageSessions(context.Background(), in); err != nil || out.NextToken != nil {
			t.Fatalf("page-2 of 3: next token %v, err %v; want the last page", out.NextToken, err)
		}
	})
	if allocs != 0 {
		t.Errorf("ListStageSessions allocates %v times per call, want 0", allocs)
	}
}

func TestEarlyBreakCounts(t *testing.T) {
	ctx := context.Background()
	arn := bench.StageARN(1)
	srv := newServer(t, fakeaws.WithStage(arn, fakeaws.GenStageSessions(1000, 1)))
	c := srv.StageClient()
	for _, k := range []int{1, 99, 100, 101, 250, 1000} {
		for _, maxItems := range []bool{false, true} {
			mem := bench.NewMemStage(1000, 100, 1)
			extra, err := bench.EarlyBreak(ctx, mem, mem.Calls, arn, 100, k, maxItems)
			if err != nil || extra != 0 {
				t.Errorf("memory: k=%d maxItems=%v: extra requests %d, err %v; want 0, nil", k, maxItems, extra, err)
			}
			requests := func() int64 { return srv.Requests(fakeaws.OpListStageSessions) }
			extra, err = bench.EarlyBreak(ctx, c, requests, arn, 100, k, maxItems)
			if err != nil || extra != 0 {
				t.Errorf("fakeaws: k=%d maxItems=%v: extra requests %d, err %v; want 0, nil", k, maxItems, extra, err)
			}
		}
	}
}

// TestEarlyBreakSeesExtraRequests checks that EarlyBreak can report a
// non-zero count: a transport that is called twice per page must show up.
func TestEarlyBreakSeesExtraRequests(t *testing.T) {
	mem := bench.NewMemStage(500, 100, 1)
	calls := func() int64 { return 2 * mem.Calls() }
	extra, err := bench.EarlyBreak(context.Background(), mem, calls, bench.StageARN(1), 100, 150, false)
	if err != nil {
		t.Fatal(err)
	}
	if extra != 2 {
		t.Errorf("extra = %d with every request counted twice for k=150, want 2", extra)
	}
}

func TestPeakHeapSeesAnAllocation(t *testing.T) {
	var keep []byte
	h, err := bench.PeakHeap(time.Millisecond, func(sample func()) error {
		keep = make([]byte, 64<<20)
		sample()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if h.Peak < 64<<20 || h.Samples < 2 {
		t.Errorf("PeakHeap = %+v with a 64 MiB slice held, want Peak ≥ 64 MiB and ≥ 2 samples", h)
	}
	_ = keep[len(keep)-1]
}

func TestMedianAndInterleave(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		want float64
	}{{nil, 0}, {[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got := bench.Median(tc.xs); got != tc.want {
			t.Errorf("Median(%v) = %v, want %v", tc.xs, got, tc.want)
		}
	}
	var order []string
	a := func() (bench.Result, error) { order = append(order, "a"); return bench.Result{Items: 1}, nil }
	b := func() (bench.Result, error) { order = append(order, "b"); return bench.Result{Items: 2}, nil }
	as, bs, err := bench.Interleave(3, a, b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "b", "b", "a", "a", "b"}, order); diff != "" {
		t.Errorf("run order mismatch (-want +got):\n%s", diff)
	}
	for i := range 3 {
		if as[i].Result.Items != 1 || bs[i].Result.Items != 2 {
			t.Errorf("pair %d: a saw %d, b saw %d; samples swapped", i, as[i].Result.Items, bs[i].Result.Items)
		}
	}
}
