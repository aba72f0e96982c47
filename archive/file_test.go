package archive_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/sessionkit/sessions/archive"
)

func TestOpenRefusesBadFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	sqliteFile := func(name string, stmts ...string) string {
		path := filepath.Join(dir, name)
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, s := range stmts {
			if _, err := db.Exec(s); err != nil {
				t.Fatal(err)
			}
		}
		return path
	}
	cases := []struct {
		name string
		path string
		kind error
	}{
		{"text", write("notes.txt", bytes.Repeat([]byte("not a database\n"), 100)), archive.ErrNotArchive},
		{"short", write("short", []byte("SQLite")), archive.ErrNotArchive},
		{"other database", sqliteFile("other.db", "CREATE TABLE t (x)"), archive.ErrNotArchive},
		{"newer schema", sqliteFile("newer.db", "CREATE TABLE stages (x)", "PRAGMA user_version = 99"), archive.ErrNewerSchema},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before, err := os.ReadFile(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			for _, open := range []func(context.Context, string) (*archive.Archive, error){archive.Open, archive.OpenReadOnly} {
				a, err := open(ctx, tc.path)
				var fe *archive.FileError
				if !errors.Is(err, tc.kind) || !errors.As(err, &fe) || fe.Path != tc.path {
					t.Errorf("open error = %v, want a *FileError for %s that is %v", err, tc.path, tc.kind)
				}
				if a != nil {
					a.Close()
				}
			}
			after, _ := os.ReadFile(tc.path)
			if !bytes.Equal(before, after) {
				t.Errorf("the file changed")
			}
			if _, err := os.Stat(tc.path + "-wal"); err == nil {
				t.Errorf("a -wal file was left beside it")
			}
		})
	}
}

func TestOpenOneWriterAtATime(t *testing.T) {
	_, path := openTemp(t)
	if _, err := archive.Open(context.Background(), path); !errors.Is(err, archive.ErrBusy) {
		t.Fatalf("second Open() error = %v, want ErrBusy", err)
	}
	r, err := archive.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatalf("OpenReadOnly() while open for writing: %v", err)
	}
	defer r.Close()
	if _, err := r.Sync(context.Background(), factory(service(1, 1)), account, archive.SyncOptions{}); !errors.Is(err, archive.ErrReadOnly) {
		t.Errorf("Sync() on a read-only archive: error = %v, want ErrReadOnly", err)
	}
}

func TestOpenReadOnlyFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes read-only files")
	}
	a, path := openTemp(t)
	a.Close()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	if _, err := archive.Open(context.Background(), path); !errors.Is(err, archive.ErrReadOnly) {
		t.Errorf("Open() error = %v, want ErrReadOnly", err)
	}
}

func TestOpenMissingReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.db")
	if _, err := archive.OpenReadOnly(context.Background(), path); err == nil {
		t.Fatal("OpenReadOnly() of a missing file succeeded")
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("OpenReadOnly() created the file")
	}
}
