package archive

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"time"

	"github.com/sessionkit/sessions"
)

// stmtCache keeps the archive's prepared statements, by text: a page's
// statements have as many placeholders as the page has sessions, so there
// are at most a hundred of each kind.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func (c *stmtCache) get(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.m[query]; ok {
		return s, nil
	}
	s, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = s
	return s, nil
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.m {
		s.Close()
	}
	c.m = nil
}

// timeText is how times are stored: RFC 3339 in UTC, readable by sqlite3's
// date functions.
func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// nullTime is timeText, or NULL for the zero time (an active session).
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return timeText(t)
}

func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }

// placeholders returns n groups of width "?" placeholders: "(?,?),(?,?)".
func placeholders(n, width int) string {
	group := "(" + strings.TrimSuffix(strings.Repeat("?,", width), ",") + ")"
	return strings.TrimSuffix(strings.Repeat(group+",", n), ",")
}

// existing returns the end times the archive holds for the sessions of
// items ("" for an active one), by session ID, within tx.
func (a *Archive) existing(ctx context.Context, tx *sql.Tx, arn string, items []sessions.StageSession, into map[string]string) error {
	clear(into)
	s, err := a.stmts.get(ctx, a.db, "SELECT session_id, coalesce(end_time, '') FROM stage_sessions WHERE stage_arn = ? AND session_id IN ("+strings.TrimSuffix(strings.Repeat("?,", len(items)), ",")+")")
	if err != nil {
		return err
	}
	args := make([]any, 0, len(items)+1)
	args = append(args, arn)
	for i := range items {
		args = append(args, items[i].ID)
	}
	rows, err := tx.StmtContext(ctx, s).QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, end string
		if err := rows.Scan(&id, &end); err != nil {
			return err
		}
		into[id] = end
	}
	return rows.Err()
}

// upsert writes items, keeping each session's first_seen.
func (a *Archive) upsert(ctx context.Context, tx *sql.Tx, items []sessions.StageSession, now string) error {
	s, err := a.stmts.get(ctx, a.db, "INSERT INTO stage_sessions (stage_arn, session_id, start_time, end_time, first_seen, last_seen) VALUES "+
		placeholders(len(items), 6)+
		" ON CONFLICT (stage_arn, session_id) DO UPDATE SET start_time = excluded.start_time, end_time = excluded.end_time, last_seen = excluded.last_seen")
	if err != nil {
		return err
	}
	args := make([]any, 0, 6*len(items))
	for i := range items {
		it := &items[i]
		args = append(args, it.StageARN, it.ID, timeText(it.StartTime), nullTime(it.EndTime), now, now)
	}
	_, err = tx.StmtContext(ctx, s).ExecContext(ctx, args...)
	return err
}
