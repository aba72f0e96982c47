//go:build !unix

package archive

import "os"

// lockFile opens path for writing, creating it if needed. Without flock,
// two writers are kept apart by SQLite's own locking alone: the second
// waits for each transaction of the first.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		if os.IsPermission(err) {
			return nil, &FileError{Path: path, Reason: "is read-only", Kind: ErrReadOnly, Err: err}
		}
		return nil, &FileError{Path: path, Reason: "cannot be opened", Err: err}
	}
	return f, nil
}
