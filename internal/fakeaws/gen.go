//lint:file-ignore SA1019 the Nimble SDK is deprecated as a whole; this package exists to test it.

package fakeaws

import (
	"time"

	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"

	"github.com/sessionkit/sessions"
)

// genEpoch anchors generated timestamps; a fixed instant keeps data sets
// reproducible across runs and machines.
var genEpoch = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)

// GenStageSessions returns a deterministic Dataset of n stage sessions. The
// same n and seed always give the same items; different seeds give different
// IDs and times. Session IDs are "st-" plus 13 alphanumerics (16 characters)
// and unique within the set; start times strictly increase with the index,
// some with millisecond fractions; about one session in five is active (zero
// EndTime), the others ended between 1 and 120 minutes after they started.
func GenStageSessions(n int, seed uint64) Dataset[StageSession] {
	return Generate(n, func(i int) StageSession {
		h := mix(seed ^ uint64(i)*0x9e3779b97f4a7c15)
		// A 10-minute slot per index plus under 5 minutes of jitter keeps
		// start times strictly increasing.
		start := genEpoch.Add(time.Duration(i)*10*time.Minute + time.Duration(h%300)*time.Second)
		if h>>9%3 == 0 {
			start = start.Add(time.Duration(h>>12%1000) * time.Millisecond)
		}
		s := StageSession{SessionID: uniqueID("st-", seed, i), StartTime: start}
		if h>>20%5 != 0 {
			s.EndTime = start.Add(time.Duration(1+h>>24%120)*time.Minute + time.Duration(h>>32%1000)*time.Millisecond)
		}
		return s
	})
}

// GenUsers is the set of users that generated streaming sessions are created
// and owned by, so tests can filter on createdBy and ownedBy. Do not modify
// it: the generators read it on every call.
var GenUsers = []string{"user-alice", "user-bob", "user-carol", "user-dave", "user-erin"}

// stateCodes is a state and the status codes the service reports with it.
type stateCodes struct {
	state nimbletypes.StreamingSessionState
	codes []nimbletypes.StreamingSessionStatusCode
}

// statusCodesByState gives each state the status codes the service reports
// with it; together they cover every StreamingSessionStatusCode.
var statusCodesByState = []stateCodes{
	{nimbletypes.StreamingSessionStateReady, []nimbletypes.StreamingSessionStatusCode{
		nimbletypes.StreamingSessionStatusCodeStreamingSessionReady,
		nimbletypes.StreamingSessionStatusCodeStreamingSessionStarted}},
	{nimbletypes.StreamingSessionStateCreateInProgress, []nimbletypes.StreamingSessionStatusCode{
		nimbletypes.StreamingSessionStatusCodeStreamingSessionCreateInProgress}},
	{nimbletypes.StreamingSessionStateDeleteInProgress, []nimbletypes.StreamingSessionStatusCode{
		nimbletypes.StreamingSessionStatusCodeStreamingSessionDeleteInProgress}},
	{nimbletypes.StreamingSessionStateDeleted, []nimbletypes.StreamingSessionStatusCode{
		nimbletypes.StreamingSessionStatusCodeStreamingSessionDeleted}},
	{nimbletypes.StreamingSessionStateCreateFailed, []nimbletypes.StreamingSessionStatusCode{
		nimbletypes.StreamingSessionStatusCodeInternalError,
		nimbletypes.StreamingSessionStatusCodeInsufficientCapacity,
		nimbletypes.StreamingSessionStatusCodeActiveDirectoryDomainJoinError,
		nimbletypes.StreamingSessionStatusCodeNetworkConnectionError,
		nimbletypes.StreamingSessionStatusCodeInitializationScriptError,
		nimbletypes.StreamingSessionStatusCodeDecryptStreamingImageError,
		nimbletypes.StreamingSessionStatusCodeNetworkInterfaceError,
		nimbletypes.StreamingSessionStatusCodeAmiValidationError}},
	{nimbletypes.StreamingSessionStateDeleteFailed, []nimbletypes.StreamingSessionStatusCode{
		nimbletypes.StreamingSessionStatusCodeInternalError}},
	{nimbletypes.StreamingSessionStateStopInProgress, []nimbletypes.StreamingSessionStatusCode{
		nimbletypes.StreamingSessionStatusCodeStreamingSessionStopInProgress}},
	{nimbletypes.StreamingSessionStateStartInProgress, []nimbletypes.StreamingSessionStatusCode{
		nimbletypes.StreamingSessionStatusCodeStreamingSessionStartInProgress}},
	{nimbletypes.StreamingSessionStateStopped, []nimbletypes.StreamingSessionStatusCode{
		nimbletypes.StreamingSessionStatusCodeStreamingSessionStopped}},
	{nimbletypes.StreamingSessionStateStopFailed, []nimbletypes.StreamingSessionStatusCode{
		nimbletypes.StreamingSessionStatusCodeInternalError}},
	{nimbletypes.StreamingSessionStateStartFailed, []nimbletypes.StreamingSessionStatusCode{
		nimbletypes.StreamingSessionStatusCodeInsufficientCapacity,
		nimbletypes.StreamingSessionStatusCodeInternalError}},
}

var statusMessages = map[nimbletypes.StreamingSessionStatusCode]string{
	nimbletypes.StreamingSessionStatusCodeStreamingSessionReady:            "Session is ready.",
	nimbletypes.StreamingSessionStatusCodeStreamingSessionDeleted:          "Session has been deleted.",
	nimbletypes.StreamingSessionStatusCodeStreamingSessionCreateInProgress: "Session is being created.",
	nimbletypes.StreamingSessionStatusCodeStreamingSessionDeleteInProgress: "Session is being deleted.",
	nimbletypes.StreamingSessionStatusCodeInternalError:                    "An internal error occurred. Try again later.",
	nimbletypes.StreamingSessionStatusCodeInsufficientCapacity:             "Not enough capacity for the requested instance type.",
	nimbletypes.StreamingSessionStatusCodeActiveDirectoryDomainJoinError:   "Could not join the Active Directory domain.",
	nimbletypes.StreamingSessionStatusCodeNetworkConnectionError:           "Could not connect to the studio network.",
	nimbletypes.StreamingSessionStatusCodeInitializationScriptError:        "An initialization script failed.",
	nimbletypes.StreamingSessionStatusCodeDecryptStreamingImageError:       "Could not decrypt the streaming image.",
	nimbletypes.StreamingSessionStatusCodeNetworkInterfaceError:            "Could not create the network interface.",
	nimbletypes.StreamingSessionStatusCodeStreamingSessionStopped:          "Session is stopped.",
	nimbletypes.StreamingSessionStatusCodeStreamingSessionStarted:          "Session has started.",
	nimbletypes.StreamingSessionStatusCodeStreamingSessionStopInProgress:   "Session is stopping.",
	nimbletypes.StreamingSessionStatusCodeStreamingSessionStartInProgress:  "Session is starting.",
	nimbletypes.StreamingSessionStatusCodeAmiValidationError:               "The streaming image failed validation.",
}

var (
	genInstanceTypes = []string{"g4dn.xlarge", "g4dn.2xlarge", "g4dn.4xlarge", "g4dn.8xlarge", "g4dn.12xlarge", "g4dn.16xlarge", "g3.4xlarge", "g3s.xlarge", "g5.xlarge"}
	genVolumes       = []VolumeConfiguration{{IOPS: 3000, SizeGiB: 500, ThroughputMiBps: 125}, {IOPS: 6000, SizeGiB: 1000, ThroughputMiBps: 250}, {IOPS: 16000, SizeGiB: 2000, ThroughputMiBps: 1000}, {IOPS: 3000, SizeGiB: 100, ThroughputMiBps: 125}}
	// Generated items share these maps so a million sessions do not
	// allocate a million maps; the nil entry gives sessions without tags.
	genTags = []map[string]string{
		nil,
		{"project": "aurora", "team": "lighting"},
		{"project": "borealis", "team": "animation", "cost-center": "cc-1042"},
		{"project": "aurora", "team": "compositing", "shot": "sq010_sh0040"},
	}
)

// GenStreamingSessions returns a deterministic Dataset of n streaming
// sessions. The same n and seed always give the same items. Every field is
// filled realistically for the session's state: IDs are unique
// ("session-" plus 13 alphanumerics), CreatedBy and OwnedBy come from
// [GenUsers] (usually the same user), State and StatusCode cover every enum
// value across the set, the four modes take both of their values, and
// timestamps, StartedBy, StoppedBy, StartedFromBackupID, Tags and
// VolumeConfiguration are set or left zero as the state implies. CreatedAt
// strictly increases with the index.
func GenStreamingSessions(n int, seed uint64) Dataset[StreamingSession] {
	return Generate(n, func(i int) StreamingSession {
		h := mix(seed ^ uint64(i)*0x9e3779b97f4a7c15)
		h2 := mix(h)
		created := genEpoch.Add(time.Duration(i)*7*time.Minute + time.Duration(h2%400)*time.Second)
		if h2>>9%2 == 0 {
			created = created.Add(time.Duration(h2>>10%1000) * time.Millisecond)
		}
		sc := statusCodesByState[h%uint64(len(statusCodesByState))]
		return streamingSession(uniqueID("session-", seed, i), h, sc, created)
	})
}

// streamingSession fills every field of a session in state sc created at
// created, from the random bits of h, as its state implies.
func streamingSession(id string, h uint64, sc stateCodes, created time.Time) StreamingSession {
	h2 := mix(h)
	code := sc.codes[h>>8%uint64(len(sc.codes))]
	creator := GenUsers[h>>16%uint64(len(GenUsers))]
	owner := creator
	if h>>24%4 == 0 {
		owner = GenUsers[h>>28%uint64(len(GenUsers))]
	}
	autoTerm := pick(h>>33, nimbletypes.AutomaticTerminationModeActivated, nimbletypes.AutomaticTerminationModeDeactivated)
	backup := pick(h>>34, nimbletypes.SessionBackupModeAutomatic, nimbletypes.SessionBackupModeDeactivated)
	persist := pick(h>>35, nimbletypes.SessionPersistenceModeActivated, nimbletypes.SessionPersistenceModeDeactivated)
	s := StreamingSession{
		ARN:                      "arn:aws:nimble:us-west-2:111122223333:streaming-session/" + id,
		ID:                       id,
		LaunchProfileID:          "lp-" + base62(mix(h2>>20%64), 10),
		StreamingImageID:         "si-" + base62(mix(h2>>26%32), 10),
		EC2InstanceType:          genInstanceTypes[h2>>31%uint64(len(genInstanceTypes))],
		CreatedBy:                creator,
		OwnedBy:                  owner,
		UpdatedBy:                creator,
		CreatedAt:                created,
		UpdatedAt:                created.Add(time.Duration(1+h2>>35%600) * time.Second),
		State:                    sessions.State(sc.state),
		StatusCode:               sessions.StatusCode(code),
		StatusMessage:            statusMessages[code],
		AutomaticTerminationMode: sessions.AutomaticTerminationMode(autoTerm),
		BackupMode:               sessions.BackupMode(backup),
		PersistenceMode:          sessions.PersistenceMode(persist),
		VolumeRetentionMode:      sessions.VolumeRetentionMode(pick(h>>36, nimbletypes.VolumeRetentionModeRetain, nimbletypes.VolumeRetentionModeDelete)),
		Tags:                     genTags[h>>37%uint64(len(genTags))],
	}
	if backup == nimbletypes.SessionBackupModeAutomatic {
		s.MaxBackupsToRetain = int(1 + h>>40%10)
		if h>>44%3 == 0 {
			s.StartedFromBackupID = "bkp-" + base62(mix(h2), 12)
		}
	}
	if persist == nimbletypes.SessionPersistenceModeActivated {
		s.VolumeConfiguration = genVolumes[h>>46%uint64(len(genVolumes))]
	}
	// Sessions that got as far as starting carry start times; stopped
	// ones also carry stop times; auto-termination schedules StopAt.
	switch sc.state {
	case nimbletypes.StreamingSessionStateReady, nimbletypes.StreamingSessionStateStopInProgress,
		nimbletypes.StreamingSessionStateStopped, nimbletypes.StreamingSessionStateStopFailed,
		nimbletypes.StreamingSessionStateDeleteInProgress, nimbletypes.StreamingSessionStateDeleted,
		nimbletypes.StreamingSessionStateDeleteFailed:
		s.StartedAt = created.Add(time.Duration(60+h2>>41%240) * time.Second)
		s.StartedBy = owner
		s.UpdatedAt = s.StartedAt.Add(time.Duration(h2>>50%60) * time.Second)
		if autoTerm == nimbletypes.AutomaticTerminationModeActivated {
			s.StopAt = s.StartedAt.Add(8 * time.Hour)
			s.TerminateAt = s.StartedAt.Add(30 * 24 * time.Hour)
		}
	}
	switch sc.state {
	case nimbletypes.StreamingSessionStateStopped, nimbletypes.StreamingSessionStateDeleted,
		nimbletypes.StreamingSessionStateDeleteInProgress:
		s.StoppedAt = s.StartedAt.Add(time.Duration(1+h2>>44%480)*time.Minute + time.Duration(h2>>53%1000)*time.Millisecond)
		s.StoppedBy = pick(h>>50, owner, creator)
		s.UpdatedBy = s.StoppedBy
		s.UpdatedAt = s.StoppedAt
	}
	return s
}

func pick[T any](bit uint64, a, b T) T {
	if bit&1 == 0 {
		return a
	}
	return b
}

// mix is the splitmix64 finalizer: a bijection on uint64 that scatters
// nearby inputs, so distinct indexes give distinct, random-looking values.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

const base62Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// uniqueID returns prefix plus 13 alphanumerics, unique per index for a
// given seed. mix is a bijection and i+mix(seed) differs for distinct i, so
// its 11 base-62 digits (62^11 > 2^64) never collide; they are written least
// significant first so the ID does not start with the nearly constant top
// digit, and two more digits from another hash fill the width.
func uniqueID(prefix string, seed uint64, i int) string {
	x := mix(uint64(i) + mix(seed))
	y := mix(x ^ seed)
	b := make([]byte, len(prefix)+13)
	copy(b, prefix)
	d := b[len(prefix):]
	for j := range 11 {
		d[j] = base62Digits[x%62]
		x /= 62
	}
	d[11] = base62Digits[y%62]
	d[12] = base62Digits[y/62%62]
	return string(b)
}

// base62 writes x as width base-62 digits, least significant first.
func base62(x uint64, width int) string {
	b := make([]byte, width)
	for i := range b {
		b[i] = base62Digits[x%62]
		x /= 62
	}
	return string(b)
}
