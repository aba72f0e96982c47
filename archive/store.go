package archive

import (
	"context"
	"database/sql"
	"time"

	"github.com/sessionkit/sessions"
)

// timeText is how times are stored: RFC 3339 in UTC, readable by sqlite3's
// date functions.
func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }

// The driver prepares a statement again at every execution, so a page is
// passed as one JSON parameter to short statements rather than as hundreds
// of placeholders, whose parsing cost more than the writing.
const (
	existingSQL = `SELECT session_id, coalesce(end_time, '') FROM stage_sessions
		WHERE stage_arn = ?1 AND session_id IN (SELECT value ->> 0 FROM json_each(?2))`
	upsertSQL = `INSERT INTO stage_sessions (stage_arn, session_id, start_time, end_time, first_seen, last_seen)
		SELECT ?1, value ->> 0, value ->> 1, value ->> 2, ?3, ?3 FROM json_each(?2) WHERE true
		ON CONFLICT (stage_arn, session_id) DO UPDATE SET start_time = excluded.start_time, end_time = excluded.end_time, last_seen = excluded.last_seen`
)

// pageJSON returns items as a JSON array of [id, start, end] arrays, end
// null while active.
func pageJSON(buf []byte, items []sessions.StageSession) []byte {
	buf = append(buf[:0], '[')
	for i := range items {
		it := &items[i]
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '[')
		buf = appendJSONString(buf, it.ID)
		buf = append(buf, ',', '"')
		buf = it.StartTime.UTC().AppendFormat(buf, time.RFC3339Nano)
		buf = append(buf, '"', ',')
		if it.EndTime.IsZero() {
			buf = append(buf, "null"...)
		} else {
			buf = append(buf, '"')
			buf = it.EndTime.UTC().AppendFormat(buf, time.RFC3339Nano)
			buf = append(buf, '"')
		}
		buf = append(buf, ']')
	}
	return append(buf, ']')
}

// appendJSONString appends s as a JSON string.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			buf = append(buf, '\\', c)
		case c < 0x20:
			buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		default:
			buf = append(buf, c)
		}
	}
	return append(buf, '"')
}

// existing returns the end times the archive holds for the sessions of a
// page (as pageJSON made it), "" for an active one, by session ID.
func (a *Archive) existing(ctx context.Context, tx *sql.Tx, arn string, page []byte, into map[string]string) error {
	clear(into)
	rows, err := tx.QueryContext(ctx, existingSQL, arn, page)
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

// upsert writes the sessions of a page, keeping each one's first_seen.
func (a *Archive) upsert(ctx context.Context, tx *sql.Tx, arn string, page []byte, now string) error {
	_, err := tx.ExecContext(ctx, upsertSQL, arn, page, now)
	return err
}
