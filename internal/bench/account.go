package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// AccountRegion is the region of the account the benchmarks list.
const AccountRegion = "us-west-2"

// AccountStages returns n stages of [AccountRegion] for a fake server, with
// 0 to 300 sessions each (150 on average), and their total count of
// sessions. One stage in four has sessions running; on the others, every
// session has ended.
func AccountStages(n int) ([]fakeaws.Stage, int) {
	var stages []fakeaws.Stage
	total := 0
	for i := range n {
		k := (i * 157) % 301
		total += k
		data := fakeaws.GenStageSessions(k, uint64(i))
		if i%4 != 0 {
			items := data.Items()
			for j := range items {
				if items[j].EndTime.IsZero() {
					items[j].EndTime = items[j].StartTime.Add(time.Hour)
				}
			}
			data = fakeaws.FromSlice(items)
		}
		stages = append(stages, fakeaws.Stage{ARN: fmt.Sprintf("arn:aws:ivs:%s:111122223333:stage/account-%04d", AccountRegion, i), Sessions: data})
	}
	return stages, total
}

// AccountClient is what [AccountSDK] needs of an SDK client.
type AccountClient interface {
	ivsrealtime.ListStagesAPIClient
	ivsrealtime.ListStageSessionsAPIClient
}

// AccountSDK lists every session of every stage of c's region as a user
// would with the SDK alone: the stages from the ListStages paginator, then
// each stage's sessions from the ListStageSessions paginator, one request
// at a time, with the service's default page sizes.
func AccountSDK(ctx context.Context, c AccountClient) (Result, error) {
	var r Result
	stages := ivsrealtime.NewListStagesPaginator(c, &ivsrealtime.ListStagesInput{})
	for stages.HasMorePages() {
		page, err := stages.NextPage(ctx)
		if err != nil {
			return r, err
		}
		for _, st := range page.Stages {
			ss := ivsrealtime.NewListStageSessionsPaginator(c, &ivsrealtime.ListStageSessionsInput{StageArn: st.Arn})
			for ss.HasMorePages() {
				out, err := ss.NextPage(ctx)
				if err != nil {
					return r, err
				}
				for i := range out.StageSessions {
					r.add(aws.ToString(out.StageSessions[i].SessionId))
				}
			}
		}
	}
	return r, nil
}

// AccountLibrary lists the same with [sessions.AccountSessions] over
// clients built by [sessions.ClientsFromConfig] from cfg, limit stages at
// once (0: the default), pages of pageSize sessions (0: the default). It
// stops at the first error.
func AccountLibrary(ctx context.Context, cfg aws.Config, pageSize, limit int) (Result, error) {
	return accountLibrary(ctx, cfg, sessions.StageQuery{}, pageSize, limit)
}

// AccountActive is [AccountLibrary] for the active sessions only, which
// asks no stage that ListStages reports without an active session.
func AccountActive(ctx context.Context, cfg aws.Config, limit int) (Result, error) {
	return accountLibrary(ctx, cfg, sessions.StageQuery{Status: sessions.StageActive}, 0, limit)
}

func accountLibrary(ctx context.Context, cfg aws.Config, q sessions.StageQuery, pageSize, limit int) (Result, error) {
	var opts []sessions.Option
	if pageSize > 0 {
		opts = append(opts, sessions.PageSize(pageSize))
	}
	if limit > 0 {
		opts = append(opts, sessions.Concurrency(limit))
	}
	// The benchmark servers have no quota: no pacing.
	fo, err := sessions.AccountSessions(sessions.ClientsFromConfig(cfg, sessions.ClientMaxRate(0)), sessions.AccountQuery{Regions: []string{AccountRegion}, Sessions: q}, opts...)
	if err != nil {
		return Result{}, err
	}
	var r Result
	for s, err := range fo.All(ctx) {
		if err != nil {
			return r, err
		}
		r.add(s.ID)
	}
	return r, nil
}

// AccountConfig is an aws.Config for srv, with the retryer of its clients.
func AccountConfig(srv *fakeaws.Server) aws.Config {
	return aws.Config{Region: AccountRegion, BaseEndpoint: aws.String(srv.URL), Credentials: fakeaws.Credentials(), HTTPClient: srv.HTTPClient(), Retryer: fakeaws.NewRetryer}
}
