package serve

//lint:file-ignore SA1019 Nimble Studio's final SDK release marks every type deprecated; the served data uses its enum types.

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
	"github.com/sessionkit/sessions/internal/fakesvc"
	"github.com/sessionkit/sessions/internal/stagearn"
)

// A stamp is a timestamp member as the AWS CLI and sessions print it: an
// ISO 8601 string. It is decoded by [stamps], which names the member when
// it is wrong.
type stamp = json.RawMessage

// stamps parses the timestamp members of an item into their times; an
// absent or null member gives the zero time.
func stamps(what string, line int, fail func(int, string, ...any) error, members map[string]stamp, into map[string]*time.Time) error {
	for name, dst := range into {
		raw := members[name]
		if len(raw) == 0 || string(raw) == "null" {
			continue
		}
		var str string
		t, err := time.Time{}, json.Unmarshal(raw, &str)
		if err == nil {
			t, err = time.Parse(time.RFC3339Nano, str)
		}
		if err != nil {
			got := kindOf(raw)
			if str != "" {
				got = strconv.Quote(str)
			}
			return fail(line, "%s: %q: want an ISO 8601 time such as \"2024-05-01T10:00:00+00:00\", got %s", what, name, got)
		}
		*dst = t
	}
	return nil
}

// decodeItem decodes an item, naming the member that is wrong.
func decodeItem(raw []byte, v any, line int, what string, fail func(int, string, ...any) error) error {
	err := json.Unmarshal(raw, v)
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &te):
		return fail(line, "%s: %q must be %s, got %s", what, te.Field, te.Type, te.Value)
	}
	msg := err.Error()
	return fail(line, "%s: %s", what, strings.TrimPrefix(msg, "json: "))
}

func (d *dataSet) stageSession(raw []byte, parent string, line int, fail func(int, string, ...any) error) error {
	var v struct {
		StageArn  string `json:"stageArn"`
		SessionID string `json:"sessionId"`
		StartTime stamp  `json:"startTime"`
		EndTime   stamp  `json:"endTime"`
	}
	var start, end time.Time
	if err := decodeItem(raw, &v, line, "stage session", fail); err != nil {
		return err
	}
	if err := stamps("stage session", line, fail, map[string]stamp{"startTime": v.StartTime, "endTime": v.EndTime},
		map[string]*time.Time{"startTime": &start, "endTime": &end}); err != nil {
		return err
	}
	arn := firstOf(v.StageArn, parent, d.stageARN)
	switch {
	case arn == "":
		return fail(line, "stage session %q names no stage: add \"stageArn\" or pass --stage-arn", v.SessionID)
	case !stagearn.Valid(arn):
		return fail(line, "stage ARN %q must match %s", arn, stagearn.Pattern)
	case v.SessionID == "":
		return fail(line, `stage session: "sessionId" is missing`)
	case !fakesvc.ValidStageSessionID(v.SessionID):
		return fail(line, "stage session %q: \"sessionId\" must be \"st-\" and 13 letters or digits, as IVS makes them", v.SessionID)
	case start.IsZero():
		return fail(line, "stage session %s: \"startTime\" is missing; every session has one", v.SessionID)
	case !end.IsZero() && end.Before(start):
		return fail(line, "stage session %s: \"endTime\" %s is before its \"startTime\" %s", v.SessionID, end.Format(time.RFC3339Nano), start.Format(time.RFC3339Nano))
	}
	if err := d.once("stage", arn, v.SessionID, line, fail); err != nil {
		return err
	}
	d.stageFor(arn)
	d.stageItems[arn] = append(d.stageItems[arn], fakeaws.StageSession{SessionID: v.SessionID, StartTime: start, EndTime: end})
	d.stageWhere[arn] = append(d.stageWhere[arn], where{d.file, line})
	d.sessions++
	return nil
}

func (d *dataSet) stageFor(arn string) *fakeaws.Stage {
	st, ok := d.stages[arn]
	if !ok {
		st = &fakeaws.Stage{ARN: arn}
		d.stages[arn] = st
		d.stageOrder = append(d.stageOrder, arn)
	}
	return st
}

func (d *dataSet) stage(raw []byte, line int, fail func(int, string, ...any) error) error {
	var v struct {
		Arn             string            `json:"arn"`
		Name            string            `json:"name"`
		ActiveSessionID string            `json:"activeSessionId"`
		Tags            map[string]string `json:"tags"`
	}
	if err := decodeItem(raw, &v, line, "stage", fail); err != nil {
		return err
	}
	if !stagearn.Valid(v.Arn) {
		return fail(line, "stage: \"arn\" %q must match %s", v.Arn, stagearn.Pattern)
	}
	st := d.stageFor(v.Arn)
	st.Name, st.Tags, st.ActiveSessionID = v.Name, v.Tags, v.ActiveSessionID
	return nil
}

func (d *dataSet) streamingSession(raw []byte, parent string, line int, fail func(int, string, ...any) error) error {
	var v struct {
		StudioID                 string            `json:"studioId"`
		Arn                      string            `json:"arn"`
		SessionID                string            `json:"sessionId"`
		LaunchProfileID          string            `json:"launchProfileId"`
		StreamingImageID         string            `json:"streamingImageId"`
		Ec2InstanceType          string            `json:"ec2InstanceType"`
		StartedFromBackupID      string            `json:"startedFromBackupId"`
		CreatedBy                string            `json:"createdBy"`
		OwnedBy                  string            `json:"ownedBy"`
		StartedBy                string            `json:"startedBy"`
		StoppedBy                string            `json:"stoppedBy"`
		UpdatedBy                string            `json:"updatedBy"`
		CreatedAt                stamp             `json:"createdAt"`
		StartedAt                stamp             `json:"startedAt"`
		StopAt                   stamp             `json:"stopAt"`
		StoppedAt                stamp             `json:"stoppedAt"`
		TerminateAt              stamp             `json:"terminateAt"`
		UpdatedAt                stamp             `json:"updatedAt"`
		State                    string            `json:"state"`
		StatusCode               string            `json:"statusCode"`
		StatusMessage            string            `json:"statusMessage"`
		AutomaticTerminationMode string            `json:"automaticTerminationMode"`
		BackupMode               string            `json:"backupMode"`
		SessionPersistenceMode   string            `json:"sessionPersistenceMode"`
		VolumeRetentionMode      string            `json:"volumeRetentionMode"`
		MaxBackupsToRetain       int32             `json:"maxBackupsToRetain"`
		Tags                     map[string]string `json:"tags"`
		VolumeConfiguration      struct {
			Iops       int32 `json:"iops"`
			Size       int32 `json:"size"`
			Throughput int32 `json:"throughput"`
		} `json:"volumeConfiguration"`
	}
	if err := decodeItem(raw, &v, line, "streaming session", fail); err != nil {
		return err
	}
	var created, started, stopAt, stopped, terminate, updated time.Time
	if err := stamps("streaming session", line, fail,
		map[string]stamp{"createdAt": v.CreatedAt, "startedAt": v.StartedAt, "stopAt": v.StopAt, "stoppedAt": v.StoppedAt, "terminateAt": v.TerminateAt, "updatedAt": v.UpdatedAt},
		map[string]*time.Time{"createdAt": &created, "startedAt": &started, "stopAt": &stopAt, "stoppedAt": &stopped, "terminateAt": &terminate, "updatedAt": &updated}); err != nil {
		return err
	}
	id := firstOf(v.StudioID, parent, d.studioID)
	switch {
	case id == "":
		return fail(line, "streaming session %q names no studio: add \"studioId\" or pass --studio-id", v.SessionID)
	case v.SessionID == "":
		return fail(line, `streaming session: "sessionId" is missing`)
	}
	if err := d.once("studio", id, v.SessionID, line, fail); err != nil {
		return err
	}
	if _, ok := d.studios[id]; !ok {
		d.studioOrder = append(d.studioOrder, id)
	}
	d.studios[id] = append(d.studios[id], fakeaws.StreamingSession{
		ARN: v.Arn, ID: v.SessionID, LaunchProfileID: v.LaunchProfileID, StreamingImageID: v.StreamingImageID,
		EC2InstanceType: v.Ec2InstanceType, StartedFromBackupID: v.StartedFromBackupID,
		CreatedBy: v.CreatedBy, OwnedBy: v.OwnedBy, StartedBy: v.StartedBy, StoppedBy: v.StoppedBy, UpdatedBy: v.UpdatedBy,
		CreatedAt: created, StartedAt: started, StopAt: stopAt, StoppedAt: stopped, TerminateAt: terminate, UpdatedAt: updated,
		State:                    sessions.State(v.State),
		StatusCode:               sessions.StatusCode(v.StatusCode),
		StatusMessage:            v.StatusMessage,
		AutomaticTerminationMode: sessions.AutomaticTerminationMode(v.AutomaticTerminationMode),
		BackupMode:               sessions.BackupMode(v.BackupMode),
		PersistenceMode:          sessions.PersistenceMode(v.SessionPersistenceMode),
		VolumeRetentionMode:      sessions.VolumeRetentionMode(v.VolumeRetentionMode),
		MaxBackupsToRetain:       int(v.MaxBackupsToRetain),
		Tags:                     v.Tags,
		VolumeConfiguration: fakeaws.VolumeConfiguration{
			IOPS: int(v.VolumeConfiguration.Iops), SizeGiB: int(v.VolumeConfiguration.Size), ThroughputMiBps: int(v.VolumeConfiguration.Throughput),
		},
	})
	d.streaming++
	return nil
}

// once refuses a session listed before, which the services never send
// and a replay would deliver twice.
func (d *dataSet) once(kind, parent, id string, line int, fail func(int, string, ...any) error) error {
	key := kind + "\x00" + parent + "\x00" + id
	if first, ok := d.seen[key]; ok {
		return fail(line, "session %s of %s %s is listed twice (first on %s)", id, kind, parent, first)
	}
	d.seen[key] = fmt.Sprintf("line %d of %s", line, d.file)
	return nil
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
