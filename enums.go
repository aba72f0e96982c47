package sessions

import (
	"slices"
	"strings"
)

// The enum types below mirror the string enums of the Nimble Studio API and
// add [StageStatus] for IVS stage sessions. Values the service sends that this
// version does not know are kept as they are (see each type's IsKnown), so a
// new value never breaks a listing; the Parse functions, meant for user input,
// are strict. Being strings, they print and marshal as the service spells
// them, and unmarshal any value, as the SDK's own enums do.

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

// ParseStatusCode returns the status code named by s, ignoring case. It
// returns an [*InputError] listing the valid values if s names no known code.
func ParseStatusCode(s string) (StatusCode, error) { return statusCodes.parse(s) }

// IsKnown reports whether c is one of the status code constants.
func (c StatusCode) IsKnown() bool { return statusCodes.isKnown(c) }

// IsError reports whether c reports a failure (the codes that end in _ERROR,
// and INSUFFICIENT_CAPACITY).
func (c StatusCode) IsError() bool {
	return c == StatusInsufficientCapacity || strings.HasSuffix(string(c), "_ERROR")
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
