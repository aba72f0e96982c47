package fakeaws_test

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

// A server on a given listener, with stable request IDs, reports its
// counters at StatsPath without counting that request.
func TestListenerStatsAndStableIDs(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, fakeaws.WithListener(l), fakeaws.WithStableRequestIDs(), fakeaws.WithStage(stageARN, fakeaws.GenStageSessions(5, 1)))
	if srv.URL != "http://"+l.Addr().String() {
		t.Errorf("URL %s, want the listener's address %s", srv.URL, l.Addr())
	}
	c := srv.StageClient(noRetryStage)
	ids := map[string]bool{}
	for range 2 {
		_, err := c.ListStageSessions(context.Background(), &ivsrealtime.ListStageSessionsInput{StageArn: aws.String(stageARN + "x")})
		var re *awshttp.ResponseError
		if !errors.As(err, &re) {
			t.Fatalf("%v, want a response error", err)
		}
		ids[re.ServiceRequestID()] = true
	}
	if _, err := c.ListStageSessions(context.Background(), stageIn(nil)); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 {
		t.Errorf("request IDs of the same request: %v, want one", ids)
	}
	resp, err := srv.HTTPClient().Do(must(http.NewRequest(http.MethodGet, srv.URL+fakeaws.StatsPath, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st fakeaws.Stats
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	if st.Requests != 3 || st.StageRequests != 3 || st.Items != 5 {
		t.Errorf("stats %+v, want 3 requests and 5 items", st)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
