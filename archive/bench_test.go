package archive_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"github.com/aws/aws-sdk-go-v2/aws"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/archive"
	"github.com/sessionkit/sessions/internal/bench"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// full runs the benchmarks at the sizes of the targets (a sync of 10,000
// and 100,000 sessions, a report over 1,000,000); CI runs them small.
var full = flag.Bool("archive.full", false, "run the archive benchmarks at full size (slow)")

// reportDB is where BenchmarkReport keeps its archive, made if missing, so
// that a slow fill is done once; it must hold as many sessions as the
// benchmark's size.
var reportDB = flag.String("archive.reportdb", "", "where BenchmarkReport keeps its archive (made if missing)")

func sizes(small, big []int) []int {
	if *full {
		return big
	}
	return small
}

// localAccount serves n sessions, perStage a stage, most recent first,
// over the wire through the real SDK clients: with no quota at all when
// rate is 0, else with rate requests a second on both sides (the server's
// quota, burst 5, and the clients' pacing). The endpoint keeps no request
// log, so that its heap does not grow with the requests.
func localAccount(b *testing.B, n, perStage int, rate float64) sessions.ClientFactory {
	b.Helper()
	var stages []fakeaws.Stage
	for i := range n / perStage {
		stages = append(stages, fakeaws.StageOf(stageARN(i), "", nil, history(stageARN(i), perStage, i%2 == 0)))
	}
	srv := fakeaws.New(fakeaws.WithStages(stages...), fakeaws.WithQuota(rate, 5))
	b.Cleanup(srv.Close)
	cfg := aws.Config{Region: fakeaws.Region, BaseEndpoint: aws.String(srv.URL), Credentials: fakeaws.Credentials(), HTTPClient: srv.HTTPClient(), Retryer: fakeaws.NewRetryer}
	return sessions.ClientsFromConfig(cfg, sessions.ClientMaxRate(rate))
}

// BenchmarkSyncQuota syncs 20 stages of 250 sessions (3 pages each)
// against a quota of IVS's 5 requests a second scaled by 10, paced as
// every listing is: the ratio of its time to the quota's least time (the
// ListStageSessions requests ÷ the rate; ListStages has a budget of its
// own).
func BenchmarkSyncQuota(b *testing.B) {
	const rate = 50
	clients := localAccount(b, 20*250, 250, rate)
	var ratio float64
	for i := range b.N {
		a, err := archive.Open(context.Background(), filepath.Join(b.TempDir(), fmt.Sprintf("quota%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		r, err := a.Sync(context.Background(), clients, account, archive.SyncOptions{})
		a.Close()
		if err != nil {
			b.Fatal(err)
		}
		ideal := time.Duration(float64(r.Requests-1) / rate * float64(time.Second))
		ratio = r.Elapsed.Seconds() / ideal.Seconds()
	}
	b.ReportMetric(ratio, "x-ideal")
}

// liveHeap returns the heap the last garbage collection found live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// BenchmarkSync syncs n sessions of 100 stages from a local endpoint with
// no quota into
// a new archive: sessions/s is the rate into the database, sync-live-MB
// the most heap a garbage collection found live during the sync above what
// it found before (the endpoint's data). The peak heap is no measure here:
// the collector lets garbage grow in proportion to the live heap, which
// the endpoint's data makes grow with n. A second sync, with nothing new,
// reports its requests per stage.
func BenchmarkSync(b *testing.B) {
	for _, n := range sizes([]int{1000, 10000}, []int{10000, 100000}) {
		b.Run(fmt.Sprintf("sessions=%d", n), func(b *testing.B) {
			// The same 100 stages at every size: only sessions grow.
			clients := localAccount(b, n, n/100, 0)
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
				base := liveHeap()
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
				peak = max(peak, h.Live-min(base, h.Live))
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
			b.ReportMetric(float64(peak)/(1<<20), "sync-live-MB")
			b.ReportMetric(float64(again.Requests-1)/float64(again.Stages), "requests/stage-again")
		})
	}
}

// BenchmarkReport sums up an archive of n sessions over 1,000 stages
// (fewer when n is small), grouped by stage.
func BenchmarkReport(b *testing.B) {
	for _, n := range sizes([]int{20000}, []int{1000000}) {
		b.Run(fmt.Sprintf("sessions=%d", n), func(b *testing.B) {
			path := *reportDB
			if path == "" {
				path = filepath.Join(b.TempDir(), "report.db")
			}
			if _, err := os.Stat(path); err != nil {
				fillArchive(b, path, n, min(1000, n/10))
			}
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
	// every execution, so the statement must be short. Rows go in in the
	// table's order (stage, then ID), so that each batch appends; their
	// start times interleave the stages, 7 minutes apart.
	const batch = 1000
	var page []byte
	perStage := n / stages
	for i := range stages {
		for k := 0; k < perStage; k += batch {
			page = append(page[:0], '[')
			for j := k; j < min(perStage, k+batch); j++ {
				at := j*stages + i
				start := t0.Add(time.Duration(at) * 7 * time.Minute)
				end := `"` + start.Add(time.Duration(at%180)*time.Minute).Format(time.RFC3339) + `"`
				if at%97 == 0 {
					end = "null"
				}
				if j > k {
					page = append(page, ',')
				}
				page = fmt.Appendf(page, `["%s","st-%012d","%s",%s]`, stageARN(i), j, start.Format(time.RFC3339), end)
			}
			page = append(page, ']')
			if _, err := tx.Exec(`INSERT INTO stage_sessions (stage_arn, session_id, start_time, end_time, first_seen, last_seen)
				SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z' FROM json_each(?)`, page); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}
