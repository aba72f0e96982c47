package sessions

import (
	"slices"
	"strings"
)

// The enum types below mirror the string enums of the Nimble Studio API and
// add [StageStatus] for IVS stage sessions. Values the service sends that this
// version does not know are kept as they are (see each type's IsKnown), so a
// new value never breaks a listing; the Parse functions, meant for user input,
// are strict.

// State is the state of a streaming session, as the service reports it.
type State string

// The states a streaming session can be in.
const (
	StateCreateInProgress State = "CREATE_IN_PROGRESS"
	StateReady            State = "READY"
	StateDeleteInProgress State = "DELETE_IN_PROGRESS"
	StateDeleted          State = "DELETED"
	StateCreateFailed     State = "CREATE_FAILED"
	StateDeleteFailed     State = "DELETE_FAILED"
	StateStopInProgress   State = "STOP_IN_PROGRESS"
	StateStartInProgress  State = "START_IN_PROGRESS"
	StateStopped          State = "STOPPED"
	StateStopFailed       State = "STOP_FAILED"
	StateStartFailed      State = "START_FAILED"
)

var states = enum[State]{"State", []State{
	StateCreateInProgress, StateReady, StateDeleteInProgress, StateDeleted,
	StateCreateFailed, StateDeleteFailed, StateStopInProgress, StateStartInProgress,
	StateStopped, StateStopFailed, StateStartFailed,
}}

// States returns every state this version of the package knows, in the
// order of the service's documentation. The caller may modify the slice.
func States() []State { return states.list() }

// ParseState returns the state named by s, ignoring case. It returns an
// [*InputError] listing the valid values if s names no known state.
func ParseState(s string) (State, error) { return states.parse(s) }

// IsKnown reports whether s is one of the states listed by [States].
func (s State) IsKnown() bool { return states.isKnown(s) }

// Failed reports whether s is one of the *_FAILED states.
func (s State) Failed() bool {
	switch s {
	case StateCreateFailed, StateDeleteFailed, StateStopFailed, StateStartFailed:
		return true
	}
	return false
}

// Transitional reports whether s is one of the *_IN_PROGRESS states, which
// the service leaves on its own.
func (s State) Transitional() bool {
	switch s {
	case StateCreateInProgress, StateDeleteInProgress, StateStopInProgress, StateStartInProgress:
		return true
	}
	return false
}

// String returns s as the service spells it.
func (s State) String() string { return string(s) }

// MarshalText implements [encoding.TextMarshaler].
func (s State) MarshalText() ([]byte, error) { return []byte(s), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]. Like the service
// decoder it keeps values it does not know, so stored sessions round-trip;
// use [ParseState] to validate user input.
func (s *State) UnmarshalText(b []byte) error { *s = State(b); return nil }

// StatusCode is the detailed status of a streaming session.
type StatusCode string

// The status codes of a streaming session.
const (
	StatusReady                          StatusCode = "STREAMING_SESSION_READY"
	StatusDeleted                        StatusCode = "STREAMING_SESSION_DELETED"
	StatusCreateInProgress               StatusCode = "STREAMING_SESSION_CREATE_IN_PROGRESS"
	StatusDeleteInProgress               StatusCode = "STREAMING_SESSION_DELETE_IN_PROGRESS"
	StatusInternalError                  StatusCode = "INTERNAL_ERROR"
	StatusInsufficientCapacity           StatusCode = "INSUFFICIENT_CAPACITY"
	StatusActiveDirectoryDomainJoinError StatusCode = "ACTIVE_DIRECTORY_DOMAIN_JOIN_ERROR"
	StatusNetworkConnectionError         StatusCode = "NETWORK_CONNECTION_ERROR"
	StatusInitializationScriptError      StatusCode = "INITIALIZATION_SCRIPT_ERROR"
	StatusDecryptStreamingImageError     StatusCode = "DECRYPT_STREAMING_IMAGE_ERROR"
	StatusNetworkInterfaceError          StatusCode = "NETWORK_INTERFACE_ERROR"
	StatusStopped                        StatusCode = "STREAMING_SESSION_STOPPED"
	StatusStarted                        StatusCode = "STREAMING_SESSION_STARTED"
	StatusStopInProgress                 StatusCode = "STREAMING_SESSION_STOP_IN_PROGRESS"
	StatusStartInProgress                StatusCode = "STREAMING_SESSION_START_IN_PROGRESS"
	StatusAMIValidationError             StatusCode = "AMI_VALIDATION_ERROR"
)

var statusCodes = enum[StatusCode]{"StatusCode", []StatusCode{
	StatusReady, StatusDeleted, StatusCreateInProgress, StatusDeleteInProgress,
	StatusInternalError, StatusInsufficientCapacity, StatusActiveDirectoryDomainJoinError,
	StatusNetworkConnectionError, StatusInitializationScriptError, StatusDecryptStreamingImageError,
	StatusNetworkInterfaceError, StatusStopped, StatusStarted, StatusStopInProgress,
	StatusStartInProgress, StatusAMIValidationError,
}}

// StatusCodes returns every status code this version of the package knows.
// The caller may modify the slice.
func StatusCodes() []StatusCode { return statusCodes.list() }

// ParseStatusCode returns the status code named by s, ignoring case. It
// returns an [*InputError] listing the valid values if s names no known code.
func ParseStatusCode(s string) (StatusCode, error) { return statusCodes.parse(s) }

// IsKnown reports whether c is one of the codes listed by [StatusCodes].
func (c StatusCode) IsKnown() bool { return statusCodes.isKnown(c) }

// IsError reports whether c reports a failure (the codes that end in _ERROR,
// and INSUFFICIENT_CAPACITY).
func (c StatusCode) IsError() bool {
	return c == StatusInsufficientCapacity || strings.HasSuffix(string(c), "_ERROR")
}

// String returns c as the service spells it.
func (c StatusCode) String() string { return string(c) }

// MarshalText implements [encoding.TextMarshaler].
func (c StatusCode) MarshalText() ([]byte, error) { return []byte(c), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]; it keeps unknown
// values, like [State.UnmarshalText].
func (c *StatusCode) UnmarshalText(b []byte) error { *c = StatusCode(b); return nil }

// AutomaticTerminationMode tells whether a stopped streaming session is
// terminated automatically.
type AutomaticTerminationMode string

// The automatic termination modes.
const (
	AutomaticTerminationDeactivated AutomaticTerminationMode = "DEACTIVATED"
	AutomaticTerminationActivated   AutomaticTerminationMode = "ACTIVATED"
)

var automaticTerminationModes = enum[AutomaticTerminationMode]{"AutomaticTerminationMode", []AutomaticTerminationMode{
	AutomaticTerminationDeactivated, AutomaticTerminationActivated,
}}

// AutomaticTerminationModes returns every automatic termination mode this
// version of the package knows. The caller may modify the slice.
func AutomaticTerminationModes() []AutomaticTerminationMode {
	return automaticTerminationModes.list()
}

// ParseAutomaticTerminationMode returns the mode named by s, ignoring case,
// or an [*InputError] listing the valid values.
func ParseAutomaticTerminationMode(s string) (AutomaticTerminationMode, error) {
	return automaticTerminationModes.parse(s)
}

// IsKnown reports whether m is listed by [AutomaticTerminationModes].
func (m AutomaticTerminationMode) IsKnown() bool {
	return automaticTerminationModes.isKnown(m)
}

// String returns m as the service spells it.
func (m AutomaticTerminationMode) String() string { return string(m) }

// MarshalText implements [encoding.TextMarshaler].
func (m AutomaticTerminationMode) MarshalText() ([]byte, error) { return []byte(m), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]; it keeps unknown values.
func (m *AutomaticTerminationMode) UnmarshalText(b []byte) error {
	*m = AutomaticTerminationMode(b)
	return nil
}

// BackupMode tells whether a streaming session's volume is backed up.
type BackupMode string

// The backup modes.
const (
	BackupAutomatic   BackupMode = "AUTOMATIC"
	BackupDeactivated BackupMode = "DEACTIVATED"
)

var backupModes = enum[BackupMode]{"BackupMode", []BackupMode{BackupAutomatic, BackupDeactivated}}

// BackupModes returns every backup mode this version of the package knows.
// The caller may modify the slice.
func BackupModes() []BackupMode { return backupModes.list() }

// ParseBackupMode returns the mode named by s, ignoring case, or an
// [*InputError] listing the valid values.
func ParseBackupMode(s string) (BackupMode, error) { return backupModes.parse(s) }

// IsKnown reports whether m is listed by [BackupModes].
func (m BackupMode) IsKnown() bool { return backupModes.isKnown(m) }

// String returns m as the service spells it.
func (m BackupMode) String() string { return string(m) }

// MarshalText implements [encoding.TextMarshaler].
func (m BackupMode) MarshalText() ([]byte, error) { return []byte(m), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]; it keeps unknown values.
func (m *BackupMode) UnmarshalText(b []byte) error { *m = BackupMode(b); return nil }

// PersistenceMode tells whether a streaming session keeps its volume when it
// stops (the service's sessionPersistenceMode).
type PersistenceMode string

// The session persistence modes.
const (
	PersistenceDeactivated PersistenceMode = "DEACTIVATED"
	PersistenceActivated   PersistenceMode = "ACTIVATED"
)

var persistenceModes = enum[PersistenceMode]{"PersistenceMode", []PersistenceMode{PersistenceDeactivated, PersistenceActivated}}

// PersistenceModes returns every persistence mode this version of the
// package knows. The caller may modify the slice.
func PersistenceModes() []PersistenceMode { return persistenceModes.list() }

// ParsePersistenceMode returns the mode named by s, ignoring case, or an
// [*InputError] listing the valid values.
func ParsePersistenceMode(s string) (PersistenceMode, error) { return persistenceModes.parse(s) }

// IsKnown reports whether m is listed by [PersistenceModes].
func (m PersistenceMode) IsKnown() bool { return persistenceModes.isKnown(m) }

// String returns m as the service spells it.
func (m PersistenceMode) String() string { return string(m) }

// MarshalText implements [encoding.TextMarshaler].
func (m PersistenceMode) MarshalText() ([]byte, error) { return []byte(m), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]; it keeps unknown values.
func (m *PersistenceMode) UnmarshalText(b []byte) error { *m = PersistenceMode(b); return nil }

// VolumeRetentionMode tells whether a streaming session's volume is kept or
// deleted when the session is deleted.
type VolumeRetentionMode string

// The volume retention modes.
const (
	VolumeRetain VolumeRetentionMode = "RETAIN"
	VolumeDelete VolumeRetentionMode = "DELETE"
)

var volumeRetentionModes = enum[VolumeRetentionMode]{"VolumeRetentionMode", []VolumeRetentionMode{VolumeRetain, VolumeDelete}}

// VolumeRetentionModes returns every volume retention mode this version of
// the package knows. The caller may modify the slice.
func VolumeRetentionModes() []VolumeRetentionMode { return volumeRetentionModes.list() }

// ParseVolumeRetentionMode returns the mode named by s, ignoring case, or an
// [*InputError] listing the valid values.
func ParseVolumeRetentionMode(s string) (VolumeRetentionMode, error) {
	return volumeRetentionModes.parse(s)
}

// IsKnown reports whether m is listed by [VolumeRetentionModes].
func (m VolumeRetentionMode) IsKnown() bool { return volumeRetentionModes.isKnown(m) }

// String returns m as the service spells it.
func (m VolumeRetentionMode) String() string { return string(m) }

// MarshalText implements [encoding.TextMarshaler].
func (m VolumeRetentionMode) MarshalText() ([]byte, error) { return []byte(m), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]; it keeps unknown values.
func (m *VolumeRetentionMode) UnmarshalText(b []byte) error {
	*m = VolumeRetentionMode(b)
	return nil
}

// StageStatus selects stage sessions by whether they are still running. The
// zero value, [AnyStatus], selects every session.
type StageStatus string

// The stage session statuses.
const (
	AnyStatus   StageStatus = ""
	StageActive StageStatus = "ACTIVE" // no end time yet
	StageEnded  StageStatus = "ENDED"  // has an end time
)

var stageStatuses = enum[StageStatus]{"StageStatus", []StageStatus{StageActive, StageEnded}}

// StageStatuses returns the statuses a stage session can have ([StageActive]
// and [StageEnded]). The caller may modify the slice.
func StageStatuses() []StageStatus { return stageStatuses.list() }

// ParseStageStatus returns the status named by s, ignoring case, or an
// [*InputError] listing the valid values. The empty string and "ANY" (what
// [AnyStatus] prints) give AnyStatus.
func ParseStageStatus(s string) (StageStatus, error) {
	if s == "" || strings.EqualFold(s, "ANY") {
		return AnyStatus, nil
	}
	v, err := stageStatuses.parse(s)
	if err != nil {
		err.(*InputError).Reason = "must be ANY (or empty), ACTIVE or ENDED"
	}
	return v, err
}

// IsKnown reports whether s is [AnyStatus] or one of [StageStatuses].
func (s StageStatus) IsKnown() bool { return s == AnyStatus || stageStatuses.isKnown(s) }

// String returns s in upper case, or "ANY" for [AnyStatus].
func (s StageStatus) String() string {
	if s == AnyStatus {
		return "ANY"
	}
	return string(s)
}

// MarshalText implements [encoding.TextMarshaler].
func (s StageStatus) MarshalText() ([]byte, error) { return []byte(s), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]. Unlike the service
// enums, a stage status is only ever user input, so it is parsed strictly.
func (s *StageStatus) UnmarshalText(b []byte) error {
	v, err := ParseStageStatus(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// enum holds the known values of one enum type; each type's functions and
// methods are one-line calls to it.
type enum[E ~string] struct {
	name  string // the type's name, for errors
	known []E
}

func (e enum[E]) list() []E        { return slices.Clone(e.known) }
func (e enum[E]) isKnown(v E) bool { return slices.Contains(e.known, v) }

// parse returns the known value equal to s ignoring case, or an
// [*InputError] listing the valid values.
func (e enum[E]) parse(s string) (E, error) {
	if i := slices.IndexFunc(e.known, func(k E) bool { return strings.EqualFold(s, string(k)) }); i >= 0 {
		return e.known[i], nil
	}
	return "", &InputError{Field: e.name, Value: s, Reason: enumReason(E(s), e.known)}
}

// enumReason says which values are allowed instead of v, pointing out a
// known value in another case.
func enumReason[E ~string](v E, known []E) string {
	names := make([]string, len(known))
	for i, k := range known {
		names[i] = string(k)
		if strings.EqualFold(string(v), string(k)) {
			return "must be spelled " + string(k)
		}
	}
	return "must be one of " + strings.Join(names, ", ")
}
