package sessions

//lint:file-ignore SA1019 Nimble Studio is shut down and every API of its final SDK release is marked deprecated; supporting that API is the point of this file.

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/nimble"
	"github.com/aws/aws-sdk-go-v2/service/nimble/types"
)

// StreamingSession is one Nimble Studio streaming session (a virtual
// workstation), with every field of the service's StreamingSession as a
// value. Missing strings and times are "" and the zero time.
type StreamingSession struct {
	StudioID string // the studio the session belongs to

	ARN                 string
	ID                  string
	LaunchProfileID     string
	StreamingImageID    string
	EC2InstanceType     string
	StartedFromBackupID string

	CreatedBy string
	OwnedBy   string
	StartedBy string
	StoppedBy string
	UpdatedBy string

	CreatedAt   time.Time
	StartedAt   time.Time
	StopAt      time.Time // when the session will stop automatically
	StoppedAt   time.Time
	TerminateAt time.Time // when the session will be terminated automatically
	UpdatedAt   time.Time

	State         State
	StatusCode    StatusCode
	StatusMessage string

	AutomaticTerminationMode AutomaticTerminationMode
	BackupMode               BackupMode
	PersistenceMode          PersistenceMode
	VolumeRetentionMode      VolumeRetentionMode
	MaxBackupsToRetain       int

	// Tags is the map decoded from the service's response, shared, not
	// copied: clone it before changing it.
	Tags                map[string]string
	VolumeConfiguration VolumeConfiguration
}

// VolumeConfiguration describes the root volume of a streaming session.
// Zero means the service did not say.
type VolumeConfiguration struct {
	SizeGiB         int // size in GiB
	ThroughputMiBps int // throughput in MiB/s
	IOPS            int // I/O operations per second
}

// StudioQuery selects the streaming sessions of one studio. Only StudioID is
// required; the zero value of every other field matches every session.
//
// CreatedBy and OwnedBy are sent to the service, and so is SessionIDs when it
// holds exactly one ID (the service defines no format for a list). Every
// filter is also checked on the client.
type StudioQuery struct {
	StudioID   string
	CreatedBy  string   // the user ID that created the session
	OwnedBy    string   // the user ID that owns the session
	SessionIDs []string // keep only these sessions; no empty or repeated IDs
	States     []State  // keep only sessions in one of these states
	// Where, if set, keeps only the sessions for which it returns true. It
	// runs on the goroutine that ranges over the paginator, or on Merge's
	// goroutines, possibly at the same time for several paginators.
	Where func(StreamingSession) bool
}

// StreamingSessions returns a paginator over the streaming sessions of the
// studio q names, read through t (a *nimble.Client, or a fake). It checks q
// and opts and returns an [*InputError] for bad input; no request is sent
// until the paginator is ranged over. [PageSize] is an error here: the
// service has no page size.
func StreamingSessions(t StudioTransport, q StudioQuery, opts ...Option) (*Paginator[StreamingSession], error) {
	if isNil(t) {
		return nil, &InputError{Field: "transport", Value: "<nil>", Reason: "must be a StudioTransport such as *nimble.Client"}
	}
	q.SessionIDs = slices.Clone(q.SessionIDs) // the caller may reuse its slices
	q.States = slices.Clone(q.States)
	if err := q.check(); err != nil {
		return nil, err
	}
	b := binding{op: opStudio, parent: q.StudioID, createdBy: q.CreatedBy, ownedBy: q.OwnedBy}
	if len(q.SessionIDs) == 1 {
		b.sessionID = q.SessionIDs[0]
	}
	studio, createdBy, ownedBy, sessionID := q.StudioID, ptr(b.createdBy), ptr(b.ownedBy), ptr(b.sessionID)
	var pc pacing // set once the options are checked
	fetch := func(ctx context.Context, token string, _ int, buf []StreamingSession) ([]StreamingSession, string, error) {
		r := &struct { // one allocation per request, as in StageSessions
			in    nimble.ListStreamingSessionsInput
			token string
		}{token: token}
		r.in = nimble.ListStreamingSessionsInput{StudioId: &studio, CreatedBy: createdBy, OwnedBy: ownedBy, SessionIds: sessionID}
		if token != "" {
			r.in.NextToken = &r.token
		}
		out, err := call(ctx, &pc, func(ctx context.Context) (*nimble.ListStreamingSessionsOutput, error) {
			return t.ListStreamingSessions(ctx, &r.in, pc.nimble...)
		})
		if err != nil {
			return buf, "", err
		}
		if out == nil {
			return buf, "", errNoOutput
		}
		n := len(buf)
		buf = slices.Grow(buf, len(out.Sessions))[:n+len(out.Sessions)]
		for i := range out.Sessions {
			fromSDK(&buf[n+i], studio, &out.Sessions[i])
		}
		return buf, deref(out.NextToken), nil
	}
	p, err := newPaginator(operation[StreamingSession]{
		bind: b, fetch: fetch, keep: q.matcher(), id: func(s *StreamingSession) string { return s.ID },
		checkToken: func(string, bool) string { return "" },
	}, opts)
	if err != nil {
		return nil, err
	}
	pc = nimblePacing(t, p.set.pace)
	return p, nil
}

func (q *StudioQuery) check() error {
	if q.StudioID == "" {
		return &InputError{Field: "StudioQuery.StudioID", Value: "", Reason: "must not be empty"}
	}
	seen := make(map[string]int, len(q.SessionIDs))
	for i, id := range q.SessionIDs {
		field := "StudioQuery.SessionIDs[" + strconv.Itoa(i) + "]"
		if id == "" {
			return &InputError{Field: field, Value: id, Reason: "must not be empty"}
		}
		if j, ok := seen[id]; ok {
			return &InputError{Field: field, Value: id, Reason: "repeats SessionIDs[" + strconv.Itoa(j) + "]"}
		}
		seen[id] = i
	}
	for i, s := range q.States {
		if !s.IsKnown() {
			return &InputError{Field: "StudioQuery.States[" + strconv.Itoa(i) + "]", Value: string(s), Reason: enumReason(s, states.known)}
		}
	}
	return nil
}

func ptr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// StreamingSessionFromSDK returns s, a session of the studio studioID as
// the SDK decodes it (from a ListStreamingSessions response, say), as the
// value a paginator hands out for it.
func StreamingSessionFromSDK(studioID string, s *types.StreamingSession) StreamingSession {
	var v StreamingSession
	fromSDK(&v, studioID, s)
	return v
}

// fromSDK converts s into *out, in place: a StreamingSession is large, and
// building it on the stack first would copy it twice.
func fromSDK(out *StreamingSession, studio string, s *types.StreamingSession) {
	*out = StreamingSession{
		StudioID:                 studio,
		ARN:                      deref(s.Arn),
		ID:                       deref(s.SessionId),
		LaunchProfileID:          deref(s.LaunchProfileId),
		StreamingImageID:         deref(s.StreamingImageId),
		EC2InstanceType:          deref(s.Ec2InstanceType),
		StartedFromBackupID:      deref(s.StartedFromBackupId),
		CreatedBy:                deref(s.CreatedBy),
		OwnedBy:                  deref(s.OwnedBy),
		StartedBy:                deref(s.StartedBy),
		StoppedBy:                deref(s.StoppedBy),
		UpdatedBy:                deref(s.UpdatedBy),
		CreatedAt:                derefTime(s.CreatedAt),
		StartedAt:                derefTime(s.StartedAt),
		StopAt:                   derefTime(s.StopAt),
		StoppedAt:                derefTime(s.StoppedAt),
		TerminateAt:              derefTime(s.TerminateAt),
		UpdatedAt:                derefTime(s.UpdatedAt),
		State:                    State(s.State),
		StatusCode:               StatusCode(s.StatusCode),
		StatusMessage:            deref(s.StatusMessage),
		AutomaticTerminationMode: AutomaticTerminationMode(s.AutomaticTerminationMode),
		BackupMode:               BackupMode(s.BackupMode),
		PersistenceMode:          PersistenceMode(s.SessionPersistenceMode),
		VolumeRetentionMode:      VolumeRetentionMode(s.VolumeRetentionMode),
		MaxBackupsToRetain:       int(s.MaxBackupsToRetain),
		Tags:                     s.Tags,
	}
	if v := s.VolumeConfiguration; v != nil {
		out.VolumeConfiguration = VolumeConfiguration{SizeGiB: derefInt(v.Size), ThroughputMiBps: derefInt(v.Throughput), IOPS: derefInt(v.Iops)}
	}
}

func derefInt(n *int32) int {
	if n == nil {
		return 0
	}
	return int(*n)
}
