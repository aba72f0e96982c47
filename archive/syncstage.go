package archive

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/aws/smithy-go"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/stagearn"
)

// stageSync is the state of one stage's listing in a sync.
type stageSync struct {
	arn string
	// cursor is where an interrupted listing of the stage stopped ("" for
	// none), and complete whether a listing of it ever reached its end:
	// only then does the archive hold everything older than what is new.
	cursor   string
	complete bool
	// active are the sessions the archive holds as active and this
	// listing has not seen yet: until each is seen, the listing must go on,
	// or an ended one would stay active in the archive.
	active map[string]bool
	// last is the start time of the last session listed, to check the
	// order across pages; zero before the first.
	last    time.Time
	written map[string]bool // the page's sessions written: true if new, false if changed
	page    []byte          // the page as JSON, for the statements
}

// stage syncs the sessions of one stage.
func (s *syncer) stage(ctx context.Context, arn string) error {
	st, err := s.a.loadStage(ctx, arn)
	if err != nil {
		return err
	}
	s.c.stages.Add(1)
	err = s.list(ctx, st)
	var api smithy.APIError
	if st.cursor != "" && errors.As(err, &api) && api.ErrorCode() == "ValidationException" {
		// The service no longer takes the stored token (tokens expire):
		// list the stage again in full, which is always right.
		st.cursor, st.complete, st.last = "", false, time.Time{}
		err = s.list(ctx, st)
	}
	return err
}

func (s *syncer) list(ctx context.Context, st *stageSync) error {
	t, err := s.clients(stagearn.Region(st.arn))
	if err != nil {
		return err
	}
	opts := []sessions.Option{sessions.OnPage(s.page)}
	if st.cursor != "" {
		opts = append(opts, sessions.StartingToken(st.cursor))
	}
	p, err := sessions.StageSessions(t, sessions.StageQuery{StageARN: st.arn}, opts...)
	var ie *sessions.InputError
	if errors.As(err, &ie) && st.cursor != "" {
		// A cursor from another version of the library, or a damaged
		// file: list the stage in full.
		st.cursor, st.complete = "", false
		p, err = sessions.StageSessions(t, sessions.StageQuery{StageARN: st.arn}, sessions.OnPage(s.page))
	}
	if err != nil {
		return err
	}
	for pg, err := range p.Pages(ctx) {
		if err != nil {
			return err
		}
		// The page in hand is written even if ctx ends meanwhile: it is
		// whole, and the cursor stored with it is exact.
		done, err := s.a.writePage(context.WithoutCancel(ctx), s, st, pg.Items, pg.NextToken == "", p.Cursor())
		if err != nil || done {
			return err
		}
	}
	return nil
}

// loadStage reads what the archive knows of a stage's listing.
func (a *Archive) loadStage(ctx context.Context, arn string) (*stageSync, error) {
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	st := &stageSync{arn: arn, active: map[string]bool{}, written: map[string]bool{}}
	var cursor sql.NullString
	if err := a.w.QueryRowContext(ctx, "SELECT cursor, complete FROM stages WHERE arn = ?", arn).Scan(&cursor, &st.complete); err != nil {
		return nil, err
	}
	st.cursor = cursor.String
	rows, err := a.w.QueryContext(ctx, "SELECT session_id FROM stage_sessions WHERE stage_arn = ? AND end_time IS NULL", arn)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		st.active[id] = true
	}
	return st, rows.Err()
}

// writePage writes one page of a stage's sessions, and where its listing
// resumes, in one transaction. It reports whether the listing is done: the
// page was the last, or everything after it is in the archive already.
func (a *Archive) writePage(ctx context.Context, s *syncer, st *stageSync, items []sessions.StageSession, last bool, cursor string) (bool, error) {
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	tx, err := a.w.BeginTx(ctx, nil)
	if err != nil {
		return false, writeError(a.path, err)
	}
	defer tx.Rollback()
	var added, changed int
	stop := false
	if len(items) > 0 {
		st.page = pageJSON(st.page, items)
		if err := a.upsert(ctx, tx, st.arn, st.page, timeText(time.Now()), st.written); err != nil {
			return false, writeError(a.path, err)
		}
		for i := range items {
			delete(st.active, items[i].ID)
		}
		for _, isNew := range st.written {
			if isNew {
				added++
			} else {
				changed++
			}
		}
		stop = st.canStop(items)
	}
	done := last || stop
	var next any
	if !done {
		next = cursor
	}
	if _, err := tx.ExecContext(ctx, "UPDATE stages SET cursor = ?, complete = complete OR ? WHERE arn = ?", next, done, st.arn); err != nil {
		return false, writeError(a.path, err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE sync_runs SET requests = ?, new_sessions = new_sessions + ?, updated_sessions = updated_sessions + ? WHERE id = ?",
		s.c.requests.Load(), added, changed, s.run); err != nil {
		return false, writeError(a.path, err)
	}
	if err := tx.Commit(); err != nil {
		return false, writeError(a.path, err)
	}
	s.c.new.Add(int64(added))
	s.c.updated.Add(int64(changed))
	return done, nil
}

// canStop reports whether the listing of a stage may stop after items:
// the stage was listed to its end before, every session the archive holds
// as active was seen, the listing is most recent first as far as it went,
// and items holds a session the archive holds, ended as it is now.
func (st *stageSync) canStop(items []sessions.StageSession) bool {
	ordered := len(items) >= 2 || !st.last.IsZero()
	prev := st.last
	for i := range items {
		if !prev.IsZero() && items[i].StartTime.After(prev) {
			ordered = false
		}
		prev = items[i].StartTime
	}
	st.last = prev
	if !st.complete || len(st.active) > 0 || !ordered {
		return false
	}
	for i := range items {
		// Not written: in the archive already, as it is, and ended.
		if _, written := st.written[items[i].ID]; !written && !items[i].Active() {
			return true
		}
	}
	return false
}
