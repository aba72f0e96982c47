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
//
// A row is written only if it is new or changed, and the statement returns
// those rows, saying which are new (first seen now): a page's rows that it
// does not return were in the archive already, as they are.
const upsertSQL = `INSERT INTO stage_sessions (stage_arn, session_id, start_time, end_time, first_seen, last_seen)
	SELECT ?1, value ->> 0, value ->> 1, value ->> 2, ?3, ?3 FROM json_each(?2) WHERE true
	ON CONFLICT (stage_arn, session_id) DO UPDATE SET start_time = excluded.start_time, end_time = excluded.end_time, last_seen = excluded.last_seen
		WHERE start_time IS NOT excluded.start_time OR end_time IS NOT excluded.end_time
	RETURNING session_id, first_seen = ?3`

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

// upsert writes the sessions of a page (as pageJSON made it) that are new
// or changed, keeping each one's first_seen, and records in written
// whether each of those is new.
func (a *Archive) upsert(ctx context.Context, tx *sql.Tx, arn string, page []byte, now string, written map[string]bool) error {
	clear(written)
	rows, err := tx.QueryContext(ctx, upsertSQL, arn, page, now)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var isNew bool
		if err := rows.Scan(&id, &isNew); err != nil {
			return err
		}
		written[id] = isNew
	}
	return rows.Err()
}
