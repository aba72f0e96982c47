package sessions_test

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// These tests run the library through the real SDK clients (signing,
// retries, restJson1 deserialization) against internal/fakeaws, and compute
// what each listing must return from fakeaws's datasets and the queries' own
// Match methods.

const (
	wireARN    = "arn:aws:ivs:us-west-2:111122223333:stage/WireStage"
	wireStudio = "studio-wire"
)

// wireStageARN names the i-th stage of a multi-stage test.
func wireStageARN(i int) string { return fmt.Sprintf("%s%d", wireARN, i) }

// wireServer starts a fakeaws server that is closed when the test ends.
func wireServer(t testing.TB, opts ...fakeaws.Option) *fakeaws.Server {
	t.Helper()
	srv := fakeaws.New(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// wireStageItem is s as the library must deliver it for the stage arn.
func wireStageItem(arn string, s fakeaws.StageSession) sessions.StageSession {
	return sessions.StageSession{StageARN: arn, ID: s.SessionID, StartTime: s.StartTime, EndTime: s.EndTime}
}

// wireStudioItem is s as the library must deliver it for the studio id:
// the server holds the library's own type and ignores its StudioID.
func wireStudioItem(id string, s fakeaws.StreamingSession) sessions.StreamingSession {
	s.StudioID = id
	return s
}

// wireStageWant is what listing arn with q must deliver, in order.
func wireStageWant(arn string, d fakeaws.Dataset[fakeaws.StageSession], q sessions.StageQuery) []sessions.StageSession {
	var out []sessions.StageSession
	for _, s := range d.All() {
		if v := wireStageItem(arn, s); q.Match(v) {
			out = append(out, v)
		}
	}
	return out
}

// wireStudioWant is what listing the studio id with q must deliver, in order.
func wireStudioWant(id string, d fakeaws.Dataset[fakeaws.StreamingSession], q sessions.StudioQuery) []sessions.StreamingSession {
	var out []sessions.StreamingSession
	for _, s := range d.All() {
		if v := wireStudioItem(id, s); q.Match(v) {
			out = append(out, v)
		}
	}
	return out
}

// wireOpts compares listings: times by instant (the SDK decodes offsets into
// other locations), and a nil slice equal to an empty one.
var wireOpts = cmp.Options{cmpopts.EquateEmpty()}

// wireDiff returns cmp.Diff(want, got) with wireOpts, or "" if they match.
// cmp's reflection under the race detector costs more than listing ten
// thousand sessions through the SDK, so when eq is given, cmp checks only a
// prefix (every field, as a guard against eq missing one) and eq the rest.
func wireDiff[T any](want, got []T, eq func(a, b T) bool) string {
	if eq == nil || len(want) != len(got) {
		return cmp.Diff(want, got, wireOpts)
	}
	const sample = 50
	if diff := cmp.Diff(want[:min(sample, len(want))], got[:min(sample, len(got))], wireOpts); diff != "" {
		return diff
	}
	for i := range want {
		if !eq(want[i], got[i]) {
			return cmp.Diff(want, got, wireOpts)
		}
	}
	return ""
}

// wireStageEq reports whether a and b are the same session; times are
// compared as instants, as cmp does through time.Time.Equal.
func wireStageEq(a, b sessions.StageSession) bool {
	return a.StageARN == b.StageARN && a.ID == b.ID && a.StartTime.Equal(b.StartTime) && a.EndTime.Equal(b.EndTime)
}

// wireStudioEq reports whether a and b hold the same values, times compared
// as instants.
func wireStudioEq(a, b sessions.StreamingSession) bool {
	return a.StudioID == b.StudioID && a.ARN == b.ARN && a.ID == b.ID &&
		a.LaunchProfileID == b.LaunchProfileID && a.StreamingImageID == b.StreamingImageID &&
		a.EC2InstanceType == b.EC2InstanceType && a.StartedFromBackupID == b.StartedFromBackupID &&
		a.CreatedBy == b.CreatedBy && a.OwnedBy == b.OwnedBy && a.StartedBy == b.StartedBy &&
		a.StoppedBy == b.StoppedBy && a.UpdatedBy == b.UpdatedBy &&
		a.CreatedAt.Equal(b.CreatedAt) && a.StartedAt.Equal(b.StartedAt) && a.StopAt.Equal(b.StopAt) &&
		a.StoppedAt.Equal(b.StoppedAt) && a.TerminateAt.Equal(b.TerminateAt) && a.UpdatedAt.Equal(b.UpdatedAt) &&
		a.State == b.State && a.StatusCode == b.StatusCode && a.StatusMessage == b.StatusMessage &&
		a.AutomaticTerminationMode == b.AutomaticTerminationMode && a.BackupMode == b.BackupMode &&
		a.PersistenceMode == b.PersistenceMode && a.VolumeRetentionMode == b.VolumeRetentionMode &&
		a.MaxBackupsToRetain == b.MaxBackupsToRetain && maps.Equal(a.Tags, b.Tags) &&
		a.VolumeConfiguration == b.VolumeConfiguration
}

// wireTake ranges over p.All and breaks after n items (n < 0: never). It
// returns the items received and the error yielded, if any.
func wireTake[T any](ctx context.Context, p *sessions.Paginator[T], n int) ([]T, error) {
	var out []T
	if n == 0 {
		return nil, nil
	}
	for v, err := range p.All(ctx) {
		if err != nil {
			return out, err
		}
		out = append(out, v)
		if len(out) == n {
			break
		}
	}
	return out, nil
}

func wireMustStudio(t testing.TB, tr sessions.StudioTransport, q sessions.StudioQuery, opts ...sessions.Option) *sessions.Paginator[sessions.StreamingSession] {
	t.Helper()
	p, err := sessions.StreamingSessions(tr, q, opts...)
	if err != nil {
		t.Fatalf("StreamingSessions: %v", err)
	}
	return p
}

func wireCeil(a, b int) int { return (a + b - 1) / b }

func TestWireStageListing(t *testing.T) {
	const n = 10_000
	data := fakeaws.GenStageSessions(n, 7)
	srv := wireServer(t, fakeaws.WithStage(wireARN, data))
	client := srv.StageClient()
	mid := data.At(n / 2).StartTime
	hasDigit7 := func(s sessions.StageSession) bool { return strings.ContainsRune(s.ID, '7') }

	// Each listing of the 10,000 sessions takes about half a second under
	// the race detector, so most cases run with one Prefetch setting.
	both, direct, ahead := []int{0, 2}, []int{0}, []int{2}
	for _, tc := range []struct {
		name     string
		q        sessions.StageQuery
		pageSize int // 0: the library's default, IVS's largest page (100)
		maxItems int // 0: none
		requests int // 0: not checked
		prefetch []int
	}{
		{name: "all", pageSize: 100, requests: 100, prefetch: both},
		{name: "all, default page size", requests: 100, prefetch: direct},
		{name: "active", q: sessions.StageQuery{Status: sessions.StageActive}, pageSize: 100, requests: 100, prefetch: direct},
		{name: "ended", q: sessions.StageQuery{Status: sessions.StageEnded}, pageSize: 100, requests: 100, prefetch: ahead},
		{name: "started after", q: sessions.StageQuery{StartedAfter: mid}, pageSize: 100, requests: 100, prefetch: ahead},
		{name: "started before", q: sessions.StageQuery{StartedBefore: mid}, pageSize: 100, requests: 100, prefetch: direct},
		{name: "window and where", q: sessions.StageQuery{StartedAfter: data.At(1234).StartTime, StartedBefore: data.At(8765).StartTime, Where: hasDigit7}, pageSize: 100, requests: 100, prefetch: both},
		{name: "max items", pageSize: 100, maxItems: 4321, requests: 44, prefetch: both},
		{name: "max items on a page boundary", pageSize: 100, maxItems: 4300, requests: 43, prefetch: both},
		{name: "max items with filter", q: sessions.StageQuery{Status: sessions.StageActive}, pageSize: 100, maxItems: 777, prefetch: both},
	} {
		for _, prefetch := range tc.prefetch {
			t.Run(fmt.Sprintf("%s/prefetch%d", tc.name, prefetch), func(t *testing.T) {
				q := tc.q
				q.StageARN = wireARN
				want := wireStageWant(wireARN, data, q)
				opts := []sessions.Option{sessions.Prefetch(prefetch)}
				if tc.pageSize != 0 {
					opts = append(opts, sessions.PageSize(tc.pageSize))
				}
				if tc.maxItems != 0 {
					opts = append(opts, sessions.MaxItems(tc.maxItems))
					want = want[:min(len(want), tc.maxItems)]
				}
				srv.ResetStats()
				p := mustStage(t, client, q, opts...)
				got, err := sessions.Collect(p.All(context.Background()))
				if err != nil {
					t.Fatalf("All: %v", err)
				}
				if diff := wireDiff(want, got, wireStageEq); diff != "" {
					t.Errorf("All() mismatch (-want +got):\n%s", diff)
				}
				// Prefetch reads ahead only within the listing and, under
				// MaxItems, only while the pages in hand cannot fill the cap.
				if r := srv.Requests(fakeaws.OpListStageSessions); tc.requests != 0 && r != int64(tc.requests) {
					t.Errorf("requests = %d, want %d", r, tc.requests)
				}
			})
		}
	}
}
