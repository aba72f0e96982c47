package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions"
)

// stageFlags are the flags of "sessions stage".
type stageFlags struct {
	common
	arns     listFlag
	pageSize intFlag
}

var stageNames = []string{"stage-arn", "page-size"}

func newStageFlags() (*flag.FlagSet, *stageFlags) {
	fs := flag.NewFlagSet("sessions stage", flag.ContinueOnError)
	f := &stageFlags{}
	fs.Var(&f.arns, "stage-arn", "Stage `ARN` to list (required); repeat the flag to list several stages concurrently")
	fs.Var(&f.pageSize, "page-size", "Sessions per request (`N`, 1-100; the service's default is 50)")
	f.register(fs, "stage")
	return fs, f
}

func runStage(ctx context.Context, e env, args []string, stdout, stderr io.Writer) int {
	fs, f := newStageFlags()
	if err := parseFlags(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, stageUsage())
			return exitOK
		}
		return report(stderr, "stage", err)
	}
	if len(f.arns.vals) == 0 {
		return report(stderr, "stage", usagef("--stage-arn is required"))
	}
	q := sessions.StageQuery{StartedAfter: f.startedAfter.t, StartedBefore: f.startedBefore.t}
	switch {
	case f.active:
		q.Status = sessions.StageActive
	case f.ended:
		q.Status = sessions.StageEnded
	}
	var extra []sessions.Option
	if f.pageSize.set {
		extra = append(extra, sessions.PageSize(f.pageSize.n))
	}
	t := &stageTransport{}
	l := &listing[sessions.StageSession]{
		kind:    &stageKind,
		parents: f.arns.vals,
		c:       &f.common,
		build: func(arn string, opts []sessions.Option) (*sessions.Paginator[sessions.StageSession], error) {
			q := q
			q.StageARN = arn
			return sessions.StageSessions(t, q, append(opts, extra...)...)
		},
		connect: func(ctx context.Context) error {
			cfg, err := awsConfig(ctx, e, &f.common)
			if err != nil {
				return err
			}
			t.c = stageClient(cfg, f.endpointURL)
			return nil
		},
	}
	return l.run(ctx, e, stdout, stderr)
}

// stageTransport lets the paginators be built, and the input checked,
// before the AWS configuration is loaded.
type stageTransport struct {
	c *ivsrealtime.Client
}

func (t *stageTransport) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, optFns ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	return t.c.ListStageSessions(ctx, in, optFns...)
}

var stageKind = kind[sessions.StageSession]{
	cmd:       "stage",
	listKey:   "stageSessions",
	parentKey: "stageArn",
	scalars:   []string{"endTime", "sessionId", "startTime"},
	// The order of the members in the service's model, which the AWS CLI
	// follows.
	record: func(s sessions.StageSession) record {
		r := record{{"sessionId", s.ID}, {"startTime", isoTime(s.StartTime)}}
		if !s.EndTime.IsZero() {
			r = append(r, field{"endTime", isoTime(s.EndTime)})
		}
		return r
	},
	parent:    func(s sessions.StageSession) string { return s.StageARN },
	tableHead: []string{"SESSION ID", "STATUS", "START (UTC)", "END (UTC)", "DURATION"},
	tableRow: func(s sessions.StageSession) []string {
		d := "-"
		if !s.Active() {
			d = s.EndTime.Sub(s.StartTime).Round(time.Second).String()
		}
		return []string{s.ID, s.Status().String(), tableTime(s.StartTime), tableTime(s.EndTime), d}
	},
}

func stageUsage() string {
	fs, _ := newStageFlags()
	var b bytes.Buffer
	b.WriteString(`Usage: sessions stage --stage-arn ARN [--stage-arn ARN ...] [flags]

Lists the sessions of Amazon IVS Real-Time stages (ListStageSessions), like
"aws ivs-realtime list-stage-sessions" but with filters, several stages at
once and an exact resume point. Credentials and region come from the
standard AWS configuration chain (AWS_PROFILE, AWS_REGION, ~/.aws/config,
SSO, instance roles...), or from --profile and --region.

Several --stage-arn values are listed concurrently (at most --concurrency at
a time). Each session then carries its "stageArn", since session IDs only
make sense within their stage. --max-items caps the total across all stages;
the NextToken it prints records where every stage stopped, so
--starting-token with that token and the same --stage-arn values continues
each of them exactly. json and table output group sessions by stage in the
order given; jsonl and text print them as they arrive.

Stage flags:
`)
	writeHelp(&b, fs, stageNames)
	b.WriteString("\nCommon flags:\n")
	writeHelp(&b, fs, commonNames)
	b.WriteString(`
Examples:
  sessions stage --stage-arn arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456
  sessions stage --stage-arn arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456 \
      --active --output table
  sessions stage --stage-arn arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456 \
      --stage-arn arn:aws:ivs:us-west-2:111122223333:stage/GhIjKl789012 \
      --started-after 2024-05-01T00:00:00Z --max-items 100 --output jsonl
`)
	return b.String()
}
