package archive_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/archive"
	"github.com/sessionkit/sessions/internal/bench"
	"github.com/sessionkit/sessions/sessionstest"
)

// full runs the benchmarks at the sizes of the targets (a sync of 10,000
// and 100,000 sessions, a report over 1,000,000); CI runs them small.
var full = flag.Bool("archive.full", false, "run the archive benchmarks at full size (slow)")

func sizes(small, big []int) []int {
	if *full {
		return big
	}
	return small
}

// localAccount serves n sessions, 1,000 a stage (fewer when n is small),
// most recent first, over the wire through the real SDK clients.
func localAccount(b *testing.B, n int) (sessions.ClientFactory, *sessionstest.Server) {
	b.Helper()
	perStage := min(n, 1000)
	d := sessionstest.Data{Stages: map[string][]sessions.StageSession{}}
	for i := range n / perStage {
		d.Stages[stageARN(i)] = history(stageARN(i), perStage, i%2 == 0)
	}
	srv := sessionstest.NewServer(d)
	b.Cleanup(srv.Close)
	return sessions.ClientsFromConfig(srv.Config()), srv
}

func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// BenchmarkSync syncs n sessions from a local endpoint with no quota into
// a new archive: sessions/s is the rate into the database, sync-heap-MB
// the peak heap above what the endpoint's data holds. A second sync, with
// nothing new, reports its requests per stage.
func BenchmarkSync(b *testing.B) {
	for _, n := range sizes([]int{1000, 10000}, []int{10000, 100000}) {
		b.Run(fmt.Sprintf("sessions=%d", n), func(b *testing.B) {
			clients, _ := localAccount(b, n)
			ctx := context.Background()
			var last, again archive.SyncResult
			var peak uint64
			var cpu time.Duration
			b.ReportAllocs()
			for i := range b.N {
				path := filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i))
				a, err := archive.Open(ctx, path)
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				base := heapObjects()
				h, err := bench.PeakHeap(5*time.Millisecond, func(func()) error {
					s, err := bench.Measure(func() (bench.Result, error) {
						var err error
						last, err = a.Sync(ctx, clients, account, archive.SyncOptions{})
						return bench.Result{Items: last.New}, err
					})
					cpu = s.CPU
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
				peak = max(peak, h.Peak-min(base, h.Peak))
				if again, err = a.Sync(ctx, clients, account, archive.SyncOptions{}); err != nil {
					b.Fatal(err)
				}
				a.Close()
				if last.New != n || again.New != 0 {
					b.Fatalf("synced %v, then %v; want %d new, then none", last, again, n)
				}
			}
			b.ReportMetric(float64(n)/last.Elapsed.Seconds(), "sessions/s")
			// The machine is shared: CPU time, the endpoint's included, says
			// what the sync would do on a core of its own.
			b.ReportMetric(float64(n)/cpu.Seconds(), "sessions/cpu-s")
			b.ReportMetric(float64(peak)/(1<<20), "sync-heap-MB")
			b.ReportMetric(float64(again.Requests-1)/float64(again.Stages), "requests/stage-again")
		})
	}
}

// BenchmarkReport sums up an archive of n sessions over 1,000 stages
// (fewer when n is small), grouped by stage.
func BenchmarkReport(b *testing.B) {
	for _, n := range sizes([]int{20000}, []int{1000000}) {
		b.Run(fmt.Sprintf("sessions=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "report.db")
			fillArchive(b, path, n, min(1000, n/10))
			a, err := archive.OpenReadOnly(context.Background(), path)
			if err != nil {
				b.Fatal(err)
			}
			defer a.Close()
			b.ResetTimer()
			var cpu time.Duration
			for range b.N {
				s, err := bench.Measure(func() (bench.Result, error) {
					r, err := a.Report(context.Background(), archive.ReportQuery{Location: time.Local})
					if err == nil && r.Total.Sessions != n {
						err = fmt.Errorf("report of %d sessions, want %d", r.Total.Sessions, n)
					}
					return bench.Result{}, err
				})
				if err != nil {
					b.Fatal(err)
				}
				cpu += s.CPU
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/report")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/report")
		})
	}
}

// fillArchive writes n sessions over the given number of stages straight
// into a new archive, much faster than a sync would.
func fillArchive(b *testing.B, path string, n, stages int) {
	b.Helper()
	a, err := archive.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	a.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	for i := range stages {
		if _, err := tx.Exec("INSERT INTO stages (arn, region, name, seen_at) VALUES (?, 'us-west-2', ?, '2026-12-01T00:00:00Z')", stageARN(i), fmt.Sprint("stage ", i)); err != nil {
			b.Fatal(err)
		}
	}
	// One JSON parameter a batch: the driver parses a statement at
	// every execution, so the statement must be short.
	const batch = 1000
	var page []byte
	for i := 0; i < n; i += batch {
		page = append(page[:0], '[')
		for j := i; j < min(n, i+batch); j++ {
			start := t0.Add(time.Duration(j) * 7 * time.Minute)
			end := `"` + start.Add(time.Duration(j%180)*time.Minute).Format(time.RFC3339) + `"`
			if j%97 == 0 {
				end = "null"
			}
			if j > i {
				page = append(page, ',')
			}
			page = fmt.Appendf(page, `["%s","st-%012d","%s",%s]`, stageARN(j%stages), j, start.Format(time.RFC3339), end)
		}
		page = append(page, ']')
		if _, err := tx.Exec(`INSERT INTO stage_sessions (stage_arn, session_id, start_time, end_time, first_seen, last_seen)
			SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z' FROM json_each(?)`, page); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}
