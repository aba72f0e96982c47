//go:build unix

package archive

import (
	"errors"
	"os"
	"syscall"
)

// lockFile opens path for writing, creating it if needed, and takes an
// exclusive flock on it, which SQLite's own fcntl locks do not see and the
// kernel drops with the process. It refuses a file or directory it may not
// write before SQLite is asked to.
func lockFile(path string) (*os.File, error) {
	if err := syscall.Access(dirOf(path), 2 /* W_OK */); err != nil {
		return nil, &FileError{Path: path, Reason: "is in a directory that cannot be written (the journal goes beside it)", Kind: ErrReadOnly, Err: err}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS) {
			return nil, &FileError{Path: path, Reason: "is read-only", Kind: ErrReadOnly, Err: err}
		}
		return nil, &FileError{Path: path, Reason: "cannot be opened", Err: err}
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &FileError{Path: path, Reason: "is being written by another sync; wait for it to finish", Kind: ErrBusy}
		}
		return nil, &FileError{Path: path, Reason: "cannot be locked", Err: err}
	}
	return f, nil
}
