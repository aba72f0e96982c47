package archive

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"iter"
	"strings"
	"time"

	"github.com/sessionkit/sessions"
)

// SyncStudios lists every streaming session of each studio through t into
// the archive, page by page, each page in one transaction with the point
// to resume the studio's listing from, as [Archive.Sync] does for stages.
// A streaming session changes state until it is deleted, so a studio is
// always listed in full: what changed counts as updated.
func (a *Archive) SyncStudios(ctx context.Context, t sessions.StudioTransport, studioIDs []string, opt SyncOptions) (SyncResult, error) {
	start := time.Now()
	var c counters
	s := &syncer{a: a, c: &c, onPage: opt.OnPage}
	res := func() SyncResult {
		return SyncResult{Studios: int(c.stages.Load()), New: int(c.new.Load()), Updated: int(c.updated.Load()), Requests: int(c.requests.Load()), Elapsed: time.Since(start)}
	}
	if a.readOnly {
		return res(), &FileError{Path: a.path, Reason: "was opened read-only", Kind: ErrReadOnly}
	}
	for _, id := range studioIDs { // every ID checked before any request
		if _, err := sessions.StreamingSessions(t, sessions.StudioQuery{StudioID: id}); err != nil {
			return res(), err
		}
	}
	run, err := a.beginRun(ctx, start)
	if err != nil {
		return res(), cancelled(ctx, err)
	}
	s.run = run
	for _, id := range studioIDs {
		if err := s.studio(ctx, t, id); err != nil {
			return res(), cancelled(ctx, err)
		}
	}
	r := res()
	return r, a.endRun(context.WithoutCancel(ctx), run, r)
}

// studio syncs the streaming sessions of one studio.
func (s *syncer) studio(ctx context.Context, t sessions.StudioTransport, id string) error {
	cursor, err := s.a.studioCursor(ctx, id)
	if err != nil {
		return err
	}
	s.c.stages.Add(1)
	opts := []sessions.Option{sessions.OnPage(s.page)}
	if cursor != "" {
		opts = append(opts, sessions.StartingToken(cursor))
	}
	p, err := sessions.StreamingSessions(t, sessions.StudioQuery{StudioID: id}, opts...)
	var ie *sessions.InputError
	if errors.As(err, &ie) && cursor != "" {
		p, err = sessions.StreamingSessions(t, sessions.StudioQuery{StudioID: id}, sessions.OnPage(s.page))
	}
	if err != nil {
		return err
	}
	for pg, err := range p.Pages(ctx) {
		if err != nil {
			return err
		}
		if err := s.a.writeStudioPage(context.WithoutCancel(ctx), s, id, pg.Items, pg.NextToken == "", p.Cursor()); err != nil {
			return err
		}
	}
	return nil
}

// studioCursor records the studio and returns where an interrupted
// listing of it stopped ("" for none).
func (a *Archive) studioCursor(ctx context.Context, id string) (string, error) {
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	var cursor sql.NullString
	_, err := a.w.ExecContext(ctx, "INSERT INTO studios (studio_id, seen_at) VALUES (?, ?) ON CONFLICT (studio_id) DO UPDATE SET seen_at = excluded.seen_at", id, timeText(time.Now()))
	if err == nil {
		err = a.w.QueryRowContext(ctx, "SELECT cursor FROM studios WHERE studio_id = ?", id).Scan(&cursor)
	}
	if err != nil {
		return "", writeError(a.path, err)
	}
	return cursor.String, nil
}

// writeStudioPage writes one page of a studio's streaming sessions and
// where its listing resumes, in one transaction.
func (a *Archive) writeStudioPage(ctx context.Context, s *syncer, studio string, items []sessions.StreamingSession, last bool, cursor string) error {
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	tx, err := a.w.BeginTx(ctx, nil)
	if err != nil {
		return writeError(a.path, err)
	}
	defer tx.Rollback()
	now := timeText(time.Now())
	var added, changed int
	for i := range items {
		it := &items[i]
		b, err := json.Marshal(it)
		if err != nil {
			return err
		}
		var old string
		switch err := tx.QueryRowContext(ctx, "SELECT session FROM streaming_sessions WHERE studio_id = ? AND session_id = ?", studio, it.ID).Scan(&old); {
		case errors.Is(err, sql.ErrNoRows):
			added++
		case err != nil:
			return err
		case old != string(b):
			changed++
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO streaming_sessions (studio_id, session_id, state, owned_by, created_at, updated_at, session, first_seen, last_seen)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (studio_id, session_id) DO UPDATE SET state = excluded.state, owned_by = excluded.owned_by,
			created_at = excluded.created_at, updated_at = excluded.updated_at, session = excluded.session, last_seen = excluded.last_seen`,
			studio, it.ID, string(it.State), it.OwnedBy, nullText(it.CreatedAt), nullText(it.UpdatedAt), string(b), now, now); err != nil {
			return writeError(a.path, err)
		}
	}
	var next any
	if !last {
		next = cursor
	}
	if _, err := tx.ExecContext(ctx, "UPDATE studios SET cursor = ? WHERE studio_id = ?", next, studio); err != nil {
		return writeError(a.path, err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE sync_runs SET requests = ?, new_sessions = new_sessions + ?, updated_sessions = updated_sessions + ? WHERE id = ?",
		s.c.requests.Load(), added, changed, s.run); err != nil {
		return writeError(a.path, err)
	}
	if err := tx.Commit(); err != nil {
		return writeError(a.path, err)
	}
	s.c.new.Add(int64(added))
	s.c.updated.Add(int64(changed))
	return nil
}

// nullText is timeText, or NULL for the zero time.
func nullText(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return timeText(t)
}

// StreamingSessions returns an iterator over the archived streaming
// sessions of the studios named (every studio's when none is), by studio
// and creation time, with every field as the library listed it last. On
// failure it yields a zero session and the error once, and stops.
func (a *Archive) StreamingSessions(ctx context.Context, studioIDs ...string) iter.Seq2[sessions.StreamingSession, error] {
	return func(yield func(sessions.StreamingSession, error) bool) {
		q := "SELECT session FROM streaming_sessions"
		args := make([]any, len(studioIDs))
		if len(studioIDs) > 0 {
			q += " WHERE studio_id IN (" + strings.TrimSuffix(strings.Repeat("?,", len(studioIDs)), ",") + ")"
			for i, id := range studioIDs {
				args[i] = id
			}
		}
		rows, err := a.db.QueryContext(ctx, q+" ORDER BY studio_id, created_at, session_id", args...)
		if err != nil {
			yield(sessions.StreamingSession{}, readError(a.path, err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			var b string
			var s sessions.StreamingSession
			err := rows.Scan(&b)
			if err == nil {
				err = json.Unmarshal([]byte(b), &s)
			}
			if err != nil {
				yield(sessions.StreamingSession{}, readError(a.path, err))
				return
			}
			if !yield(s, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(sessions.StreamingSession{}, readError(a.path, err))
		}
	}
}
