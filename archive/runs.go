package archive

import (
	"context"
	"time"
)

// beginRun records the start of a sync and returns its ID.
func (a *Archive) beginRun(ctx context.Context, start time.Time) (int64, error) {
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	r, err := a.w.ExecContext(ctx, "INSERT INTO sync_runs (started_at) VALUES (?)", timeText(start))
	if err != nil {
		return 0, writeError(a.path, err)
	}
	return r.LastInsertId()
}

// endRun records the end of a sync that finished; an interrupted one keeps
// a NULL ended_at.
func (a *Archive) endRun(ctx context.Context, run int64, r SyncResult) error {
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	_, err := a.w.ExecContext(ctx, "UPDATE sync_runs SET ended_at = ?, stages = ?, requests = ?, new_sessions = ?, updated_sessions = ? WHERE id = ?",
		timeText(time.Now()), r.Stages, r.Requests, r.New, r.Updated, run)
	if err != nil {
		return writeError(a.path, err)
	}
	return nil
}
