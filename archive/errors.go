package archive

import "errors"

// Errors a [*FileError] wraps, for errors.Is.
var (
	// ErrNotArchive: the file is not an SQLite database, or not one this
	// package wrote.
	ErrNotArchive = errors.New("not an archive")
	// ErrNewerSchema: the file was written by a newer version of this
	// package; it is left untouched.
	ErrNewerSchema = errors.New("newer schema")
	// ErrReadOnly: the file or its directory cannot be written.
	ErrReadOnly = errors.New("read-only")
	// ErrBusy: another Archive, in this process or another, has the file
	// open for writing.
	ErrBusy = errors.New("busy")
)

// A FileError is a problem with the archive file itself, found before any
// request is sent and before anything is written to it. errors.Is reaches
// both Kind and Err.
type FileError struct {
	Path   string // the file
	Reason string // what is wrong with it, e.g. "is not an SQLite database"
	Kind   error  // ErrNotArchive, ErrNewerSchema, ErrReadOnly, ErrBusy, or nil
	Err    error  // the underlying cause, if any
}

func (e *FileError) Error() string {
	msg := "archive: " + e.Path + " " + e.Reason
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns e.Kind and e.Err.
func (e *FileError) Unwrap() []error {
	var errs []error
	for _, err := range []error{e.Kind, e.Err} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}
