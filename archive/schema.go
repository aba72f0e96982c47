package archive

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations bring the schema from version i to i+1; the schema's version
// is len(migrations). Only ever append: archives in the field are at every
// version before the last.
var migrations = []string{
	`CREATE TABLE stages (
		arn TEXT PRIMARY KEY,
		region TEXT NOT NULL,
		name TEXT NOT NULL DEFAULT '',
		tags TEXT NOT NULL DEFAULT '{}',
		active_session_id TEXT,
		seen_at TEXT NOT NULL,
		cursor TEXT,
		complete INTEGER NOT NULL DEFAULT 0
	);
	CREATE TABLE stage_sessions (
		stage_arn TEXT NOT NULL,
		session_id TEXT NOT NULL,
		start_time TEXT NOT NULL,
		end_time TEXT,
		first_seen TEXT NOT NULL,
		last_seen TEXT NOT NULL,
		start_unix INTEGER GENERATED ALWAYS AS (unixepoch(start_time)) STORED,
		end_unix INTEGER GENERATED ALWAYS AS (unixepoch(end_time)) STORED,
		PRIMARY KEY (stage_arn, session_id)
	) WITHOUT ROWID;

	CREATE TABLE sync_runs (
		id INTEGER PRIMARY KEY,
		started_at TEXT NOT NULL,
		ended_at TEXT,
		stages INTEGER NOT NULL DEFAULT 0,
		requests INTEGER NOT NULL DEFAULT 0,
		new_sessions INTEGER NOT NULL DEFAULT 0,
		updated_sessions INTEGER NOT NULL DEFAULT 0
	);`,
	// Nimble Studio's streaming sessions: a few columns to query by, and
	// every field of the library's value as JSON in session.
	`CREATE TABLE studios (
		studio_id TEXT PRIMARY KEY,
		seen_at TEXT NOT NULL,
		cursor TEXT
	);
	CREATE TABLE streaming_sessions (
		studio_id TEXT NOT NULL,
		session_id TEXT NOT NULL,
		state TEXT NOT NULL,
		owned_by TEXT NOT NULL,
		created_at TEXT,
		updated_at TEXT,
		session TEXT NOT NULL,
		first_seen TEXT NOT NULL,
		last_seen TEXT NOT NULL,
		PRIMARY KEY (studio_id, session_id)
	) WITHOUT ROWID;`,
}

// SchemaVersion is the version of the schema this package writes, kept in
// the file's PRAGMA user_version.
const SchemaVersion = 2

func init() {
	if len(migrations) != SchemaVersion {
		panic("archive: SchemaVersion must be len(migrations)")
	}
}

// migrate brings db from version have to [SchemaVersion], each step in a
// transaction of its own, so that a failed step leaves the last version
// whole.
func migrate(ctx context.Context, db *sql.Conn, have int) error {
	for v := have; v < SchemaVersion; v++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrating the schema to version %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
