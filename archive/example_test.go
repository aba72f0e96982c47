package archive_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/archive"
	"github.com/sessionkit/sessions/sessionstest"
)

// exampleService is an account with one stage of three sessions, most
// recent first, the first still active.
func exampleService() *sessionstest.StageService {
	arn := "arn:aws:ivs:us-west-2:123456789012:stage/AbCdEf123456"
	start := time.Date(2026, 11, 2, 14, 0, 0, 0, time.UTC)
	return &sessionstest.StageService{
		Stages: map[string][]sessions.StageSession{arn: {
			{ID: "st-3", StartTime: start.Add(48 * time.Hour)},
			{ID: "st-2", StartTime: start.Add(24 * time.Hour), EndTime: start.Add(26 * time.Hour)},
			{ID: "st-1", StartTime: start, EndTime: start.Add(time.Hour)},
		}},
		Info: map[string]sessionstest.StageInfo{arn: {Name: "studio-a"}},
	}
}

func tempArchive() (string, func()) {
	dir, err := os.MkdirTemp("", "archive-example")
	if err != nil {
		log.Fatal(err)
	}
	return filepath.Join(dir, "sessions.db"), func() { os.RemoveAll(dir) }
}

func ExampleArchive_Sync() {
	path, cleanup := tempArchive()
	defer cleanup()
	ctx := context.Background()
	a, err := archive.Open(ctx, path)
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()

	svc := exampleService()
	clients := func(region string) (sessions.RegionTransport, error) { return svc, nil }
	q := sessions.AccountQuery{Regions: []string{"us-west-2"}}
	for range 2 {
		r, err := a.Sync(ctx, clients, q, archive.SyncOptions{})
		if err != nil {
			log.Fatal(err)
		}
		r.Elapsed = 0 // for a stable output
		fmt.Println(r)
	}
	// Output:
	// synced 1 stages: 3 new, 0 updated sessions, 2 requests in 0s
	// synced 1 stages: 0 new, 0 updated sessions, 2 requests in 0s
}

func ExampleArchive_StageSessions() {
	path, cleanup := tempArchive()
	defer cleanup()
	ctx := context.Background()
	a, err := archive.Open(ctx, path)
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()
	svc := exampleService()
	clients := func(region string) (sessions.RegionTransport, error) { return svc, nil }
	if _, err := a.Sync(ctx, clients, sessions.AccountQuery{Regions: []string{"us-west-2"}}, archive.SyncOptions{}); err != nil {
		log.Fatal(err)
	}

	// No request is sent from here on.
	for s, err := range a.StageSessions(ctx, archive.Query{From: time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.ID, s.StartTime.Format(time.DateTime), s.Active())
	}
	// Output:
	// st-2 2026-11-03 14:00:00 false
	// st-3 2026-11-04 14:00:00 true
}

func ExampleArchive_Report() {
	path, cleanup := tempArchive()
	defer cleanup()
	ctx := context.Background()
	a, err := archive.Open(ctx, path)
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()
	svc := exampleService()
	clients := func(region string) (sessions.RegionTransport, error) { return svc, nil }
	if _, err := a.Sync(ctx, clients, sessions.AccountQuery{Regions: []string{"us-west-2"}}, archive.SyncOptions{}); err != nil {
		log.Fatal(err)
	}

	r, err := a.Report(ctx, archive.ReportQuery{By: "region", Now: time.Date(2026, 11, 4, 17, 0, 0, 0, time.UTC)})
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range r.Groups {
		fmt.Printf("%s: %d sessions, %v in all, longest %v, busiest hour %02d:00\n", g.Key, g.Sessions, g.Total, g.Longest, g.BusiestHour)
	}
	// Output:
	// us-west-2: 3 sessions, 6h0m0s in all, longest 3h0m0s, busiest hour 14:00
}
