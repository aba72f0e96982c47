package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go
)

// An Archive is an open archive file. Its methods are safe for concurrent
// use; writes are serialized, each page of a sync in one transaction.
type Archive struct {
	db       *sql.DB
	path     string
	readOnly bool
	lock     *os.File // held while the archive is open for writing
	// w is the one connection that writes, under writeMu. SQLite would
	// make other writers wait anyway, but by sleeping and retrying; and a
	// connection whose cache another one's writes made stale must drop
	// it, so a sync reads through w too, and keeps one cache warm.
	w       *sql.Conn
	writeMu sync.Mutex
}

// Open opens the archive at path for writing, creating the file if it does
// not exist, and migrates its schema to [SchemaVersion]. It checks the file
// before anything is written to it: a file that is not an SQLite database
// ([ErrNotArchive]), one with a newer schema ([ErrNewerSchema]), one it may
// not write ([ErrReadOnly]) or one another process has open for writing
// ([ErrBusy]) is a [*FileError] and is left as it was.
//
// Only one Archive may write a file at a time, in this process or any
// other; the lock is the file's own and goes away with the process, so a
// crash never leaves a stale lock behind.
func Open(ctx context.Context, path string) (*Archive, error) {
	lock, err := lockFile(path)
	if err != nil {
		return nil, err
	}
	a, err := open(ctx, path, false)
	if err != nil {
		lock.Close()
		return nil, cancelled(ctx, err)
	}
	a.lock = lock
	return a, nil
}

// OpenReadOnly opens the archive at path for reading only; it writes
// nothing, takes no lock, and may run while a sync writes the file. The file
// must exist and have this package's schema.
func OpenReadOnly(ctx context.Context, path string) (*Archive, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, &FileError{Path: path, Reason: "does not exist: sync into it first", Kind: ErrNotArchive}
	} else if err != nil {
		return nil, &FileError{Path: path, Reason: "cannot be read", Err: err}
	}
	return open(ctx, path, true)
}

func open(ctx context.Context, path string, readOnly bool) (*Archive, error) {
	params := url.Values{}
	params.Add("_pragma", "busy_timeout(10000)")
	// Reads through a memory map and a 32 MiB page cache: a report reads
	// every page of the table, and a pread per page costs more than the
	// rest of the work.
	params.Add("_pragma", "mmap_size(1073741824)")
	params.Add("_pragma", "cache_size(-32768)")
	if readOnly {
		params.Add("mode", "ro")
	} else {
		params.Add("_pragma", "synchronous(NORMAL)")
		params.Add("_txlock", "immediate")
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+params.Encode())
	if err != nil {
		return nil, &FileError{Path: path, Reason: "cannot be opened", Err: err}
	}
	// Several connections, so that an iterator's query stays open while
	// its loop body uses the archive; writes take writeMu.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	a := &Archive{db: db, path: path, readOnly: readOnly}
	if err := a.check(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// check reads the schema version, which is the first read of the file, and
// migrates a writable archive once the file is known to be one of ours.
func (a *Archive) check(ctx context.Context) error {
	var version int
	if err := a.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		if strings.Contains(err.Error(), "not a database") {
			return &FileError{Path: a.path, Reason: "is not an SQLite database", Kind: ErrNotArchive}
		}
		return &FileError{Path: a.path, Reason: "cannot be read", Err: err}
	}
	if version > SchemaVersion {
		return &FileError{Path: a.path, Reason: fmt.Sprintf("has schema version %d, newer than this program's %d: use a newer sessions", version, SchemaVersion), Kind: ErrNewerSchema}
	}
	if version == 0 {
		var tables int
		if err := a.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return &FileError{Path: a.path, Reason: "cannot be read", Err: err}
		}
		if tables > 0 {
			return &FileError{Path: a.path, Reason: "is an SQLite database, but not an archive of sessions", Kind: ErrNotArchive}
		}
	}
	if a.readOnly {
		if version < SchemaVersion {
			return &FileError{Path: a.path, Reason: fmt.Sprintf("has schema version %d: run sessions sync on it to bring it to version %d", version, SchemaVersion), Kind: ErrNotArchive}
		}
		return nil
	}
	w, err := a.db.Conn(ctx)
	if err != nil {
		return writeError(a.path, err)
	}
	a.w = w
	if _, err := a.w.ExecContext(ctx, "PRAGMA journal_mode = WAL"); err != nil {
		return writeError(a.path, err)
	}
	if err := migrate(ctx, a.w, version); err != nil {
		return writeError(a.path, err)
	}
	return nil
}

// writeError names a failed write as the file's being read-only when that
// is the cause.
func writeError(path string, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "readonly") || strings.Contains(msg, "read-only") || strings.Contains(msg, "unable to open") {
		return &FileError{Path: path, Reason: "is read-only (or its directory is)", Kind: ErrReadOnly, Err: err}
	}
	return &FileError{Path: path, Reason: "cannot be written", Err: err}
}

// Path returns the file the archive was opened from.
func (a *Archive) Path() string { return a.path }

// Close closes the archive and releases its lock.
func (a *Archive) Close() error {
	if a.w != nil {
		a.w.Close()
	}
	err := a.db.Close()
	if a.lock != nil {
		a.lock.Close()
	}
	return err
}

// dirOf is the directory the file's journal goes to.
func dirOf(path string) string { return filepath.Dir(path) }
