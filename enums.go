package sessions

import (
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

var knownStates = []State{
	StateCreateInProgress, StateReady, StateDeleteInProgress, StateDeleted,
	StateCreateFailed, StateDeleteFailed, StateStopInProgress, StateStartInProgress,
	StateStopped, StateStopFailed, StateStartFailed,
}

// States returns every state this version of the package knows, in the
// order of the service's documentation. The caller may modify the slice.
func States() []State { return append([]State(nil), knownStates...) }

// ParseState returns the state named by s, ignoring case. It returns an
// [*InputError] listing the valid values if s names no known state.
func ParseState(s string) (State, error) { return parseEnum("State", s, knownStates) }

// IsKnown reports whether s is one of the states listed by [States].
func (s State) IsKnown() bool { return isKnown(s, knownStates) }

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

var knownStatusCodes = []StatusCode{
	StatusReady, StatusDeleted, StatusCreateInProgress, StatusDeleteInProgress,
	StatusInternalError, StatusInsufficientCapacity, StatusActiveDirectoryDomainJoinError,
	StatusNetworkConnectionError, StatusInitializationScriptError, StatusDecryptStreamingImageError,
	StatusNetworkInterfaceError, StatusStopped, StatusStarted, StatusStopInProgress,
	StatusStartInProgress, StatusAMIValidationError,
}

// StatusCodes returns every status code this version of the package knows.
// The caller may modify the slice.
func StatusCodes() []StatusCode { return append([]StatusCode(nil), knownStatusCodes...) }

// ParseStatusCode returns the status code named by s, ignoring case. It
// returns an [*InputError] listing the valid values if s names no known code.
func ParseStatusCode(s string) (StatusCode, error) {
	return parseEnum("StatusCode", s, knownStatusCodes)
}

// IsKnown reports whether c is one of the codes listed by [StatusCodes].
func (c StatusCode) IsKnown() bool { return isKnown(c, knownStatusCodes) }

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

var knownAutomaticTerminationModes = []AutomaticTerminationMode{
	AutomaticTerminationDeactivated, AutomaticTerminationActivated,
}

// AutomaticTerminationModes returns every automatic termination mode this
// version of the package knows. The caller may modify the slice.
func AutomaticTerminationModes() []AutomaticTerminationMode {
	return append([]AutomaticTerminationMode(nil), knownAutomaticTerminationModes...)
}

// ParseAutomaticTerminationMode returns the mode named by s, ignoring case,
// or an [*InputError] listing the valid values.
func ParseAutomaticTerminationMode(s string) (AutomaticTerminationMode, error) {
	return parseEnum("AutomaticTerminationMode", s, knownAutomaticTerminationModes)
}

// IsKnown reports whether m is listed by [AutomaticTerminationModes].
func (m AutomaticTerminationMode) IsKnown() bool {
	return isKnown(m, knownAutomaticTerminationModes)
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

var knownBackupModes = []BackupMode{BackupAutomatic, BackupDeactivated}

// BackupModes returns every backup mode this version of the package knows.
// The caller may modify the slice.
func BackupModes() []BackupMode { return append([]BackupMode(nil), knownBackupModes...) }

// ParseBackupMode returns the mode named by s, ignoring case, or an
// [*InputError] listing the valid values.
func ParseBackupMode(s string) (BackupMode, error) {
	return parseEnum("BackupMode", s, knownBackupModes)
}

// IsKnown reports whether m is listed by [BackupModes].
func (m BackupMode) IsKnown() bool { return isKnown(m, knownBackupModes) }

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

var knownPersistenceModes = []PersistenceMode{PersistenceDeactivated, PersistenceActivated}

// PersistenceModes returns every persistence mode this version of the
// package knows. The caller may modify the slice.
func PersistenceModes() []PersistenceMode {
	return append([]PersistenceMode(nil), knownPersistenceModes...)
}

// ParsePersistenceMode returns the mode named by s, ignoring case, or an
// [*InputError] listing the valid values.
func ParsePersistenceMode(s string) (PersistenceMode, error) {
	return parseEnum("PersistenceMode", s, knownPersistenceModes)
}

// IsKnown reports whether m is listed by [PersistenceModes].
func (m PersistenceMode) IsKnown() bool { return isKnown(m, knownPersistenceModes) }

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

var knownVolumeRetentionModes = []VolumeRetentionMode{VolumeRetain, VolumeDelete}

// VolumeRetentionModes returns every volume retention mode this version of
// the package knows. The caller may modify the slice.
func VolumeRetentionModes() []VolumeRetentionMode {
	return append([]VolumeRetentionMode(nil), knownVolumeRetentionModes...)
}

// ParseVolumeRetentionMode returns the mode named by s, ignoring case, or an
// [*InputError] listing the valid values.
func ParseVolumeRetentionMode(s string) (VolumeRetentionMode, error) {
	return parseEnum("VolumeRetentionMode", s, knownVolumeRetentionModes)
}

// IsKnown reports whether m is listed by [VolumeRetentionModes].
func (m VolumeRetentionMode) IsKnown() bool { return isKnown(m, knownVolumeRetentionModes) }

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

var knownStageStatuses = []StageStatus{StageActive, StageEnded}

// StageStatuses returns the statuses a stage session can have ([StageActive]
// and [StageEnded]). The caller may modify the slice.
func StageStatuses() []StageStatus {
	return append([]StageStatus(nil), knownStageStatuses...)
}

// ParseStageStatus returns the status named by s, ignoring case, or an
// [*InputError] listing the valid values. The empty string gives [AnyStatus].
func ParseStageStatus(s string) (StageStatus, error) {
	if s == "" {
		return AnyStatus, nil
	}
	return parseEnum("StageStatus", s, knownStageStatuses)
}

// IsKnown reports whether s is [AnyStatus] or one of [StageStatuses].
func (s StageStatus) IsKnown() bool { return s == AnyStatus || isKnown(s, knownStageStatuses) }

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

func isKnown[E ~string](v E, known []E) bool {
	for _, k := range known {
		if v == k {
			return true
		}
	}
	return false
}

func parseEnum[E ~string](field, s string, known []E) (E, error) {
	for _, k := range known {
		if strings.EqualFold(s, string(k)) {
			return k, nil
		}
	}
	names := make([]string, len(known))
	for i, k := range known {
		names[i] = string(k)
	}
	return "", &InputError{Field: field, Value: s, Reason: "must be one of " + strings.Join(names, ", ")}
}
