package main

//lint:file-ignore SA1019 Nimble Studio is shut down and its final SDK release marks every API deprecated; listing its sessions is this file's job.

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/nimble"

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
	options: slices.Concat([]option{
		{name: "studio-id", arg: "ID", repeat: true, help: "Studio ID (required); repeat it to list several studios concurrently", example: "--studio-id stid-a1b2c3d4e5f6g7h8"},
		{name: "created-by", arg: "USER", help: "Sessions created by USER (sent to the service and checked again)", example: "--created-by user-alice"},
		{name: "owned-by", arg: "USER", help: "Sessions owned by USER (sent to the service and checked again)", example: "--owned-by user-alice"},
		{name: "session-ids", arg: "IDS", repeat: true, help: "Only these sessions (comma-separated; one ID is sent to the service)", example: "--session-ids session-1,session-2"},
		{name: "next-token", arg: "TOKEN", help: "Make one request from this service token, as the AWS CLI does", example: "--next-token AQEEAACoYF6DMd0S0Q"},
		{name: "state", arg: "STATES", repeat: true, help: "Keep sessions in one of these states (comma-separated): " + joinStates(), example: "--state READY,STOPPED"},
	}, pagingOptions, filterOptions, []option{
		{name: "lanes", arg: "studio|owner", choices: []string{"studio", "owner"}, help: "With --output svg, html or summary: a lane (a row) per studio or per owner (default studio)", example: "--lanes owner"},
	}),
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
	parse:   parseStudio,
	plan:    planStudio,
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

// planStudio plans the listing of the studio command.
func planStudio(_ context.Context, r *request, c *clients, common []sessions.Option) (lister, error) {
	if r.single != nil {
		return studioSingle(r, c), nil
	}
	return planPages(r, pages[sessions.StreamingSession]{
		batch: studioBatch,
		build: func(id string, skip int, opts []sessions.Option) (*sessions.Paginator[sessions.StreamingSession], error) {
			q := r.studio
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
			return sessions.StreamingSessions(c, q, opts...)
		},
	}, common)
}

// studioSingle is the AWS CLI's single ListStreamingSessions request.
func studioSingle(r *request, c *clients) singleLister {
	id, in := r.parents[0], r.single
	return func(ctx context.Context) (batch, string, error) {
		resp, err := c.ListStreamingSessions(ctx, &nimble.ListStreamingSessionsInput{
			StudioId: aws.String(id), CreatedBy: in.createdBy, OwnedBy: in.ownedBy, NextToken: in.nextToken, SessionIds: in.sessionIDs,
		})
		if err != nil {
			return batch{}, "", err
		}
		b := batch{studio: make([]sessions.StreamingSession, len(resp.Sessions))}
		for i := range resp.Sessions {
			b.studio[i] = sessions.StreamingSessionFromSDK(id, &resp.Sessions[i])
		}
		return b, aws.ToString(resp.NextToken), nil
	}
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

// studioRecord returns s with the service's wire names, in the order of
// the service's model (alphabetical), leaving out what the service did not
// send. maxBackupsToRetain is always there: the SDK cannot tell 0 from
// missing. Tags are in key order: the SDK decodes them into a map, so the
// wire's order, which the AWS CLI keeps, is lost.
func studioRecord(s *sessions.StreamingSession, stamp func(time.Time) string) awscli.Map {
	r := make(awscli.Map, 0, 28)
	str := func(k, v string) {
		if v != "" {
			r = append(r, awscli.Member{Key: k, Value: v})
		}
	}
	tm := func(k string, v time.Time) {
		if !v.IsZero() {
			r = append(r, awscli.Member{Key: k, Value: stamp(v)})
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
