//lint:file-ignore SA1019 the Nimble SDK is deprecated as a whole; this package exists to test it.

package fakeaws_test

import (
	"context"
	"fmt"
	"regexp"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

func TestStudioFilters(t *testing.T) {
	data := fakeaws.GenStreamingSessions(300, 3)
	all := data.Items()
	alice, bob := fakeaws.GenUsers[0], fakeaws.GenUsers[1]
	id17 := all[17].ID
	for _, tc := range []struct {
		name                          string
		createdBy, ownedBy, sessionID *string
		keep                          func(fakeaws.StreamingSession) bool
	}{
		{"createdBy", aws.String(alice), nil, nil, func(s fakeaws.StreamingSession) bool { return s.CreatedBy == alice }},
		{"ownedBy", nil, aws.String(bob), nil, func(s fakeaws.StreamingSession) bool { return s.OwnedBy == bob }},
		{"both", aws.String(alice), aws.String(bob), nil, func(s fakeaws.StreamingSession) bool { return s.CreatedBy == alice && s.OwnedBy == bob }},
		{"one session ID", nil, nil, aws.String(id17), func(s fakeaws.StreamingSession) bool { return s.ID == id17 }},
		{"comma list matches nothing", nil, nil, aws.String(id17 + "," + all[18].ID), func(fakeaws.StreamingSession) bool { return false }},
		{"empty createdBy is an exact match", aws.String(""), nil, nil, func(fakeaws.StreamingSession) bool { return false }},
		{"unknown user", aws.String("user-nobody"), nil, nil, func(fakeaws.StreamingSession) bool { return false }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, fakeaws.WithStudio(studioID, data), fakeaws.WithStudioPageSize(7), fakeaws.WithRequestLog(1000))
			var want []fakeaws.StreamingSession
			for _, s := range all {
				if tc.keep(s) {
					want = append(want, s)
				}
			}
			got, pages, err := listStudio(t, srv.StudioClient(), &nimble.ListStreamingSessionsInput{
				StudioId: aws.String(studioID), CreatedBy: tc.createdBy, OwnedBy: tc.ownedBy, SessionIds: tc.sessionID})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(studioSDK(want), got, ignoreSDK, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("items mismatch (-want +got):\n%s", diff)
			}
			if wantPages := max(1, ceilDiv(len(want), 7)); pages != wantPages {
				t.Errorf("pages = %d, want %d", pages, wantPages)
			}
			for _, r := range srv.Log() {
				if diff := cmp.Diff([]*string{tc.createdBy, tc.ownedBy, tc.sessionID}, []*string{r.CreatedBy, r.OwnedBy, r.SessionIDs}); diff != "" || r.MaxResults != nil {
					t.Errorf("request %d pushed down (-want +got):\n%s", r.Seq, diff)
				}
			}
		})
	}
	if len(all) < 50 {
		t.Fatal("too little data")
	}
}

func TestTokenRejection(t *testing.T) {
	srv := newServer(t, fakeaws.WithStage(stageARN, fakeaws.GenStageSessions(10, 1)), fakeaws.WithStage(stageARN2, fakeaws.GenStageSessions(10, 2)),
		fakeaws.WithStudio(studioID, fakeaws.GenStreamingSessions(50, 1)), fakeaws.WithStudio("studio-2", fakeaws.GenStreamingSessions(50, 1)),
		fakeaws.WithStudioPageSize(2))
	ctx := context.Background()
	stage, studio := srv.StageClient(noRetryStage), srv.StudioClient(noRetryStudio)

	out, err := stage.ListStageSessions(ctx, stageIn(aws.Int32(3)))
	if err != nil || out.NextToken == nil {
		t.Fatalf("first page: %v, %v", out, err)
	}
	stageTok := *out.NextToken
	alice := fakeaws.GenUsers[0]
	sout, err := studio.ListStreamingSessions(ctx, &nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID), CreatedBy: aws.String(alice)})
	if err != nil || sout.NextToken == nil {
		t.Fatalf("first studio page: %v, %v", sout, err)
	}
	studioTok := *sout.NextToken
	edited := []byte(stageTok)
	edited[2] ^= 1

	for _, tc := range []struct {
		name string
		call func() error
	}{
		{"forged", func() error {
			_, err := stage.ListStageSessions(ctx, &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(stageARN), NextToken: aws.String("AAAAAAAAAAAAAAAAAAAAAAAA")})
			return err
		}},
		{"edited", func() error {
			_, err := stage.ListStageSessions(ctx, &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(stageARN), NextToken: aws.String(string(edited))})
			return err
		}},
		{"other stage", func() error {
			_, err := stage.ListStageSessions(ctx, &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(stageARN2), NextToken: aws.String(stageTok)})
			return err
		}},
		{"stage token on a studio", func() error {
			_, err := studio.ListStreamingSessions(ctx, &nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID), NextToken: aws.String(stageTok)})
			return err
		}},
		{"other studio", func() error {
			_, err := studio.ListStreamingSessions(ctx, &nimble.ListStreamingSessionsInput{StudioId: aws.String("studio-2"), CreatedBy: aws.String(alice), NextToken: aws.String(studioTok)})
			return err
		}},
		{"filter dropped", func() error {
			_, err := studio.ListStreamingSessions(ctx, &nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID), NextToken: aws.String(studioTok)})
			return err
		}},
		{"filter changed", func() error {
			_, err := studio.ListStreamingSessions(ctx, &nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID), CreatedBy: aws.String(alice), OwnedBy: aws.String(alice), NextToken: aws.String(studioTok)})
			return err
		}},
		{"studio pattern", func() error {
			_, err := studio.ListStreamingSessions(ctx, &nimble.ListStreamingSessionsInput{StudioId: aws.String(studioID), NextToken: aws.String("a.b")})
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); errorCode(err) != "ValidationException" {
				t.Errorf("error %v, want ValidationException", err)
			}
		})
	}

	// "" starts at the beginning, like no token.
	out, err = stage.ListStageSessions(ctx, &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(stageARN), MaxResults: aws.Int32(3), NextToken: aws.String("")})
	if err != nil || aws.ToString(out.StageSessions[0].SessionId) != fakeaws.GenStageSessions(10, 1).At(0).SessionID || aws.ToString(out.NextToken) != stageTok {
		t.Errorf(`token "": %+v, %v; want the first page`, out, err)
	}
	// A valid token resumes, and may change the page size.
	out, err = stage.ListStageSessions(ctx, &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(stageARN), MaxResults: aws.Int32(100), NextToken: aws.String(stageTok)})
	if err != nil || len(out.StageSessions) != 7 || out.NextToken != nil {
		t.Errorf("resume: %+v, %v; want the 7 remaining items and no token", out, err)
	}
}

func TestLatency(t *testing.T) {
	srv := newServer(t, fakeaws.WithStage(stageARN, fakeaws.GenStageSessions(10, 1)), fakeaws.WithLatency(20*time.Millisecond),
		fakeaws.WithFaults(fakeaws.Fault{Latency: 40 * time.Millisecond, Request: 2}))
	c := srv.StageClient()
	for i, want := range []time.Duration{20 * time.Millisecond, 60 * time.Millisecond, 20 * time.Millisecond} {
		start := time.Now()
		if _, err := c.ListStageSessions(context.Background(), stageIn(nil)); err != nil {
			t.Fatal(err)
		}
		if took := time.Since(start); took < want || took > want+time.Second {
			t.Errorf("request %d took %v, want about %v", i+1, took, want)
		}
	}
	if st := srv.Stats(); st.Faults != 1 {
		t.Errorf("Stats().Faults = %d, want 1 (the latency-only fault)", st.Faults)
	}
	srv.SetLatency(0)
	start := time.Now()
	if _, err := c.ListStageSessions(context.Background(), stageIn(nil)); err != nil || time.Since(start) > 15*time.Millisecond {
		t.Errorf("after SetLatency(0): took %v, err %v", time.Since(start), err)
	}
}

// A client that gives up, or a server that closes, ends the wait, and the
// client never mistakes the cut-short response for an empty page.
func TestLatencyCutShort(t *testing.T) {
	srv := fakeaws.New(fakeaws.WithStage(stageARN, fakeaws.GenStageSessions(10, 1)), fakeaws.WithLatency(time.Hour))
	defer srv.Close()
	c := srv.StageClient(noRetryStage)
	// The client gives up once the server holds its request: the request
	// ends, though the response is held for an hour.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := c.ListStageSessions(ctx, stageIn(nil))
		done <- err
	}()
	waitRequests(t, srv, 1)
	cancel()
	if err := waitDone(t, done, "the client's context ended during latency"); err == nil {
		t.Error("no error when the client's context ended during latency")
	}
	// Closing the server ends the latency of a request it holds.
	go func() {
		_, err := c.ListStageSessions(context.Background(), stageIn(nil))
		done <- err
	}()
	waitRequests(t, srv, 2)
	start := time.Now()
	srv.Close()
	if err := waitDone(t, done, "the server closed during latency"); err == nil {
		t.Error("no error when the server closed during latency")
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Close took %v", took)
	}
}

// waitRequests waits until srv has counted n requests (it counts them as
// they arrive), and fails the test if that takes more than a minute.
func waitRequests(t *testing.T, srv *fakeaws.Server, n int64) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); srv.Stats().Requests < n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the server counted %d requests after a minute, want %d", srv.Stats().Requests, n)
		}
	}
}

// waitDone returns the call's error from done, and fails the test if the
// call has not returned a minute after what (which should end it).
func waitDone(t *testing.T, done <-chan error, what string) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		t.Fatalf("the call has not returned a minute after %s", what)
		return nil
	}
}

// Many listings at once over one client, while the configuration changes
// under them; run with -race.
func TestConcurrentListings(t *testing.T) {
	const stages = 64
	srv := newServer(t, fakeaws.WithRequestLog(100), fakeaws.WithStudioPageSize(5))
	arns := make([]string, stages)
	data := make([]fakeaws.Dataset[fakeaws.StageSession], stages)
	for i := range arns {
		arns[i] = fmt.Sprintf("arn:aws:ivs:us-west-2:111122223333:stage/Stage%04d", i)
		data[i] = fakeaws.GenStageSessions(40+i, uint64(i))
		srv.AddStage(arns[i], data[i])
		// Each stage is throttled on its 2nd request; the retryer absorbs it.
		srv.Inject(fakeaws.Fault{Kind: fakeaws.FaultThrottle, Parent: arns[i], Request: 2})
	}
	srv.AddStudio(studioID, fakeaws.GenStreamingSessions(100, 1))
	c, sc := srv.StageClient(), srv.StudioClient()

	var wg sync.WaitGroup
	errs := make(chan error, stages+8)
	wantRequests := int64(0)
	for i := range arns {
		wantRequests += int64(ceilDiv(data[i].Len(), 10)) + 1
		wg.Add(1)
		go func() {
			defer wg.Done()
			var got []string
			p := ivsrealtime.NewListStageSessionsPaginator(c, &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(arns[i]), MaxResults: aws.Int32(10)})
			for p.HasMorePages() {
				out, err := p.NextPage(context.Background())
				if err != nil {
					errs <- err
					return
				}
				for _, s := range out.StageSessions {
					got = append(got, aws.ToString(s.SessionId))
				}
			}
			if diff := cmp.Diff(ids(data[i], 0, data[i].Len()), got); diff != "" {
				errs <- fmt.Errorf("stage %d mismatch (-want +got):\n%s", i, diff)
			}
		}()
	}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			items, _, err := listStudio(t, sc, studioIn())
			if err != nil || len(items) != 100 {
				errs <- fmt.Errorf("studio: %d items, %v", len(items), err)
			}
			srv.Inject(fakeaws.Fault{Latency: time.Millisecond, Parent: "none"})
			srv.SetLatency(0)
			_ = srv.Stats()
			_ = srv.Log()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := srv.Requests(fakeaws.OpListStageSessions); got != wantRequests {
		t.Errorf("stage requests = %d, want %d", got, wantRequests)
	}
	if n := len(srv.Log()); n != 100 {
		t.Errorf("log holds %d entries, want its bound of 100", n)
	}
}

func TestRequestLogAndReset(t *testing.T) {
	srv := newServer(t, fakeaws.WithStage(stageARN, fakeaws.GenStageSessions(10, 1)), fakeaws.WithRequestLog(3))
	if _, _, err := listStage(t, srv.StageClient(), stageIn(aws.Int32(1))); err != nil {
		t.Fatal(err)
	}
	log := srv.Log()
	if len(log) != 3 {
		t.Fatalf("log has %d entries, want 3", len(log))
	}
	want := fakeaws.Request{Seq: 1, Op: fakeaws.OpListStageSessions, Region: fakeaws.Region, Parent: stageARN, MaxResults: aws.Int32(1), Status: 200, Items: 1}
	if diff := cmp.Diff(want, log[0]); diff != "" {
		t.Errorf("log[0] mismatch (-want +got):\n%s", diff)
	}
	if log[2].Seq != 3 || log[2].NextToken == nil {
		t.Errorf("log[2] = %+v", log[2])
	}
	srv.ResetStats()
	if st := srv.Stats(); st != (fakeaws.Stats{}) || len(srv.Log()) != 0 {
		t.Errorf("after ResetStats: %+v, %d log entries", st, len(srv.Log()))
	}
	if srv.Requests("Other") != 0 {
		t.Error("unknown op has requests")
	}
}

func TestDataset(t *testing.T) {
	ds := fakeaws.FromSlice([]int{5, 6, 7})
	var seen []int
	for i, v := range ds.All() {
		seen = append(seen, i, v)
		if i == 1 {
			break
		}
	}
	if diff := cmp.Diff([]int{0, 5, 1, 6}, seen); diff != "" {
		t.Errorf("All() with break mismatch (-want +got):\n%s", diff)
	}
	if ds.Len() != 3 || ds.At(2) != 7 || len(ds.Items()) != 3 {
		t.Errorf("Len, At, Items = %d, %d, %v", ds.Len(), ds.At(2), ds.Items())
	}
	if g := fakeaws.Generate(-1, func(i int) int { return i }); g.Len() != 0 {
		t.Errorf("Generate(-1).Len() = %d", g.Len())
	}
	defer func() {
		if recover() == nil {
			t.Error("At(3) did not panic")
		}
	}()
	ds.At(3)
}

var stageIDForm = regexp.MustCompile(`^st-[a-zA-Z0-9]{13}$`)

func TestGenStageSessions(t *testing.T) {
	const n = 100000
	data := fakeaws.GenStageSessions(n, 99)
	ids := make(map[string]bool, n)
	active := 0
	var prev time.Time
	for i, s := range data.All() {
		if !stageIDForm.MatchString(s.SessionID) || ids[s.SessionID] {
			t.Fatalf("item %d: ID %q malformed or repeated", i, s.SessionID)
		}
		ids[s.SessionID] = true
		if !s.StartTime.After(prev) {
			t.Fatalf("item %d: start %v not after %v", i, s.StartTime, prev)
		}
		prev = s.StartTime
		if s.EndTime.IsZero() {
			active++
		} else if !s.EndTime.After(s.StartTime) {
			t.Fatalf("item %d ends before it starts", i)
		}
	}
	if active < n/10 || active > n*3/10 {
		t.Errorf("%d of %d active, want about a fifth", active, n)
	}
	if diff := cmp.Diff(fakeaws.GenStageSessions(50, 99).Items(), data.Items()[:50]); diff != "" {
		t.Errorf("not deterministic (-want +got):\n%s", diff)
	}
	if fakeaws.GenStageSessions(1, 100).At(0).SessionID == data.At(0).SessionID {
		t.Error("seed does not change IDs")
	}
}

func TestGenStreamingSessions(t *testing.T) {
	const n = 5000
	data := fakeaws.GenStreamingSessions(n, 4)
	count := map[string]map[string]int{}
	note := func(field, v string) {
		if count[field] == nil {
			count[field] = map[string]int{}
		}
		count[field][v]++
	}
	set := func(field string, ok bool) { note(field, fmt.Sprint(ok)) }
	ids := map[string]bool{}
	var prev time.Time
	for i, s := range data.All() {
		if ids[s.ID] || !s.CreatedAt.After(prev) {
			t.Fatalf("item %d: repeated ID or CreatedAt not increasing", i)
		}
		ids[s.ID], prev = true, s.CreatedAt
		note("state", string(s.State))
		note("statusCode", string(s.StatusCode))
		note("automaticTerminationMode", string(s.AutomaticTerminationMode))
		note("backupMode", string(s.BackupMode))
		note("sessionPersistenceMode", string(s.PersistenceMode))
		note("volumeRetentionMode", string(s.VolumeRetentionMode))
		for field, ok := range map[string]bool{
			"startedFromBackupId": s.StartedFromBackupID != "", "startedBy": s.StartedBy != "", "stoppedBy": s.StoppedBy != "",
			"startedAt": !s.StartedAt.IsZero(), "stopAt": !s.StopAt.IsZero(), "stoppedAt": !s.StoppedAt.IsZero(),
			"terminateAt": !s.TerminateAt.IsZero(), "tags": s.Tags != nil, "volumeConfiguration": s.VolumeConfiguration != (fakeaws.VolumeConfiguration{}),
			"maxBackupsToRetain": s.MaxBackupsToRetain != 0, "ownedBy differs": s.OwnedBy != s.CreatedBy,
		} {
			set(field, ok)
		}
		if s.ARN == "" || s.LaunchProfileID == "" || s.StreamingImageID == "" || s.EC2InstanceType == "" || s.CreatedBy == "" ||
			s.OwnedBy == "" || s.UpdatedBy == "" || s.UpdatedAt.Before(s.CreatedAt) || s.StatusMessage == "" {
			t.Fatalf("item %d lacks an always-present field: %+v", i, s)
		}
	}
	for field, values := range map[string][]string{
		"state":                    enumStrings(nimbletypes.StreamingSessionState("").Values()),
		"statusCode":               enumStrings(nimbletypes.StreamingSessionStatusCode("").Values()),
		"automaticTerminationMode": enumStrings(nimbletypes.AutomaticTerminationMode("").Values()),
		"backupMode":               enumStrings(nimbletypes.SessionBackupMode("").Values()),
		"sessionPersistenceMode":   enumStrings(nimbletypes.SessionPersistenceMode("").Values()),
		"volumeRetentionMode":      enumStrings(nimbletypes.VolumeRetentionMode("").Values()),
	} {
		for _, v := range values {
			if count[field][v] == 0 {
				t.Errorf("%s %s never generated", field, v)
			}
		}
		if len(count[field]) != len(values) {
			t.Errorf("%s took values %v, want only %v", field, count[field], values)
		}
	}
	for field, c := range count {
		if _, isEnum := map[string]bool{"state": true, "statusCode": true, "automaticTerminationMode": true, "backupMode": true, "sessionPersistenceMode": true, "volumeRetentionMode": true}[field]; !isEnum && (c["true"] == 0 || c["false"] == 0) {
			t.Errorf("%s is always or never set: %v", field, c)
		}
	}
	if diff := cmp.Diff(fakeaws.GenStreamingSessions(20, 4).Items(), data.Items()[:20]); diff != "" {
		t.Errorf("not deterministic (-want +got):\n%s", diff)
	}
}

func enumStrings[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// A million-item stage costs the server nothing until it is read. Listing
// it all takes the SDK client about 8 s, so the benchmarks do that and this
// test lists a smaller set to the end.
func TestMillionItemStage(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	data := fakeaws.GenStageSessions(1_000_000, 1)
	srv := newServer(t, fakeaws.WithStage(stageARN, data))
	out, err := srv.StageClient().ListStageSessions(context.Background(), stageIn(aws.Int32(100)))
	if err != nil || len(out.StageSessions) != 100 || out.NextToken == nil {
		t.Fatalf("first page: %v, %v", out, err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapInuse) - int64(before.HeapInuse); grew > 8<<20 {
		t.Errorf("heap grew by %d bytes for a generated million-item stage", grew)
	}
	if id := data.At(999_999).SessionID; !stageIDForm.MatchString(id) {
		t.Errorf("last ID %q", id)
	}
}

func TestLargeGeneratedStage(t *testing.T) {
	n := 50_000
	if testing.Short() {
		n = 5_000
	}
	data := fakeaws.GenStageSessions(n, 1)
	srv := newServer(t, fakeaws.WithStage(stageARN, data))
	p := ivsrealtime.NewListStageSessionsPaginator(srv.StageClient(), stageIn(aws.Int32(100)))
	got := 0
	var last string
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		got += len(out.StageSessions)
		last = aws.ToString(out.StageSessions[len(out.StageSessions)-1].SessionId)
	}
	if got != n || last != data.At(n-1).SessionID || srv.Stats().Items != int64(n) {
		t.Errorf("listed %d items ending with %q, server counted %d; want %d ending with %q", got, last, srv.Stats().Items, n, data.At(n-1).SessionID)
	}
}

// BenchmarkStagePage measures a 100-item page through the real client,
// the unit of cost the server adds to every benchmark that uses it.
func BenchmarkStagePage(b *testing.B) {
	srv := newServer(b, fakeaws.WithStage(stageARN, fakeaws.GenStageSessions(100, 1)))
	c := srv.StageClient()
	in := stageIn(aws.Int32(100))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.ListStageSessions(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(srv.Stats().Bytes)/float64(srv.Stats().Requests), "bytes/page")
}

func BenchmarkStudioPage(b *testing.B) {
	srv := newServer(b, fakeaws.WithStudio(studioID, fakeaws.GenStreamingSessions(100, 1)))
	c := srv.StudioClient()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.ListStreamingSessions(context.Background(), studioIn()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(srv.Stats().Bytes)/float64(srv.Stats().Requests), "bytes/page")
}
