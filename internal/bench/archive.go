package bench

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"runtime/metrics"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/archive"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// ArchiveSyncResult is what [ArchiveSync] measured.
type ArchiveSyncResult struct {
	First, Again archive.SyncResult // the sync into a new archive, then one with nothing new
	CPU          time.Duration      // of the first sync, the endpoint's included
	// LiveHeap is the most heap a collection found live during the first
	// sync, above what it found before (the endpoint's data).
	LiveHeap uint64
}

// archiveEpoch is when the generated sessions end.
var archiveEpoch = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func archiveStageARN(i int) string {
	return fmt.Sprintf("arn:aws:ivs:us-west-2:123456789012:stage/arch%07d", i)
}

// ArchiveSync serves n sessions over stages stages, most recent first,
// from a local endpoint with no quota and no client pacing, and syncs them
// into a new archive at path, then syncs again.
func ArchiveSync(ctx context.Context, path string, n, stages int) (ArchiveSyncResult, error) {
	var r ArchiveSyncResult
	var data []fakeaws.Stage
	for i := range stages {
		ss := make([]sessions.StageSession, n/stages)
		for k := range ss {
			start := archiveEpoch.Add(-time.Duration(k+1) * time.Hour)
			ss[k] = sessions.StageSession{ID: fmt.Sprintf("st-%05d%08d", i, k), StartTime: start, EndTime: start.Add(30 * time.Minute)}
		}
		data = append(data, fakeaws.StageOf(archiveStageARN(i), "", nil, ss))
	}
	srv := fakeaws.New(fakeaws.WithStages(data...))
	defer srv.Close()
	cfg := aws.Config{Region: fakeaws.Region, BaseEndpoint: aws.String(srv.URL), Credentials: fakeaws.Credentials(), HTTPClient: srv.HTTPClient(), Retryer: fakeaws.NewRetryer}
	clients := sessions.ClientsFromConfig(cfg, sessions.ClientMaxRate(0))
	q := sessions.AccountQuery{Regions: []string{fakeaws.Region}}
	a, err := archive.Open(ctx, path)
	if err != nil {
		return r, err
	}
	defer a.Close()
	runtime.GC()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	base := live[0].Value.Uint64()
	h, err := PeakHeap(5*time.Millisecond, func(func()) error {
		s, err := Measure(func() (Result, error) {
			var err error
			r.First, err = a.Sync(ctx, clients, q, archive.SyncOptions{})
			return Result{Items: r.First.New}, err
		})
		r.CPU = s.CPU
		return err
	})
	if err != nil {
		return r, err
	}
	r.LiveHeap = h.Live - min(base, h.Live)
	r.Again, err = a.Sync(ctx, clients, q, archive.SyncOptions{})
	return r, err
}

// FillArchive writes n sessions over stages stages straight into a new
// archive at path, in the table's order, much faster than a sync would.
func FillArchive(ctx context.Context, path string, n, stages int) error {
	a, err := archive.Open(ctx, path)
	if err != nil {
		return err
	}
	a.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var page []byte
	for i := range stages {
		if _, err := tx.ExecContext(ctx, "INSERT INTO stages (arn, region, seen_at) VALUES (?, 'us-west-2', '2026-12-01T00:00:00Z')", archiveStageARN(i)); err != nil {
			return err
		}
		per := n / stages
		for k := 0; k < per; k += 1000 {
			page = append(page[:0], '[')
			for j := k; j < min(per, k+1000); j++ {
				at := j*stages + i // the stages' sessions interleave, 7 minutes apart
				start := archiveEpoch.Add(time.Duration(at) * 7 * time.Minute)
				end := `"` + start.Add(time.Duration(at%180)*time.Minute).Format(time.RFC3339) + `"`
				if at%97 == 0 {
					end = "null"
				}
				if j > k {
					page = append(page, ',')
				}
				page = fmt.Appendf(page, `["st-%012d","%s",%s]`, j, start.Format(time.RFC3339), end)
			}
			page = append(page, ']')
			if _, err := tx.ExecContext(ctx, `INSERT INTO stage_sessions (stage_arn, session_id, start_time, end_time, first_seen, last_seen)
				SELECT ?, value ->> 0, value ->> 1, value ->> 2, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z' FROM json_each(?)`, archiveStageARN(i), page); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

// ArchiveReport times one report, grouped by stage in the machine's time
// zone, over the archive at path; it returns the sessions it counted.
func ArchiveReport(ctx context.Context, path string) (Sample, int, error) {
	a, err := archive.OpenReadOnly(ctx, path)
	if err != nil {
		return Sample{}, 0, err
	}
	defer a.Close()
	n := 0
	s, err := Measure(func() (Result, error) {
		r, err := a.Report(ctx, archive.ReportQuery{Location: time.Local})
		if err == nil {
			n = r.Total.Sessions
		}
		return Result{Items: n}, err
	})
	return s, n, err
}
