package sessions

import "strings"

// The enums of a streaming session's modes, and StageStatus; see enums.go.

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
