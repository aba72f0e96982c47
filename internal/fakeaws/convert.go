//lint:file-ignore SA1019 the Nimble SDK is deprecated as a whole; this package exists to test it.

package fakeaws

import (
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"

	"github.com/sessionkit/sessions"
)

// StageOf returns a stage of the library's sessions; their StageARN is
// ignored. The slice is not copied: do not modify it while a server uses it.
func StageOf(arn, name string, tags map[string]string, ss []sessions.StageSession) Stage {
	return Stage{ARN: arn, Name: name, Tags: tags, Sessions: Generate(len(ss), func(i int) StageSession {
		return StageSession{SessionID: ss[i].ID, StartTime: ss[i].StartTime, EndTime: ss[i].EndTime}
	})}
}

// StudioOf returns a Dataset of the library's streaming sessions; their
// StudioID is ignored. The slice is not copied: do not modify it while a
// server uses it.
func StudioOf(ss []sessions.StreamingSession) Dataset[StreamingSession] {
	return Generate(len(ss), func(i int) StreamingSession { return StreamingSessionOf(&ss[i]) })
}

// StreamingSessionOf returns one of the library's streaming sessions as
// the server holds it.
func StreamingSessionOf(v *sessions.StreamingSession) StreamingSession {
	return StreamingSession{
		Arn: v.ARN, SessionID: v.ID, LaunchProfileID: v.LaunchProfileID, StreamingImageID: v.StreamingImageID,
		EC2InstanceType: v.EC2InstanceType, StartedFromBackupID: v.StartedFromBackupID,
		CreatedBy: v.CreatedBy, OwnedBy: v.OwnedBy, StartedBy: v.StartedBy, StoppedBy: v.StoppedBy, UpdatedBy: v.UpdatedBy,
		CreatedAt: v.CreatedAt, StartedAt: v.StartedAt, StopAt: v.StopAt, StoppedAt: v.StoppedAt,
		TerminateAt: v.TerminateAt, UpdatedAt: v.UpdatedAt,
		State:                    nimbletypes.StreamingSessionState(v.State),
		StatusCode:               nimbletypes.StreamingSessionStatusCode(v.StatusCode),
		StatusMessage:            v.StatusMessage,
		AutomaticTerminationMode: nimbletypes.AutomaticTerminationMode(v.AutomaticTerminationMode),
		BackupMode:               nimbletypes.SessionBackupMode(v.BackupMode),
		SessionPersistenceMode:   nimbletypes.SessionPersistenceMode(v.PersistenceMode),
		VolumeRetentionMode:      nimbletypes.VolumeRetentionMode(v.VolumeRetentionMode),
		MaxBackupsToRetain:       int32(v.MaxBackupsToRetain),
		Tags:                     v.Tags,
		VolumeConfiguration: VolumeConfiguration{
			Iops: int32(v.VolumeConfiguration.IOPS), Size: int32(v.VolumeConfiguration.SizeGiB), Throughput: int32(v.VolumeConfiguration.ThroughputMiBps),
		},
	}
}
