package main

import (
	"encoding/json"
	"io"
	"time"

	"github.com/sessionkit/sessions/archive"
)

// reportGroupJSON is a group of "sessions report --output json".
type reportGroupJSON struct {
	Key                 string `json:"key"`
	Stages              int    `json:"stages"`
	Sessions            int    `json:"sessions"`
	TotalSeconds        int64  `json:"totalSeconds"`
	LongestSeconds      int64  `json:"longestSeconds"`
	BusiestHour         *int   `json:"busiestHour"` // null with no sessions
	BusiestHourSessions int    `json:"busiestHourSessions"`
}

type reportIdleJSON struct {
	ARN         string `json:"arn"`
	Name        string `json:"name"`
	Region      string `json:"region"`
	LastSession string `json:"lastSession,omitempty"`
}

type reportJSON struct {
	From      string            `json:"from,omitempty"`
	To        string            `json:"to,omitempty"`
	By        string            `json:"by"`
	Groups    []reportGroupJSON `json:"groups"`
	Peak      int               `json:"peakSessions"`
	PeakAt    string            `json:"peakAt,omitempty"`
	IdleSince string            `json:"idleSince"`
	Idle      []reportIdleJSON  `json:"idle"`
}

// writeReportJSON prints r as one JSON object; groups end with the total.
func writeReportJSON(w io.Writer, r *archive.Report, groups []archive.GroupStats, loc *time.Location) error {
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(loc).Format(time.RFC3339)
	}
	out := reportJSON{From: ts(r.From), To: ts(r.To), By: r.By, Peak: r.Peak, PeakAt: ts(r.PeakAt), IdleSince: ts(r.IdleSince), Groups: []reportGroupJSON{}, Idle: []reportIdleJSON{}}
	for _, g := range groups {
		j := reportGroupJSON{Key: g.Key, Stages: g.Stages, Sessions: g.Sessions, TotalSeconds: int64(g.Total / time.Second), LongestSeconds: int64(g.Longest / time.Second), BusiestHourSessions: g.BusiestHourSessions}
		if g.BusiestHour >= 0 {
			h := g.BusiestHour
			j.BusiestHour = &h
		}
		out.Groups = append(out.Groups, j)
	}
	for _, s := range r.Idle {
		out.Idle = append(out.Idle, reportIdleJSON{ARN: s.ARN, Name: s.Name, Region: s.Region, LastSession: ts(s.LastSession)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "    ")
	return enc.Encode(out)
}
