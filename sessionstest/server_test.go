package sessionstest_test

//lint:file-ignore SA1019 Nimble Studio's final SDK release marks every type deprecated; these tests fake that API.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

// richStudio returns streaming sessions with every field set.
func richStudio(n int) []sessions.StreamingSession {
	out := streamingSessions(n)
	for i := range out {
		s := &out[i]
		s.ARN = "arn:aws:nimble:us-west-2:111122223333:streaming-session/" + s.ID
		s.LaunchProfileID, s.StreamingImageID, s.EC2InstanceType, s.StartedFromBackupID = "lp-1", "si-1", "g4dn.xlarge", "backup-1"
		s.StartedBy, s.StoppedBy, s.UpdatedBy = "a", "b", "c"
		s.StartedAt, s.StopAt, s.StoppedAt = s.CreatedAt.Add(time.Minute), s.CreatedAt.Add(time.Hour), s.CreatedAt.Add(30*time.Minute)
		s.TerminateAt, s.UpdatedAt = s.CreatedAt.Add(2*time.Hour), s.CreatedAt.Add(31*time.Minute)
		s.StatusCode, s.StatusMessage = sessions.StatusCode("STREAMING_SESSION_READY"), "fine"
		s.AutomaticTerminationMode, s.BackupMode = sessions.AutomaticTerminationMode("ACTIVATED"), sessions.BackupMode("AUTOMATIC")
		s.PersistenceMode, s.VolumeRetentionMode = sessions.PersistenceMode("ACTIVATED"), sessions.VolumeRetentionMode("RETAIN")
		s.MaxBackupsToRetain = i % 4
		s.Tags = map[string]string{"i": fmt.Sprint(i)}
		s.VolumeConfiguration = sessions.VolumeConfiguration{SizeGiB: 500, ThroughputMiBps: 125, IOPS: 3000}
	}
	return out
}

func testData() sessionstest.Data {
	a := stageSessions(arnA, 7)
	a[1].StartTime = a[1].StartTime.Add(123 * time.Millisecond)
	return sessionstest.Data{
		Stages:         map[string][]sessions.StageSession{arnA: a, arnB: stageSessions(arnB, 2), arnEU: stageSessions(arnEU, 3)},
		Info:           map[string]sessionstest.StageInfo{arnA: {Name: "alpha", Tags: map[string]string{"team": "a"}}, arnEU: {Name: "europe"}},
		Studios:        map[string][]sessions.StreamingSession{studioID: richStudio(11)},
		StudioPageSize: 3,
	}
}

func newServer(t *testing.T, d sessionstest.Data) *sessionstest.Server {
	t.Helper()
	if d.Quota == nil {
		d.Quota = sessionstest.NoQuota() // at full speed
	}
	srv := sessionstest.NewServer(d)
	t.Cleanup(srv.Close)
	return srv
}

func inRegion(r string) func(*ivsrealtime.Options) {
	return func(o *ivsrealtime.Options) { o.Region = r }
}

// The server and the in-memory fakes serve the same data alike: the same
// sessions, stages and pages, through the real SDK clients on one side.
func TestServerMatchesInMemory(t *testing.T) {
	d := testData()
	srv := newServer(t, d)
	ctx := context.Background()
	for arn, region := range map[string]string{arnA: "us-west-2", arnB: "us-west-2", arnEU: "eu-west-1"} {
		mem := &sessionstest.StageService{Stages: d.Stages, Info: d.Info, Region: region}
		want, err := collect(sessions.StageSessions(mem, sessions.StageQuery{StageARN: arn}, sessions.PageSize(2)))
		if err != nil {
			t.Fatal(err)
		}
		got, err := collect(sessions.StageSessions(srv.StageClient(inRegion(region)), sessions.StageQuery{StageARN: arn}, sessions.PageSize(2)))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" || len(got) == 0 {
			t.Errorf("%s: in-memory vs wire (-want +got):\n%s", arn, diff)
		}

		var memStages, wireStages []ivstypes.StageSummary
		for c, out := range map[ivsrealtime.ListStagesAPIClient]*[]ivstypes.StageSummary{mem: &memStages, srv.StageClient(inRegion(region)): &wireStages} {
			p := ivsrealtime.NewListStagesPaginator(c, &ivsrealtime.ListStagesInput{MaxResults: aws.Int32(1)})
			for p.HasMorePages() {
				page, err := p.NextPage(ctx)
				if err != nil {
					t.Fatal(err)
				}
				*out = append(*out, page.Stages...)
			}
		}
		if diff := cmp.Diff(memStages, wireStages, cmpopts.IgnoreUnexported(ivstypes.StageSummary{})); diff != "" || len(memStages) == 0 {
			t.Errorf("%s: ListStages in-memory vs wire (-want +got):\n%s", region, diff)
		}
	}

	mem := &sessionstest.StudioService{Studios: d.Studios, PageSize: d.StudioPageSize}
	for _, q := range []sessions.StudioQuery{{StudioID: studioID}, {StudioID: studioID, CreatedBy: "creator-1", OwnedBy: "owner-2"}, {StudioID: studioID, SessionIDs: []string{"session-004"}}} {
		want, err := collect(sessions.StreamingSessions(mem, q))
		if err != nil {
			t.Fatal(err)
		}
		got, err := collect(sessions.StreamingSessions(srv.StudioClient(), q))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" || len(got) == 0 {
			t.Errorf("%+v: in-memory vs wire (-want +got):\n%s", q, diff)
		}
	}
}

// outcome classifies how a listing ended.
func outcome(items int, err error) string {
	var api smithy.APIError
	var deser *smithy.DeserializationError
	var send *smithyhttp.RequestSendError
	switch {
	case err == nil:
		return fmt.Sprintf("%d items", items)
	case errors.Is(err, sessions.ErrTokenLoop):
		return fmt.Sprintf("%d items, token loop", items)
	case errors.As(err, &api):
		return fmt.Sprintf("%d items, %s: %s", items, api.ErrorCode(), api.ErrorMessage())
	case errors.As(err, &deser):
		return fmt.Sprintf("%d items, deserialization error", items)
	case errors.As(err, &send):
		return fmt.Sprintf("%d items, connection error", items)
	}
	return fmt.Sprintf("%d items, %T", items, err)
}

// Every fault does to a listing on the wire, through the real client with
// retries off, what it does in memory.
func TestServerFaults(t *testing.T) {
	d := testData()
	denied := &ivstypes.AccessDeniedException{Message: aws.String("not yours")}
	tests := []struct {
		fault sessionstest.Fault
		want  string
	}{
		{sessionstest.Throttle(2), "2 items, ThrottlingException: Rate exceeded"},
		{sessionstest.ServerError(3), "4 items, InternalServerException: An internal error occurred"},
		{sessionstest.Unavailable(1), "0 items, ServiceUnavailableException: Service unavailable"},
		{sessionstest.ErrorAt(2, denied), "2 items, AccessDeniedException: not yours"},
		{sessionstest.MalformedBody(2), "2 items, deserialization error"},
		{sessionstest.TruncatedBody(4), "6 items, deserialization error"},
		{sessionstest.DropConnection(2), "2 items, connection error"},
		{sessionstest.RepeatToken(2), "4 items, token loop"},
		{sessionstest.TokenCycle(1, 2), "6 items, token loop"},
		{sessionstest.EmptyPages(2, 3), "7 items"},
		{sessionstest.Slow(1, 20*time.Millisecond).Times(2), "7 items"},
		{sessionstest.Throttle(1).For(arnB), "7 items"},
	}
	for _, tt := range tests {
		t.Run(tt.fault.String(), func(t *testing.T) {
			mem := &sessionstest.StageService{Stages: d.Stages, Faults: []sessionstest.Fault{tt.fault}}
			items, err := collect(sessions.StageSessions(mem, sessions.StageQuery{StageARN: arnA}, sessions.PageSize(2)))
			if got := outcome(len(items), err); got != tt.want {
				t.Errorf("in memory: %s, want %s", got, tt.want)
			}
			srv := newServer(t, d)
			srv.Inject(tt.fault)
			client := srv.StageClient(func(o *ivsrealtime.Options) { o.RetryMaxAttempts = 1 }, sessions.IVSErrorMessages)
			items, err = collect(sessions.StageSessions(client, sessions.StageQuery{StageARN: arnA}, sessions.PageSize(2)))
			if got := outcome(len(items), err); got != tt.want {
				t.Errorf("on the wire: %s, want %s", got, tt.want)
			}
		})
	}
}

// A Fault lasts as long as Times says, on the wire and in memory alike.
func TestServerFaultTimes(t *testing.T) {
	d := testData()
	srv := newServer(t, d)
	srv.Inject(sessionstest.Throttle(1).Times(2))
	client := srv.StudioClient() // 3 attempts
	got, err := collect(sessions.StreamingSessions(client, sessions.StudioQuery{StudioID: studioID}))
	if err != nil || len(got) != 11 {
		t.Fatalf("%d sessions, %v; want all 11 after 2 retries", len(got), err)
	}
	var statuses []int
	for _, r := range srv.Requests() {
		statuses = append(statuses, r.Status)
	}
	if diff := cmp.Diff([]int{429, 429, 200, 200, 200, 200}, statuses); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	_, err = nimble.NewFromConfig(srv.Config(), func(o *nimble.Options) { o.RetryMaxAttempts = 1 }).ListStreamingSessions(context.Background(), &nimble.ListStreamingSessionsInput{StudioId: aws.String("nope")})
	if outcome(0, err) != "0 items, ResourceNotFoundException: Studio not found: nope" {
		t.Errorf("unknown studio: %v", err)
	}
}

// The in-memory fakes fail with the very error values that the SDK clients
// decode from the wire (IVS clients with sessions.IVSErrorMessages), for
// every error the engine answers with.
func TestErrorsAsTheClientMakesThem(t *testing.T) {
	d := testData()
	srv := newServer(t, d)
	ctx := context.Background()
	noRetry := func(o *ivsrealtime.Options) { o.RetryMaxAttempts = 1 }
	ivs := srv.StageClient(noRetry, sessions.IVSErrorMessages)
	nim := srv.StudioClient(func(o *nimble.Options) { o.RetryMaxAttempts = 1 })
	stage := func(faults ...sessionstest.Fault) *sessionstest.StageService {
		return &sessionstest.StageService{Stages: d.Stages, Info: d.Info, Region: sessionstest.Region, Faults: faults}
	}
	studio := func(faults ...sessionstest.Fault) *sessionstest.StudioService {
		return &sessionstest.StudioService{Studios: d.Studios, PageSize: d.StudioPageSize, Faults: faults}
	}
	bad := aws.String("AAAAAAAAAAAAAAAAAAAAAAAA")
	type call func(sessions.StageTransport, sessions.StudioTransport) error
	stageCall := func(in *ivsrealtime.ListStageSessionsInput) call {
		return func(s sessions.StageTransport, _ sessions.StudioTransport) error {
			_, err := s.ListStageSessions(ctx, in)
			return err
		}
	}
	stagesCall := func(in *ivsrealtime.ListStagesInput) call {
		return func(s sessions.StageTransport, _ sessions.StudioTransport) error {
			_, err := s.(ivsrealtime.ListStagesAPIClient).ListStages(ctx, in)
			return err
		}
	}
	studioCall := func(in *nimble.ListStreamingSessionsInput) call {
		return func(_ sessions.StageTransport, s sessions.StudioTransport) error {
			_, err := s.ListStreamingSessions(ctx, in)
			return err
		}
	}
	tests := []struct {
		name  string
		fault sessionstest.Fault
		call  call
	}{
		{"malformed ARN", sessionstest.Fault{}, stageCall(&ivsrealtime.ListStageSessionsInput{StageArn: aws.String("arn:aws:ivs:us-west-2:1:channel/x")})},
		{"unknown stage", sessionstest.Fault{}, stageCall(&ivsrealtime.ListStageSessionsInput{StageArn: aws.String("arn:aws:ivs:us-west-2:111122223333:stage/Nope")})},
		{"stage of another region", sessionstest.Fault{}, stageCall(&ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnEU)})},
		{"page size", sessionstest.Fault{}, stageCall(&ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA), MaxResults: aws.Int32(101)})},
		{"foreign token", sessionstest.Fault{}, stageCall(&ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA), NextToken: bad})},
		{"throttled", sessionstest.Throttle(1), stageCall(&ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA)})},
		{"server error", sessionstest.ServerError(1), stageCall(&ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA)})},
		{"unavailable", sessionstest.Unavailable(1), stageCall(&ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arnA)})},
		{"ListStages page size", sessionstest.Fault{}, stagesCall(&ivsrealtime.ListStagesInput{MaxResults: aws.Int32(0)})},
		{"ListStages throttled", sessionstest.Throttle(1), stagesCall(&ivsrealtime.ListStagesInput{})},
		{"unknown studio", sessionstest.Fault{}, studioCall(&nimble.ListStreamingSessionsInput{StudioId: aws.String("nope")})},
		{"studio token", sessionstest.Fault{}, studioCall(&nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID), NextToken: bad})},
		{"studio throttled", sessionstest.Throttle(1), studioCall(&nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID)})},
		{"studio server error", sessionstest.ServerError(1), studioCall(&nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID)})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ClearFaults()
			srv.Inject(tt.fault)
			wire := tt.call(ivs, nim)
			mem := tt.call(stage(tt.fault), studio(tt.fault))
			var wireAPI, memAPI smithy.APIError
			if !errors.As(wire, &wireAPI) || !errors.As(mem, &memAPI) {
				t.Fatalf("wire %v, in memory %v; want API errors", wire, mem)
			}
			opts := cmp.Options{cmpopts.IgnoreUnexported(ivstypes.ValidationException{}, nimbletypes.ValidationException{},
				nimbletypes.ResourceNotFoundException{}, nimbletypes.ThrottlingException{}, nimbletypes.InternalServerErrorException{})}
			if diff := cmp.Diff(wireAPI, memAPI, opts); diff != "" {
				t.Errorf("error mismatch (-wire +in memory):\n%s", diff)
			}
		})
	}
}

// Times(0) fires on no call, in memory and on the wire alike, as "k
// consecutive calls" says (issue 15, item 6).
func TestFaultTimesZeroNeverFires(t *testing.T) {
	d := testData()
	never := sessionstest.Throttle(1).Times(0)
	if got := never.String(); got != "Throttle(1).Times(0)" {
		t.Errorf("String() = %q, want Throttle(1).Times(0)", got)
	}
	mem := &sessionstest.StudioService{Studios: d.Studios, Faults: []sessionstest.Fault{never}}
	if got, err := collect(sessions.StreamingSessions(mem, sessions.StudioQuery{StudioID: studioID})); err != nil || len(got) != 11 {
		t.Errorf("in memory: %d sessions, %v; want all 11 and no fault", len(got), err)
	}
	srv := newServer(t, d)
	srv.Inject(never)
	client := srv.StudioClient(func(o *nimble.Options) { o.RetryMaxAttempts = 1 })
	if got, err := collect(sessions.StreamingSessions(client, sessions.StudioQuery{StudioID: studioID})); err != nil || len(got) != 11 {
		t.Errorf("on the wire: %d sessions, %v; want all 11 and no fault", len(got), err)
	}
	for _, r := range srv.Requests() {
		if r.Fault != "" || r.Status != 200 {
			t.Errorf("request %d: status %d, fault %q; want 200 and none", r.Seq, r.Status, r.Fault)
		}
	}
}

// Requests lists the log oldest first (by arrival), not in the order the
// responses were written (issue 15, item 8).
func TestServerRequestsOldestFirst(t *testing.T) {
	srv := newServer(t, testData())
	srv.Inject(sessionstest.Slow(1, time.Minute)) // whichever request arrives first waits
	client := srv.StudioClient(func(o *nimble.Options) { o.RetryMaxAttempts = 1 })
	type result struct {
		i   int
		err error
	}
	done := make(chan result, 2)
	var cancels [2]context.CancelFunc
	for i := range cancels {
		ctx, cancel := context.WithCancel(context.Background())
		cancels[i] = cancel
		go func() {
			_, err := client.ListStreamingSessions(ctx, &nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID)})
			done <- result{i, err}
		}()
	}
	first := <-done // the one that arrived second
	if first.err != nil {
		t.Fatalf("the request that was not delayed: %v", first.err)
	}
	cancels[1-first.i]() // end the wait of the other
	<-done
	cancels[first.i]()
	var log []sessionstest.Request
	for range 500 { // the cancelled request is logged once its handler returns
		if log = srv.Requests(); len(log) == 2 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	var seqs []int
	for _, r := range log {
		seqs = append(seqs, r.Seq)
	}
	if diff := cmp.Diff([]int{1, 2}, seqs); diff != "" {
		t.Errorf("Requests() sequence numbers (-want +got):\n%s", diff)
	}
}
