package main

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/awscli"
)

// stageCommand is "ivs-realtime list-stage-sessions", short "stage".
var stageCommand = command{
	short:     "stage",
	service:   "ivs-realtime",
	operation: "list-stage-sessions",
	parentOpt: "stage-arn",
	options: append([]option{
		{name: "stage-arn", arg: "ARN", repeat: true, help: "Stage ARN (required); repeat it to list several stages concurrently", example: "--stage-arn arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"},
		{name: "next-token", arg: "TOKEN", help: "Make one request from this service token, as the AWS CLI does", example: "--next-token AQEDAACKrxt5ewXUGA"},
		{name: "max-results", arg: "N", help: "Make one request for at most N sessions (1-100), as the AWS CLI does", example: "--max-results 50"},
		{name: "page-size", arg: "N", help: "Sessions per request when listing every page (1-100; default 100)", example: "--page-size 100"},
	}, append(pagingOptions, append(filterOptions, allStagesOptions...)...)...),
	members: []member{
		{name: "stageArn", option: "stage-arn", doc: "[REQUIRED] Stage ARN."},
		{name: "nextToken", option: "next-token", doc: "The first stage session to retrieve."},
		{name: "maxResults", option: "max-results", integer: true, doc: "Maximum number of results to return."},
	},
	shape: awscli.Shape{
		Operation:           "ListStageSessions",
		ListKey:             "stageSessions",
		SkeletonOutputError: "Invalid length for parameter stageSessions[0].sessionId, value: 9, valid min length: 16",
	},
	columns: []string{"sessionId", "startTime", "endTime"},
	parse:   parseStage,
	plan:    planStage,
	describe: `Lists the sessions of Amazon IVS Real-Time stages (ListStageSessions), as
"aws ivs-realtime list-stage-sessions" does, with the same options, output
and exit status. One deliberate difference: the AWS CLI makes one request
and prints one page; this lists every page, like a paginated AWS CLI
command (--max-items, --starting-token and --page-size work), unless
--max-results, --next-token or --no-paginate asks for the AWS CLI's single
request, whose output is then the AWS CLI's byte for byte.

Each stage is asked in the region its ARN names, whatever the configured
region ("sessions stage"; the AWS spelling asks the configured region, as
the AWS CLI does, when it lists one stage). Several --stage-arn values are
listed concurrently (at most --concurrency at a time); each session then
carries its "stageArn". --all-stages lists every stage of the --region values (repeat
--region for several) found with ListStages, optionally only those matching
--stage-name and --stage-tag; with --active, stages with no active session
are skipped. --max-items caps the total across all stages, and its
NextToken continues each stage exactly. json, table and yaml print the
stages one after another in a fixed order, so a cut listing is the same
every time; jsonl and text print sessions as they arrive.
`,
}

// stageRecord returns s as the AWS CLI prints it: the model's member
// order, endTime left out while the session is active.
func stageRecord(s sessions.StageSession, stamp func(time.Time) string) awscli.Map {
	r := awscli.Map{{Key: "sessionId", Value: s.ID}, {Key: "startTime", Value: stamp(s.StartTime)}}
	if !s.EndTime.IsZero() {
		r = append(r, awscli.Member{Key: "endTime", Value: stamp(s.EndTime)})
	}
	return r
}

// planStage plans the listing of the stage command.
func planStage(ctx context.Context, r *request, c *clients, common []sessions.Option) (lister, error) {
	watchStageNames(ctx, r.out.names, c)
	if r.single != nil {
		return stageSingle(r, c), nil
	}
	var extra []sessions.Option
	if r.hasPageSize {
		extra = append(extra, sessions.PageSize(r.pageSize))
	}
	p := pages[sessions.StageSession]{
		batch: stageBatch,
		build: func(arn string, skip int, opts []sessions.Option) (*sessions.Paginator[sessions.StageSession], error) {
			q := r.stage
			q.StageARN = arn
			if skip > 0 {
				q = sessions.StageQuery{StageARN: arn, Where: skipFirst(skip, q.Match)}
			}
			return sessions.StageSessions(c.stageTransport(!r.aws, arn), q, append(opts, extra...)...)
		},
	}
	if r.account != nil {
		return planAccount(ctx, r, c, p, common, extra)
	}
	return planPages(r, p, common)
}

// stageSingle is the AWS CLI's single ListStageSessions request.
func stageSingle(r *request, c *clients) singleLister {
	arn, in := r.parents[0], r.single
	t := c.stageTransport(!r.aws, arn)
	return func(ctx context.Context) (batch, string, error) {
		resp, err := t.ListStageSessions(ctx, &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arn), NextToken: in.nextToken, MaxResults: in.maxResults})
		if err != nil {
			return batch{}, "", err
		}
		b := batch{stage: make([]sessions.StageSession, len(resp.StageSessions))}
		for i, s := range resp.StageSessions {
			b.stage[i] = sessions.StageSession{StageARN: arn, ID: aws.ToString(s.SessionId), StartTime: aws.ToTime(s.StartTime), EndTime: aws.ToTime(s.EndTime)}
		}
		return b, aws.ToString(resp.NextToken), nil
	}
}

// skipFirst returns a filter that drops the first n items it sees and then
// keeps what keep keeps: an AWS CLI token's count of items already printed
// from its page, counted before any other filter.
func skipFirst[T any](n int, keep func(T) bool) func(T) bool {
	seen := 0
	return func(v T) bool {
		if seen < n {
			seen++
			return false
		}
		return keep(v)
	}
}

// isoTime formats t as the AWS CLI v2 prints timestamps: botocore parses
// the wire value into a datetime that keeps the wire's UTC offset, and the
// CLI prints datetime.isoformat(): "+00:00" for UTC, and microseconds (six
// digits) only when they are not zero.
func isoTime(t time.Time) string {
	b := t.AppendFormat(make([]byte, 0, 32), "2006-01-02T15:04:05")
	if us := t.Nanosecond() / 1000; us != 0 {
		b = append(b, '.')
		b = appendPadded(b, us, 6)
	}
	_, off := t.Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b = append(b, sign)
	b = appendPadded(b, off/3600, 2)
	b = append(b, ':')
	b = appendPadded(b, off/60%60, 2)
	if off%60 != 0 {
		b = append(b, ':')
		b = appendPadded(b, off%60, 2)
	}
	return string(b)
}

func appendPadded(b []byte, n, width int) []byte {
	var digits [20]byte
	i := len(digits)
	for n > 0 || i == len(digits) {
		i--
		digits[i] = byte('0' + n%10)
		n /= 10
	}
	for range width - (len(digits) - i) {
		b = append(b, '0')
	}
	return append(b, digits[i:]...)
}
