//lint:file-ignore SA1019 the Nimble SDK is deprecated as a whole; this package exists to test it.

package fakeaws

import (
	"iter"
	"maps"
	"time"

	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"

	"github.com/sessionkit/sessions"
)

// A Dataset is the ordered contents of one stage or studio: a length and a
// function from index to item. It is either backed by a slice ([FromSlice])
// or computed on demand ([Generate]), so the server never needs to hold a
// large data set in memory. The zero Dataset is empty.
type Dataset[T any] struct {
	n  int
	at func(i int) T
}

// FromSlice returns a Dataset serving items in order. The slice is not
// copied; do not modify it while a server uses it.
func FromSlice[T any](items []T) Dataset[T] {
	return Dataset[T]{n: len(items), at: func(i int) T { return items[i] }}
}

// Generate returns a Dataset of n items whose i-th item is at(i). at must be
// deterministic and safe for concurrent use, because the server calls it from
// many requests at once and again whenever a page is fetched.
func Generate[T any](n int, at func(i int) T) Dataset[T] {
	if n < 0 {
		n = 0
	}
	return Dataset[T]{n: n, at: at}
}

// Len returns the number of items.
func (d Dataset[T]) Len() int { return d.n }

// At returns the i-th item, counting from 0. It panics if i is out of range.
func (d Dataset[T]) At(i int) T {
	if i < 0 || i >= d.n {
		panic("fakeaws: Dataset index out of range")
	}
	return d.at(i)
}

// All returns an iterator over the index and item of every element, in
// order. It computes items as it goes, so ranging over a large generated set
// does not materialize it.
func (d Dataset[T]) All() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i := 0; i < d.n; i++ {
			if !yield(i, d.at(i)) {
				return
			}
		}
	}
}

// Items returns every item in a new slice. Use it on small data sets to
// compute what a listing is expected to return.
func (d Dataset[T]) Items() []T {
	out := make([]T, d.n)
	for i := range out {
		out[i] = d.at(i)
	}
	return out
}

// A StageSession is one IVS Real-Time stage session as the server stores it.
// It has no pointers: a zero EndTime means the session is active, and it is
// sent as null or left out (alternating by position in the page, so clients
// see both forms). Times are written in RFC 3339 with as many fractional
// digits as they need, in the time's own location (UTC gives "Z", other
// locations give an offset such as "+02:00").
type StageSession struct {
	SessionID string
	StartTime time.Time
	EndTime   time.Time
}

// SDK returns the session as the SDK decodes it, for comparing with what an
// SDK client returned (use cmpopts.IgnoreUnexported(ivstypes.StageSessionSummary{})).
func (s StageSession) SDK() ivstypes.StageSessionSummary {
	return ivstypes.StageSessionSummary{
		SessionId: optString(s.SessionID),
		StartTime: optTime(s.StartTime),
		EndTime:   optTime(s.EndTime),
	}
}

// A StreamingSession is one Nimble Studio streaming session as the server
// stores it: the library's own type, whose StudioID the server ignores. A
// zero string, time or VolumeConfiguration and a nil Tags map are left out
// of the JSON, so the SDK decodes them as nil. MaxBackupsToRetain is always
// sent, because the SDK's field is a plain int32 where absent and 0 are the
// same. Enum fields are sent as they are, including values the SDK does not
// know. Tags may be shared between generated items; treat it as read-only.
type StreamingSession = sessions.StreamingSession

// A VolumeConfiguration is the root volume of a streaming session. A zero
// field is left out of the JSON; an all-zero value leaves out the object.
type VolumeConfiguration = sessions.VolumeConfiguration

// StreamingSessionSDK returns s as the SDK decodes it from the server's
// JSON, for comparing with what an SDK client returned (use
// cmpopts.IgnoreUnexported on the SDK types).
func StreamingSessionSDK(s *StreamingSession) nimbletypes.StreamingSession {
	out := nimbletypes.StreamingSession{
		Arn:                      optString(s.ARN),
		SessionId:                optString(s.ID),
		LaunchProfileId:          optString(s.LaunchProfileID),
		StreamingImageId:         optString(s.StreamingImageID),
		Ec2InstanceType:          optString(s.EC2InstanceType),
		StartedFromBackupId:      optString(s.StartedFromBackupID),
		CreatedBy:                optString(s.CreatedBy),
		OwnedBy:                  optString(s.OwnedBy),
		StartedBy:                optString(s.StartedBy),
		StoppedBy:                optString(s.StoppedBy),
		UpdatedBy:                optString(s.UpdatedBy),
		CreatedAt:                optTime(s.CreatedAt),
		StartedAt:                optTime(s.StartedAt),
		StopAt:                   optTime(s.StopAt),
		StoppedAt:                optTime(s.StoppedAt),
		TerminateAt:              optTime(s.TerminateAt),
		UpdatedAt:                optTime(s.UpdatedAt),
		State:                    nimbletypes.StreamingSessionState(s.State),
		StatusCode:               nimbletypes.StreamingSessionStatusCode(s.StatusCode),
		StatusMessage:            optString(s.StatusMessage),
		AutomaticTerminationMode: nimbletypes.AutomaticTerminationMode(s.AutomaticTerminationMode),
		BackupMode:               nimbletypes.SessionBackupMode(s.BackupMode),
		SessionPersistenceMode:   nimbletypes.SessionPersistenceMode(s.PersistenceMode),
		VolumeRetentionMode:      nimbletypes.VolumeRetentionMode(s.VolumeRetentionMode),
		MaxBackupsToRetain:       int32(s.MaxBackupsToRetain),
	}
	// A copy, so a caller who edits the result cannot change shared tags.
	out.Tags = maps.Clone(s.Tags)
	if v := s.VolumeConfiguration; v != (VolumeConfiguration{}) {
		out.VolumeConfiguration = &nimbletypes.VolumeConfiguration{
			Iops:       optInt32(int32(v.IOPS)),
			Size:       optInt32(int32(v.SizeGiB)),
			Throughput: optInt32(int32(v.ThroughputMiBps)),
		}
	}
	return out
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func optInt32(v int32) *int32 {
	if v == 0 {
		return nil
	}
	return &v
}
