package main

import (
	"context"
	"fmt"
	"strings"
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
	list:    listStage,
	describe: `Lists the sessions of Amazon IVS Real-Time stages (ListStageSessions), as
"aws ivs-realtime list-stage-sessions" does, with the same options, output
and exit status. One deliberate difference: the AWS CLI makes one request
and prints one page; this lists every page, like a paginated AWS CLI
command (--max-items, --starting-token and --page-size work), unless
--max-results, --next-token or --no-paginate asks for the AWS CLI's single
request, whose output is then the AWS CLI's byte for byte.

Several --stage-arn values are listed concurrently (at most --concurrency at
a time), each in the region its ARN names; each session then carries its
"stageArn". --all-stages lists every stage of the --region values (repeat
--region for several) found with ListStages, optionally only those matching
--stage-name and --stage-tag; with --active, stages with no active session
are skipped. --max-items caps the total across all stages, and its
NextToken continues each stage exactly. json, table and yaml print the
stages one after another in a fixed order, so a cut listing is the same
every time; jsonl and text print sessions as they arrive.
`,
}

var stageKind = kind[sessions.StageSession]{
	parentKey: "stageArn",
	record:    stageRecord,
	parent:    func(s sessions.StageSession) string { return s.StageARN },
}

// stageRecord returns s as the AWS CLI prints it: the model's member
// order, endTime left out while the session is active.
func stageRecord(s sessions.StageSession) awscli.Map {
	r := awscli.Map{{Key: "sessionId", Value: s.ID}, {Key: "startTime", Value: isoTime(s.StartTime)}}
	if !s.EndTime.IsZero() {
		r = append(r, awscli.Member{Key: "endTime", Value: isoTime(s.EndTime)})
	}
	return r
}

func listStage(ctx context.Context, inv *invocation) int {
	a := &inv.args
	fail := func(err error) int { return reportErr(inv.stderr, err) }
	f, err := a.filters()
	if err != nil {
		return fail(err)
	}
	after, before := f.after, f.before
	q := sessions.StageQuery{StartedAfter: after, StartedBefore: before}
	switch {
	case f.active:
		q.Status = sessions.StageActive
	case f.ended:
		q.Status = sessions.StageEnded
	}
	var extra []sessions.Option
	if n, ok, err := a.integer("page-size"); err != nil {
		return fail(err)
	} else if ok {
		extra = append(extra, sessions.PageSize(n))
	}
	single := a.has("no-paginate") || a.has("max-results") || a.has("next-token")
	t := &stageTransport{}
	l := &listing[sessions.StageSession]{
		inv:        inv,
		kind:       &stageKind,
		parents:    parentsOf(a.list("stage-arn"), single),
		filtered:   q.Status != sessions.AnyStatus || !after.IsZero() || !before.IsZero(),
		singleMode: single,
		build: func(arn string, skip int, opts []sessions.Option) (*sessions.Paginator[sessions.StageSession], error) {
			q := q
			q.StageARN = arn
			if skip > 0 {
				q = sessions.StageQuery{StageARN: arn, Where: skipFirst(skip, q.Match)}
			}
			return sessions.StageSessions(t, q, append(opts, extra...)...)
		},
		connect: func(cfg aws.Config) { t.c = stageClient(cfg, inv.conn.endpoint, inv.conn.pace()) },
	}
	if connect, err := stageAccount(ctx, inv, l, q, extra); err != nil {
		return fail(err)
	} else if connect != nil {
		l.connect = connect
	}
	watchStageNames(ctx, inv, l)
	l.single = func(ctx context.Context) ([]any, string, error) {
		in := &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(l.parents[0])}
		if a.has("next-token") {
			in.NextToken = aws.String(a.str("next-token"))
		}
		if n, ok, err := a.integer("max-results"); err != nil {
			return nil, "", err
		} else if ok {
			in.MaxResults = aws.Int32(int32(n))
		}
		resp, err := t.c.ListStageSessions(ctx, in)
		if err != nil {
			return nil, "", err
		}
		items := make([]any, len(resp.StageSessions))
		for i, s := range resp.StageSessions {
			items[i] = stageRecord(sessions.StageSession{ID: aws.ToString(s.SessionId), StartTime: aws.ToTime(s.StartTime), EndTime: aws.ToTime(s.EndTime)})
		}
		return items, aws.ToString(resp.NextToken), nil
	}
	if l.singleMode && len(l.parents) == 1 {
		if err := checkSingleStage(a, l.parents[0]); err != nil {
			return fail(err)
		}
	}
	return l.run(ctx)
}

// checkSingleStage checks the input of the single request as botocore does
// before sending it: the model's minimums (not its maximums or patterns,
// which the service checks).
func checkSingleStage(a *args, arn string) error {
	var bad []string
	if arn == "" {
		bad = append(bad, "Invalid length for parameter stageArn, value: 0, valid min length: 1")
	}
	n, ok, err := a.integer("max-results")
	if err != nil {
		return err
	}
	if ok && n < 1 {
		bad = append(bad, fmt.Sprintf("Invalid value for parameter maxResults, value: %d, valid min value: 1", n))
	}
	if len(bad) > 0 {
		return paramf("Parameter validation failed:\n%s", strings.Join(bad, "\n"))
	}
	return nil
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

// stageTransport lets the paginators be built, and the input checked,
// before the AWS configuration is loaded.
type stageTransport struct {
	c *ivsrealtime.Client
}

func (t *stageTransport) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, optFns ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	return t.c.ListStageSessions(ctx, in, optFns...)
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
