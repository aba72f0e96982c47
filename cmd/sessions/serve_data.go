package main

//lint:file-ignore SA1019 Nimble Studio's final SDK release marks every type deprecated; the served data uses its enum types.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
	"github.com/sessionkit/sessions/internal/stagearn"
)

// A dataSet is the data that "sessions serve --data" serves, read from
// files in the shapes the AWS CLI and sessions print: a JSON document
// ({"stageSessions":[…]}, {"sessions":[…]}, {"stages":[…]}) or JSON Lines,
// one session, stage or page per line.
type dataSet struct {
	stageARN, studioID string // for items that name no parent

	stages      map[string]*fakeaws.Stage
	stageItems  map[string][]fakeaws.StageSession
	stageOrder  []string
	studios     map[string][]fakeaws.StreamingSession
	studioOrder []string
	seen        map[string]string // kind, parent and session ID → where first seen
	file        string            // the file being read
	sessions    int
	streaming   int
}

func newDataSet(stageARN, studioID string) *dataSet {
	return &dataSet{
		stageARN: stageARN, studioID: studioID,
		stages: map[string]*fakeaws.Stage{}, stageItems: map[string][]fakeaws.StageSession{},
		studios: map[string][]fakeaws.StreamingSession{}, seen: map[string]string{},
	}
}

func (d *dataSet) options() []fakeaws.Option {
	var opts []fakeaws.Option
	for _, arn := range d.stageOrder {
		st := *d.stages[arn]
		st.Sessions = fakeaws.FromSlice(d.stageItems[arn])
		opts = append(opts, fakeaws.WithStages(st))
	}
	for _, id := range d.studioOrder {
		opts = append(opts, fakeaws.WithStudio(id, fakeaws.FromSlice(d.studios[id])))
	}
	return opts
}

func (d *dataSet) summary() string {
	return fmt.Sprintf("%s with %s, %s with %s", count(len(d.stages), "stage"), count(d.sessions, "session"), count(len(d.studios), "studio"), count(d.streaming, "streaming session"))
}

// A dataError is a problem with a data file, at a line.
type dataError struct {
	file string
	line int
	msg  string
}

func (e *dataError) Error() string {
	if e.line == 0 {
		return fmt.Sprintf("--data %s: %s", e.file, e.msg)
	}
	return fmt.Sprintf("--data %s: line %d: %s", e.file, e.line, e.msg)
}

// load reads one file: a JSON document, or JSON Lines when it holds more
// than one value.
func (d *dataSet) load(name string) error {
	d.file = name
	b, err := os.ReadFile(name)
	if err != nil {
		return &dataError{file: name, msg: "cannot read it: " + strings.TrimPrefix(err.Error(), "open "+name+": ")}
	}
	fail := func(line int, format string, a ...any) error {
		return &dataError{file: name, line: line, msg: fmt.Sprintf(format, a...)}
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return fail(0, "the file is empty; want JSON or JSON Lines as the AWS CLI or sessions print them")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	var first json.RawMessage
	if err := dec.Decode(&first); err != nil {
		return fail(lineOf(b, errOffset(err, dec)), "not JSON: %v", err)
	}
	if !dec.More() {
		return d.value(first, lineOf(b, int64(len(b)-len(bytes.TrimLeft(b, " \t\r\n")))), fail, true)
	}
	// JSON Lines: one value per non-blank line.
	for i, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if !json.Valid(line) {
			var v any
			err := json.Unmarshal(line, &v)
			return fail(i+1, "not JSON: %v (a JSON Lines file holds one JSON value per line)", err)
		}
		if err := d.value(line, i+1, fail, false); err != nil {
			return err
		}
	}
	return nil
}

// errOffset returns where a decoding error happened.
func errOffset(err error, dec *json.Decoder) int64 {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return se.Offset
	case errors.As(err, &te):
		return te.Offset
	}
	return dec.InputOffset()
}

// lineOf returns the line, counting from 1, of byte offset off of b.
func lineOf(b []byte, off int64) int {
	off = min(max(off, 0), int64(len(b)))
	return 1 + bytes.Count(b[:off], []byte("\n"))
}

// value reads one JSON value at line: a page or listing ({"stageSessions":
// […]}, {"sessions":[…]}, {"stages":[…]}) or, in JSON Lines, one item. In a
// whole-file document, items are located on their own lines.
func (d *dataSet) value(raw []byte, line int, fail func(int, string, ...any) error, document bool) error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return fail(line, "want a JSON object, got %s", kindOf(raw))
	}
	lists := 0
	for _, key := range []string{"stageSessions", "sessions", "stages"} {
		list, ok := obj[key]
		if !ok {
			continue
		}
		lists++
		var items []json.RawMessage
		if err := json.Unmarshal(list, &items); err != nil {
			return fail(line, "%q must be a list, got %s", key, kindOf(list))
		}
		parent := ""
		for _, k := range []string{"stageArn", "studioId"} {
			if v, ok := obj[k]; ok {
				json.Unmarshal(v, &parent)
			}
		}
		pos := bytes.Index(raw, list) // where the items are searched for their lines
		for _, it := range items {
			at := line
			if document {
				pos += bytes.Index(raw[pos:], it)
				at = line + bytes.Count(raw[:pos], []byte("\n"))
				pos += len(it)
			}
			var err error
			switch key {
			case "stageSessions":
				err = d.stageSession(it, parent, at, fail)
			case "sessions":
				err = d.streamingSession(it, parent, at, fail)
			case "stages":
				err = d.stage(it, at, fail)
			}
			if err != nil {
				return err
			}
		}
	}
	if lists > 0 {
		return nil
	}
	// One item (a line of JSON Lines), told apart by its members.
	has := func(k string) bool { _, ok := obj[k]; return ok }
	switch {
	case has("stageArn") || has("startTime"):
		return d.stageSession(raw, "", line, fail)
	case has("studioId") || has("sessionId"):
		return d.streamingSession(raw, "", line, fail)
	case has("arn"):
		return d.stage(raw, line, fail)
	case len(obj) == 1 && (has("NextToken") || has("nextToken")):
		return nil // the token line that ends a truncated listing
	}
	return fail(line, `want an object with "stageSessions", "sessions" or "stages", as the AWS CLI prints, or JSON Lines of stage sessions (sessionId, startTime), streaming sessions (sessionId, state, …) or stages (arn, name)`)
}

func kindOf(raw []byte) string {
	switch t := bytes.TrimSpace(raw); {
	case len(t) == 0:
		return "nothing"
	case t[0] == '[':
		return "a list"
	case t[0] == '"':
		return "a string"
	case t[0] == '{':
		return "an object"
	case t[0] == 'n':
		return "null"
	case t[0] == 't' || t[0] == 'f':
		return "a boolean"
	}
	return "a number"
}

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
	}
	if err := d.once("stage", arn, v.SessionID, line, fail); err != nil {
		return err
	}
	d.stageFor(arn)
	d.stageItems[arn] = append(d.stageItems[arn], fakeaws.StageSession{SessionID: v.SessionID, StartTime: start, EndTime: end})
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
