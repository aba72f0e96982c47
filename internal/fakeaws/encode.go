//lint:file-ignore SA1019 the Nimble SDK is deprecated as a whole; this package exists to test it.

package fakeaws

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// The response encoders append to a byte slice instead of using
// encoding/json: benchmarks push up to a million items through the server,
// and reflection per item would add noise to both sides of every comparison.

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			// Rare: let encoding/json handle escapes and invalid UTF-8.
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

// appendKey appends a member name; the caller adds commas.
func appendKey(b []byte, name string) []byte {
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

// member writes optional members of one object, handling the commas.
type member struct {
	b     []byte
	first bool
}

func (m *member) key(name string) {
	if !m.first {
		m.b = append(m.b, ',')
	}
	m.first = false
	m.b = appendKey(m.b, name)
}

func (m *member) str(name, v string) {
	if v != "" {
		m.key(name)
		m.b = appendString(m.b, v)
	}
}

func (m *member) time(name string, t time.Time) {
	if !t.IsZero() {
		m.key(name)
		m.b = appendTime(m.b, t)
	}
}

func (m *member) int(name string, v int32) {
	m.key(name)
	m.b = strconv.AppendInt(m.b, int64(v), 10)
}

// appendStageSession writes one stage session. pos is the item's position in
// the page: active sessions at even positions get "endTime":null and those at
// odd positions leave the member out, so clients see both forms.
func appendStageSession(b []byte, s StageSession, pos int) []byte {
	m := member{b: append(b, '{'), first: true}
	m.str("sessionId", s.SessionID)
	m.time("startTime", s.StartTime)
	if !s.EndTime.IsZero() {
		m.time("endTime", s.EndTime)
	} else if pos%2 == 0 {
		m.key("endTime")
		m.b = append(m.b, "null"...)
	}
	return append(m.b, '}')
}

func appendStreamingSession(b []byte, s *StreamingSession) []byte {
	m := member{b: append(b, '{'), first: true}
	m.str("arn", s.ARN)
	m.str("sessionId", s.ID)
	m.str("launchProfileId", s.LaunchProfileID)
	m.str("streamingImageId", s.StreamingImageID)
	m.str("ec2InstanceType", s.EC2InstanceType)
	m.str("startedFromBackupId", s.StartedFromBackupID)
	m.str("createdBy", s.CreatedBy)
	m.str("ownedBy", s.OwnedBy)
	m.str("startedBy", s.StartedBy)
	m.str("stoppedBy", s.StoppedBy)
	m.str("updatedBy", s.UpdatedBy)
	m.time("createdAt", s.CreatedAt)
	m.time("startedAt", s.StartedAt)
	m.time("stopAt", s.StopAt)
	m.time("stoppedAt", s.StoppedAt)
	m.time("terminateAt", s.TerminateAt)
	m.time("updatedAt", s.UpdatedAt)
	m.str("state", string(s.State))
	m.str("statusCode", string(s.StatusCode))
	m.str("statusMessage", s.StatusMessage)
	m.str("automaticTerminationMode", string(s.AutomaticTerminationMode))
	m.str("backupMode", string(s.BackupMode))
	m.str("sessionPersistenceMode", string(s.PersistenceMode))
	m.str("volumeRetentionMode", string(s.VolumeRetentionMode))
	m.int("maxBackupsToRetain", int32(s.MaxBackupsToRetain))
	if s.Tags != nil {
		m.key("tags")
		m.b = appendStringMap(m.b, s.Tags)
	}
	if v := s.VolumeConfiguration; v != (VolumeConfiguration{}) {
		m.key("volumeConfiguration")
		vm := member{b: append(m.b, '{'), first: true}
		if v.IOPS != 0 {
			vm.int("iops", int32(v.IOPS))
		}
		if v.SizeGiB != 0 {
			vm.int("size", int32(v.SizeGiB))
		}
		if v.ThroughputMiBps != 0 {
			vm.int("throughput", int32(v.ThroughputMiBps))
		}
		m.b = append(vm.b, '}')
	}
	return append(m.b, '}')
}

// appendStringMap writes a map with its keys in order, so that a response
// is the same bytes every time.
func appendStringMap(b []byte, kv map[string]string) []byte {
	b = append(b, '{')
	for i, k := range slices.Sorted(maps.Keys(kv)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = appendString(b, kv[k])
	}
	return append(b, '}')
}

func appendStage(b []byte, s *stage) []byte {
	m := member{b: append(b, '{'), first: true}
	m.str("arn", s.ARN)
	m.str("name", s.Name)
	m.str("activeSessionId", s.activeSessionID())
	if s.Tags != nil {
		m.key("tags")
		m.b = appendStringMap(m.b, s.Tags)
	}
	return append(m.b, '}')
}
