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

// ParseAutomaticTerminationMode returns the mode named by s, ignoring case,
// or an [*InputError] listing the valid values.
func ParseAutomaticTerminationMode(s string) (AutomaticTerminationMode, error) {
	return automaticTerminationModes.parse(s)
}

// IsKnown reports whether m is one of the constants above.
func (m AutomaticTerminationMode) IsKnown() bool {
	return automaticTerminationModes.isKnown(m)
}

// BackupMode tells whether a streaming session's volume is backed up.
type BackupMode string

// The backup modes.
const (
	BackupAutomatic   BackupMode = "AUTOMATIC"
	BackupDeactivated BackupMode = "DEACTIVATED"
)

var backupModes = enum[BackupMode]{"BackupMode", []BackupMode{BackupAutomatic, BackupDeactivated}}

// ParseBackupMode returns the mode named by s, ignoring case, or an
// [*InputError] listing the valid values.
func ParseBackupMode(s string) (BackupMode, error) { return backupModes.parse(s) }

// IsKnown reports whether m is [BackupAutomatic] or [BackupDeactivated].
func (m BackupMode) IsKnown() bool { return backupModes.isKnown(m) }

// PersistenceMode tells whether a streaming session keeps its volume when it
// stops (the service's sessionPersistenceMode).
type PersistenceMode string

// The session persistence modes.
const (
	PersistenceDeactivated PersistenceMode = "DEACTIVATED"
	PersistenceActivated   PersistenceMode = "ACTIVATED"
)

var persistenceModes = enum[PersistenceMode]{"PersistenceMode", []PersistenceMode{PersistenceDeactivated, PersistenceActivated}}

// ParsePersistenceMode returns the mode named by s, ignoring case, or an
// [*InputError] listing the valid values.
func ParsePersistenceMode(s string) (PersistenceMode, error) { return persistenceModes.parse(s) }

// IsKnown reports whether m is [PersistenceDeactivated] or
// [PersistenceActivated].
func (m PersistenceMode) IsKnown() bool { return persistenceModes.isKnown(m) }

// VolumeRetentionMode tells whether a streaming session's volume is kept or
// deleted when the session is deleted.
type VolumeRetentionMode string

// The volume retention modes.
const (
	VolumeRetain VolumeRetentionMode = "RETAIN"
	VolumeDelete VolumeRetentionMode = "DELETE"
)

var volumeRetentionModes = enum[VolumeRetentionMode]{"VolumeRetentionMode", []VolumeRetentionMode{VolumeRetain, VolumeDelete}}

// ParseVolumeRetentionMode returns the mode named by s, ignoring case, or an
// [*InputError] listing the valid values.
func ParseVolumeRetentionMode(s string) (VolumeRetentionMode, error) {
	return volumeRetentionModes.parse(s)
}

// IsKnown reports whether m is [VolumeRetain] or [VolumeDelete].
func (m VolumeRetentionMode) IsKnown() bool { return volumeRetentionModes.isKnown(m) }

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

// IsKnown reports whether s is [AnyStatus], [StageActive] or [StageEnded].
func (s StageStatus) IsKnown() bool { return s == AnyStatus || stageStatuses.isKnown(s) }

// String returns s in upper case, or "ANY" for [AnyStatus], which is the
// empty string.
func (s StageStatus) String() string {
	if s == AnyStatus {
		return "ANY"
	}
	return string(s)
}

// UnmarshalText implements [encoding.TextUnmarshaler]. Unlike the service
// enums, a stage status is only ever user input, so it is parsed strictly
// (with [ParseStageStatus]).
func (s *StageStatus) UnmarshalText(b []byte) error {
	v, err := ParseStageStatus(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
