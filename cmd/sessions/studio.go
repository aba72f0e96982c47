package main

//lint:file-ignore SA1019 Nimble Studio is shut down and its final SDK release marks every API deprecated; listing its sessions is this file's job.

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/nimble"

	"github.com/sessionkit/sessions"
)

// studioFlags are the flags of "sessions studio".
type studioFlags struct {
	common
	ids        listFlag
	createdBy  string
	ownedBy    string
	sessionIDs listFlag
	states     listFlag
}

var studioNames = []string{"studio-id", "created-by", "owned-by", "session-ids", "state"}

func newStudioFlags() (*flag.FlagSet, *studioFlags) {
	fs := flag.NewFlagSet("sessions studio", flag.ContinueOnError)
	f := &studioFlags{sessionIDs: listFlag{split: true}, states: listFlag{split: true}}
	fs.Var(&f.ids, "studio-id", "Studio `ID` to list (required); repeat the flag to list several studios concurrently")
	fs.StringVar(&f.createdBy, "created-by", "", "Keep sessions created by `USER` (sent to the service and checked again)")
	fs.StringVar(&f.ownedBy, "owned-by", "", "Keep sessions owned by `USER` (sent to the service and checked again)")
	fs.Var(&f.sessionIDs, "session-ids", "Keep only these sessions (comma-separated `IDS`; may be repeated)")
	fs.Var(&f.states, "state", "Keep sessions in one of these `STATES` (comma-separated; may be repeated): "+joinStates())
	f.register(fs, "studio")
	return fs, f
}

func joinStates() string {
	var b bytes.Buffer
	for i, s := range sessions.States() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(s))
	}
	return b.String()
}

func runStudio(ctx context.Context, e env, args []string, stdout, stderr io.Writer) int {
	fs, f := newStudioFlags()
	if err := parseFlags(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, studioUsage())
			return exitOK
		}
		if strings.Contains(err.Error(), "defined: --page-size") {
			err = usagef("--page-size: ListStreamingSessions has no page size; leave the flag out")
		}
		return report(stderr, "studio", err)
	}
	if len(f.ids.vals) == 0 {
		return report(stderr, "studio", usagef("--studio-id is required"))
	}
	q := sessions.StudioQuery{CreatedBy: f.createdBy, OwnedBy: f.ownedBy, SessionIDs: f.sessionIDs.vals}
	for _, s := range f.states.vals {
		st, err := sessions.ParseState(s)
		if err != nil {
			return report(stderr, "studio", flagError(err))
		}
		q.States = append(q.States, st)
	}
	after, before := f.startedAfter.t, f.startedBefore.t
	if !after.IsZero() && !before.IsZero() && !after.Before(before) {
		return report(stderr, "studio", usagef("--started-before %s: must be later than --started-after (%s)", isoTime(before), isoTime(after)))
	}
	if f.active || f.ended || !after.IsZero() || !before.IsZero() {
		active, ended := f.active, f.ended
		q.Where = func(s sessions.StreamingSession) bool {
			switch {
			case active && !running(s.State),
				ended && !finished(s.State),
				!after.IsZero() && !s.StartedAt.After(after),
				!before.IsZero() && (s.StartedAt.IsZero() || !s.StartedAt.Before(before)):
				return false
			}
			return true
		}
	}
	t := &studioTransport{}
	l := &listing[sessions.StreamingSession]{
		kind:    &studioKind,
		parents: f.ids.vals,
		c:       &f.common,
		build: func(id string, opts []sessions.Option) (*sessions.Paginator[sessions.StreamingSession], error) {
			q := q
			q.StudioID = id
			return sessions.StreamingSessions(t, q, opts...)
		},
		connect: func(ctx context.Context) error {
			cfg, err := awsConfig(ctx, e, &f.common)
			if err != nil {
				return err
			}
			t.c = newStudioClient(cfg, f.endpointURL)
			return nil
		},
	}
	return l.run(ctx, e, stdout, stderr)
}

// newStudioClient returns a Nimble client for cfg and --endpoint-url.
func newStudioClient(cfg aws.Config, endpoint string) *nimble.Client {
	return nimble.NewFromConfig(cfg, func(o *nimble.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
	})
}

// running is what --active keeps for streaming sessions: READY, and the
// transitions of a live workstation (creating, starting, stopping).
func running(s sessions.State) bool {
	return s == sessions.StateReady || s.Transitional() && s != sessions.StateDeleteInProgress
}

// finished is what --ended keeps: stopped or deleted sessions. The *_FAILED
// states are neither active nor ended; select them with --state.
func finished(s sessions.State) bool {
	return s == sessions.StateStopped || s == sessions.StateDeleted || s == sessions.StateDeleteInProgress
}

// studioTransport lets the paginators be built, and the input checked,
// before the AWS configuration is loaded.
type studioTransport struct {
	c *nimble.Client
}

func (t *studioTransport) ListStreamingSessions(ctx context.Context, in *nimble.ListStreamingSessionsInput, optFns ...func(*nimble.Options)) (*nimble.ListStreamingSessionsOutput, error) {
	return t.c.ListStreamingSessions(ctx, in, optFns...)
}

var studioKind = kind[sessions.StreamingSession]{
	cmd:       "studio",
	listKey:   "sessions",
	parentKey: "studioId",
	scalars: []string{
		"arn", "automaticTerminationMode", "backupMode", "createdAt", "createdBy",
		"ec2InstanceType", "launchProfileId", "maxBackupsToRetain", "ownedBy",
		"sessionId", "sessionPersistenceMode", "startedAt", "startedBy",
		"startedFromBackupId", "state", "statusCode", "statusMessage", "stopAt",
		"stoppedAt", "stoppedBy", "streamingImageId", "terminateAt", "updatedAt",
		"updatedBy", "volumeRetentionMode",
	},
	record:    studioRecord,
	parent:    func(s sessions.StreamingSession) string { return s.StudioID },
	tableHead: []string{"SESSION ID", "STATE", "STATUS CODE", "OWNED BY", "INSTANCE TYPE", "CREATED (UTC)"},
	tableRow: func(s sessions.StreamingSession) []string {
		return []string{s.ID, dash(string(s.State)), dash(string(s.StatusCode)), dash(s.OwnedBy), dash(s.EC2InstanceType), tableTime(s.CreatedAt)}
	},
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// studioRecord returns s with the service's wire names, in the order of
// the service's model (alphabetical), leaving out what the service did not
// send. maxBackupsToRetain is always there: the SDK cannot tell 0 from
// missing.
func studioRecord(s sessions.StreamingSession) record {
	r := make(record, 0, 28)
	str := func(k, v string) {
		if v != "" {
			r = append(r, field{k, v})
		}
	}
	tm := func(k string, v time.Time) {
		if !v.IsZero() {
			r = append(r, field{k, isoTime(v)})
		}
	}
	str("arn", s.ARN)
	str("automaticTerminationMode", string(s.AutomaticTerminationMode))
	str("backupMode", string(s.BackupMode))
	tm("createdAt", s.CreatedAt)
	str("createdBy", s.CreatedBy)
	str("ec2InstanceType", s.EC2InstanceType)
	str("launchProfileId", s.LaunchProfileID)
	r = append(r, field{"maxBackupsToRetain", s.MaxBackupsToRetain})
	str("ownedBy", s.OwnedBy)
	str("sessionId", s.ID)
	str("sessionPersistenceMode", string(s.PersistenceMode))
	tm("startedAt", s.StartedAt)
	str("startedBy", s.StartedBy)
	str("startedFromBackupId", s.StartedFromBackupID)
	str("state", string(s.State))
	str("statusCode", string(s.StatusCode))
	str("statusMessage", s.StatusMessage)
	tm("stopAt", s.StopAt)
	tm("stoppedAt", s.StoppedAt)
	str("stoppedBy", s.StoppedBy)
	str("streamingImageId", s.StreamingImageID)
	if s.Tags != nil {
		r = append(r, field{"tags", s.Tags})
	}
	tm("terminateAt", s.TerminateAt)
	tm("updatedAt", s.UpdatedAt)
	str("updatedBy", s.UpdatedBy)
	if v := s.VolumeConfiguration; v != (sessions.VolumeConfiguration{}) {
		vc := record{}
		for _, m := range []field{{"iops", v.IOPS}, {"size", v.SizeGiB}, {"throughput", v.ThroughputMiBps}} {
			if m.val != 0 {
				vc = append(vc, m)
			}
		}
		r = append(r, field{"volumeConfiguration", vc})
	}
	str("volumeRetentionMode", string(s.VolumeRetentionMode))
	return r
}

func studioUsage() string {
	fs, _ := newStudioFlags()
	var b bytes.Buffer
	b.WriteString(`Usage: sessions studio --studio-id ID [--studio-id ID ...] [flags]

Lists the streaming sessions of Amazon Nimble Studio studios
(ListStreamingSessions), like "aws nimble list-streaming-sessions". Nimble
Studio was shut down in 2024; this works with archives, emulators and
recorded traffic through --endpoint-url.

--created-by, --owned-by and a single --session-ids value are sent to the
service; every filter is also checked on the client. --active keeps READY
sessions and those being created, started or stopped; --ended keeps
STOPPED, DELETE_IN_PROGRESS and DELETED ones (failed states are neither:
use --state). --started-after and --started-before compare startedAt.

Several --studio-id values are listed concurrently; each session then
carries its "studioId". --max-items caps the total across all studios, and
its NextToken continues each of them exactly (pass the same --studio-id
values and service-side filters).

Studio flags:
`)
	writeHelp(&b, fs, studioNames)
	b.WriteString("\nCommon flags:\n")
	writeHelp(&b, fs, commonNames)
	b.WriteString(`
Examples:
  sessions studio --studio-id stid-a1b2c3d4e5f6g7h8 --owned-by user-alice --output table
  sessions studio --studio-id stid-a1b2c3d4e5f6g7h8 --state START_FAILED,STOP_FAILED --output jsonl
  sessions studio --studio-id stid-a1b2c3d4e5f6g7h8 --endpoint-url http://127.0.0.1:4566 --max-items 10
`)
	return b.String()
}
