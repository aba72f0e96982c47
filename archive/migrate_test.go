package archive

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// TestMigrateKeepsRows opens an archive of every older schema version:
// it is brought to the current one, with its rows.
func TestMigrateKeepsRows(t *testing.T) {
	for from := 1; from < SchemaVersion; from++ {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.db", from))
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range migrations[:from] {
			if _, err := db.Exec(m); err != nil {
				t.Fatal(err)
			}
		}
		for _, stmt := range []string{
			fmt.Sprintf("PRAGMA user_version = %d", from),
			"INSERT INTO stages (arn, region, seen_at) VALUES ('arn:aws:ivs:us-west-2:123456789012:stage/old', 'us-west-2', '2026-01-01T00:00:00Z')",
			"INSERT INTO stage_sessions (stage_arn, session_id, start_time, first_seen, last_seen) VALUES ('arn:aws:ivs:us-west-2:123456789012:stage/old', 'st-old', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
		} {
			if _, err := db.Exec(stmt); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()

		a, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("from version %d: %v", from, err)
		}
		var version, n int
		if err := a.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
			t.Fatal(err)
		}
		if err := a.db.QueryRow("SELECT count(*) FROM stage_sessions").Scan(&n); err != nil {
			t.Fatal(err)
		}
		a.Close()
		if version != SchemaVersion || n != 1 {
			t.Errorf("from version %d: version %d with %d sessions, want %d with 1", from, version, n, SchemaVersion)
		}
	}
}
