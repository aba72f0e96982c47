package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
	"github.com/sessionkit/sessions/internal/timeline"
)

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	stages, _ := strconv.Atoi(os.Args[2])
	out := os.Args[3]
	var ss []sessions.StageSession
	per := n / stages
	for s := 0; s < stages; s++ {
		arn := fmt.Sprintf("arn:aws:ivs:us-west-2:111122223333:stage/Stage%03d", s)
		k := per
		if s == 0 {
			k += n - per*stages
		}
		for _, x := range fakeaws.GenStageSessions(k, uint64(s+1)).Items() {
			ss = append(ss, sessions.StageSession{StageARN: arn, ID: x.SessionID, StartTime: x.StartTime, EndTime: x.EndTime})
		}
	}
	var now time.Time
	for _, s := range ss {
		if s.StartTime.After(now) {
			now = s.StartTime
		}
		if s.EndTime.After(now) {
			now = s.EndTime
		}
	}
	if os.Getenv("REAL") != "" {
		for i := range ss {
			if ss[i].EndTime.IsZero() && now.Sub(ss[i].StartTime) > 3*time.Hour {
				ss[i].EndTime = ss[i].StartTime.Add(time.Duration(i%97+3) * time.Minute)
			}
		}
	}
	c := &timeline.Chart{Title: "Stage sessions", Lanes: timeline.StageLanes(ss), Now: now.Add(10 * time.Minute)}
	f, _ := os.Create(out + ".svg")
	t0 := time.Now()
	c.WriteSVG(f)
	fmt.Println("svg", time.Since(t0))
	f.Close()
	f, _ = os.Create(out + ".html")
	c.WriteHTML(f)
	f.Close()
	s := timeline.Summarize(c.Lanes, c.Now)
	s.WriteText(os.Stdout, nil)
}
