package main

//lint:file-ignore SA1019 Nimble Studio is shut down and its final SDK release marks every API deprecated; listing its sessions is this file's job.

import (
	"context"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/awscli"
	"github.com/sessionkit/sessions/internal/timeline"
)

// studioCommand is "nimble list-streaming-sessions", short "studio".
var studioCommand = command{
	short:     "studio",
	service:   "nimble",
	operation: "list-streaming-sessions",
	parentOpt: "studio-id",
	options: append([]option{
		{name: "studio-id", arg: "ID", repeat: true, help: "Studio ID (required); repeat it to list several studios concurrently", example: "--studio-id stid-a1b2c3d4e5f6g7h8"},
		{name: "created-by", arg: "USER", help: "Sessions created by USER (sent to the service and checked again)", example: "--created-by user-alice"},
		{name: "owned-by", arg: "USER", help: "Sessions owned by USER (sent to the service and checked again)", example: "--owned-by user-alice"},
		{name: "session-ids", arg: "IDS", repeat: true, help: "Only these sessions (comma-separated; one ID is sent to the service)", example: "--session-ids session-1,session-2"},
		{name: "next-token", arg: "TOKEN", help: "Make one request from this service token, as the AWS CLI does", example: "--next-token AQEEAACoYF6DMd0S0Q"},
		{name: "state", arg: "STATES", repeat: true, help: "Keep sessions in one of these states (comma-separated): " + joinStates(), example: "--state READY,STOPPED"},
	}, append(pagingOptions, filterOptions...)...),
	members: []member{
		{name: "createdBy", option: "created-by", doc: "Filters the request to streaming sessions created by the given user."},
		{name: "nextToken", option: "next-token", doc: "The token for the next set of results, or null if there are no more results."},
		{name: "ownedBy", option: "owned-by", doc: "Filters the request to streaming session owned by the given user."},
		{name: "sessionIds", option: "session-ids", doc: "Filters the request to only the provided session IDs."},
		{name: "studioId", option: "studio-id", doc: "[REQUIRED] The studio ID."},
	},
	shape: awscli.Shape{
		Operation:           "ListStreamingSessions",
		ListKey:             "sessions",
		TokenFirst:          true,
		SkeletonOutputError: "Invalid value for parameter sessions[0].volumeConfiguration.iops, value: 0, valid min value: 3000\nInvalid value for parameter sessions[0].volumeConfiguration.size, value: 0, valid min value: 100\nInvalid value for parameter sessions[0].volumeConfiguration.throughput, value: 0, valid min value: 125",
	},
	columns: []string{"sessionId", "state", "statusCode", "ownedBy", "ec2InstanceType", "createdAt"},
	list:    listStudio,
	describe: `Lists the streaming sessions of Amazon Nimble Studio studios
(ListStreamingSessions), as "aws nimble list-streaming-sessions" does, with
the same options, output and exit status. Nimble Studio was shut down in
2024; this works with archives, emulators and recorded traffic through
--endpoint-url.

--created-by, --owned-by and a single --session-ids value are sent to the
service; every filter is also checked on the client. --active keeps READY
sessions and those being created, started or stopped; --ended keeps
STOPPED, DELETE_IN_PROGRESS and DELETED ones (failed states are neither:
use --state). --started-after and --started-before compare startedAt.
Several --studio-id values are listed concurrently; each session then
carries its "studioId".
`,
}

func joinStates() string {
	var b strings.Builder
	for i, s := range sessions.States() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(s))
	}
	return b.String()
}

var studioKind = kind[sessions.StreamingSession]{
	parentKey: "studioId",
	record:    studioRecord,
	parent:    func(s sessions.StreamingSession) string { return s.StudioID },
}

func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, s := range strings.Split(v, ",") {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

func listStudio(ctx context.Context, inv *invocation) int {
	a := &inv.args
	fail := func(err error) int { return reportErr(inv.stderr, err) }
	f, err := a.filters()
	if err != nil {
		return fail(err)
	}
	after, before, active, ended := f.after, f.before, f.active, f.ended
	if !after.IsZero() && !before.IsZero() && !after.Before(before) {
		return fail(paramf("--started-before %s: must be later than --started-after (%s)", isoTime(before), isoTime(after)))
	}
	q := sessions.StudioQuery{CreatedBy: a.str("created-by"), OwnedBy: a.str("owned-by"), SessionIDs: splitList(a.list("session-ids"))}
	for _, s := range splitList(a.list("state")) {
		st, err := sessions.ParseState(s)
		if err != nil {
			return fail(libraryInputError(err))
		}
		q.States = append(q.States, st)
	}
	timeFilter := active || ended || !after.IsZero() || !before.IsZero()
	if timeFilter {
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
	single := a.has("no-paginate") || a.has("next-token")
	t := &studioTransport{}
	l := &listing[sessions.StreamingSession]{
		inv:        inv,
		kind:       &studioKind,
		parents:    parentsOf(a.list("studio-id"), single),
		filtered:   timeFilter || len(q.States) > 0 || len(q.SessionIDs) > 1,
		singleMode: single,
		build: func(id string, skip int, opts []sessions.Option) (*sessions.Paginator[sessions.StreamingSession], error) {
			q := q
			q.StudioID = id
			if skip > 0 {
				// Every client-side filter goes after the skip, which
				// counts raw items; the server-side ones stay bound.
				full := q
				q = sessions.StudioQuery{StudioID: id, CreatedBy: full.CreatedBy, OwnedBy: full.OwnedBy, Where: skipFirst(skip, full.Match)}
				if len(full.SessionIDs) == 1 {
					q.SessionIDs = full.SessionIDs
				}
			}
			return sessions.StreamingSessions(t, q, opts...)
		},
		connect: func(cfg aws.Config) { t.c = newStudioClient(cfg, inv.conn.endpoint) },
	}
	l.single = func(ctx context.Context) ([]any, string, error) {
		in := &nimble.ListStreamingSessionsInput{StudioId: aws.String(l.parents[0])}
		for _, m := range []struct {
			opt string
			dst **string
		}{{"created-by", &in.CreatedBy}, {"owned-by", &in.OwnedBy}, {"next-token", &in.NextToken}} {
			if a.has(m.opt) {
				*m.dst = aws.String(a.str(m.opt))
			}
		}
		if a.has("session-ids") {
			// The AWS CLI's single request: the last value given, as sent.
			in.SessionIds = aws.String(a.str("session-ids"))
		}
		resp, err := t.c.ListStreamingSessions(ctx, in)
		if err != nil {
			return nil, "", err
		}
		items := make([]any, len(resp.Sessions))
		for i, s := range resp.Sessions {
			items[i] = studioRecord(fromSDK(s))
		}
		return items, aws.ToString(resp.NextToken), nil
	}
	return l.run(ctx)
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
// transitions of a live workstation (creating, starting, stopping); the
// picture and the summary count the same sessions as active.
func running(s sessions.State) bool { return timeline.Running(s) }

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

// fromSDK turns a session of a single response into the library's value.
func fromSDK(s nimbletypes.StreamingSession) sessions.StreamingSession {
	v := sessions.StreamingSession{
		ARN: aws.ToString(s.Arn), ID: aws.ToString(s.SessionId), LaunchProfileID: aws.ToString(s.LaunchProfileId),
		StreamingImageID: aws.ToString(s.StreamingImageId), EC2InstanceType: aws.ToString(s.Ec2InstanceType),
		StartedFromBackupID: aws.ToString(s.StartedFromBackupId),
		CreatedBy:           aws.ToString(s.CreatedBy), OwnedBy: aws.ToString(s.OwnedBy), StartedBy: aws.ToString(s.StartedBy),
		StoppedBy: aws.ToString(s.StoppedBy), UpdatedBy: aws.ToString(s.UpdatedBy),
		CreatedAt: aws.ToTime(s.CreatedAt), StartedAt: aws.ToTime(s.StartedAt), StopAt: aws.ToTime(s.StopAt),
		StoppedAt: aws.ToTime(s.StoppedAt), TerminateAt: aws.ToTime(s.TerminateAt), UpdatedAt: aws.ToTime(s.UpdatedAt),
		State: sessions.State(s.State), StatusCode: sessions.StatusCode(s.StatusCode), StatusMessage: aws.ToString(s.StatusMessage),
		AutomaticTerminationMode: sessions.AutomaticTerminationMode(s.AutomaticTerminationMode),
		BackupMode:               sessions.BackupMode(s.BackupMode), PersistenceMode: sessions.PersistenceMode(s.SessionPersistenceMode),
		VolumeRetentionMode: sessions.VolumeRetentionMode(s.VolumeRetentionMode), MaxBackupsToRetain: int(s.MaxBackupsToRetain),
		Tags: s.Tags,
	}
	if vc := s.VolumeConfiguration; vc != nil {
		v.VolumeConfiguration = sessions.VolumeConfiguration{IOPS: int(aws.ToInt32(vc.Iops)), SizeGiB: int(aws.ToInt32(vc.Size)), ThroughputMiBps: int(aws.ToInt32(vc.Throughput))}
	}
	return v
}

// studioRecord returns s with the service's wire names, in the order of
// the service's model (alphabetical), leaving out what the service did not
// send. maxBackupsToRetain is always there: the SDK cannot tell 0 from
// missing. Tags are in key order: the SDK decodes them into a map, so the
// wire's order, which the AWS CLI keeps, is lost.
func studioRecord(s sessions.StreamingSession) awscli.Map {
	r := make(awscli.Map, 0, 28)
	str := func(k, v string) {
		if v != "" {
			r = append(r, awscli.Member{Key: k, Value: v})
		}
	}
	tm := func(k string, v time.Time) {
		if !v.IsZero() {
			r = append(r, awscli.Member{Key: k, Value: isoTime(v)})
		}
	}
	str("arn", s.ARN)
	str("automaticTerminationMode", string(s.AutomaticTerminationMode))
	str("backupMode", string(s.BackupMode))
	tm("createdAt", s.CreatedAt)
	str("createdBy", s.CreatedBy)
	str("ec2InstanceType", s.EC2InstanceType)
	str("launchProfileId", s.LaunchProfileID)
	r = append(r, awscli.Member{Key: "maxBackupsToRetain", Value: s.MaxBackupsToRetain})
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
		tags := make(awscli.Map, 0, len(s.Tags))
		for _, k := range sortedKeys(s.Tags) {
			tags = append(tags, awscli.Member{Key: k, Value: s.Tags[k]})
		}
		r = append(r, awscli.Member{Key: "tags", Value: tags})
	}
	tm("terminateAt", s.TerminateAt)
	tm("updatedAt", s.UpdatedAt)
	str("updatedBy", s.UpdatedBy)
	if v := s.VolumeConfiguration; v != (sessions.VolumeConfiguration{}) {
		vc := awscli.Map{}
		for _, m := range []awscli.Member{{Key: "iops", Value: v.IOPS}, {Key: "size", Value: v.SizeGiB}, {Key: "throughput", Value: v.ThroughputMiBps}} {
			if m.Value != 0 {
				vc = append(vc, m)
			}
		}
		r = append(r, awscli.Member{Key: "volumeConfiguration", Value: vc})
	}
	str("volumeRetentionMode", string(s.VolumeRetentionMode))
	return r
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return sortedStrings(keys)
}
