package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/awscli"
	"github.com/sessionkit/sessions/internal/timeline"
)

// The picture outputs: --output svg and --output html draw the listed
// sessions as a timeline, a lane per stage or studio (or per owner with
// --lanes owner), and --output summary (or --summary) sums them up as a
// table for terminals. They hold every session until the listing ends.
func init() {
	registerFormat("svg", pictureFormat(func(w io.Writer, c *timeline.Chart, _ *timeline.Summary) error { return c.WriteSVG(w) }))
	registerFormat("html", pictureFormat(func(w io.Writer, c *timeline.Chart, _ *timeline.Summary) error { return c.WriteHTML(w) }))
	registerFormat("summary", pictureFormat(func(w io.Writer, c *timeline.Chart, s *timeline.Summary) error { return s.WriteText(w, c.Location) }))
	globalOptions = append(globalOptions, option{name: "summary", help: "Print a summary instead of the sessions: per stage or studio, the sessions, total and longest duration, and the most at once and when (same as --output summary)", example: "--summary"})
	studioCommand.options = append(studioCommand.options, option{name: "lanes", arg: "studio|owner", choices: []string{"studio", "owner"}, help: "With --output svg, html or summary: a lane (a row) per studio or per owner (default studio)", example: "--lanes owner"})
}

// isPicture tells whether format is one of the picture outputs.
func isPicture(format string) bool {
	return format == "svg" || format == "html" || format == "summary"
}

// settlePicture turns --summary into --output summary and rejects what
// the picture outputs cannot honour.
func settlePicture(a *args, o *outputSpec) error {
	if a.has("summary") {
		if a.has("output") && a.str("output") != "summary" {
			return paramf("--summary prints a summary; it cannot be combined with --output %s", a.str("output"))
		}
		o.format = "summary"
	}
	o.lanes = a.str("lanes")
	if isPicture(o.format) {
		o.names = &stageNames{seen: map[string]sessions.Stage{}}
	}
	if err := settleWindow(a, o); err != nil {
		return err
	}
	if isPicture(o.format) && a.has("query") {
		return paramf("--query does not apply to --output %s, which shows every session listed; use the filters (--active, --started-after, …) to choose them", o.format)
	}
	if a.has("lanes") && !isPicture(o.format) {
		return paramf("--lanes %s: only --output svg, html and summary have lanes", a.str("lanes"))
	}
	return nil
}

// A pictureSink collects the sessions of a listing, as the records the
// other formats print, and draws or sums them up at the end.
type pictureSink struct {
	sinkConfig
	write  func(io.Writer, *timeline.Chart, *timeline.Summary) error
	stage  []sessions.StageSession
	studio []sessions.StreamingSession
}

func pictureFormat(write func(io.Writer, *timeline.Chart, *timeline.Summary) error) func(sinkConfig) sink {
	return func(c sinkConfig) sink { return &pictureSink{sinkConfig: c, write: write} }
}

func (s *pictureSink) page(items []any, _ string) {
	for _, it := range items {
		m, _ := it.(awscli.Map)
		parent := s.parent(m)
		if s.shape.ListKey == stageCommand.shape.ListKey {
			s.stage = append(s.stage, sessions.StageSession{
				StageARN: parent, ID: recordString(m, "sessionId"),
				StartTime: recordTime(m, "startTime"), EndTime: recordTime(m, "endTime"),
			})
			continue
		}
		s.studio = append(s.studio, sessions.StreamingSession{
			StudioID: parent, ID: recordString(m, "sessionId"),
			OwnedBy: recordString(m, "ownedBy"), State: sessions.State(recordString(m, "state")),
			CreatedAt: recordTime(m, "createdAt"), StartedAt: recordTime(m, "startedAt"),
			StoppedAt: recordTime(m, "stoppedAt"), UpdatedAt: recordTime(m, "updatedAt"),
		})
	}
}

func (s *pictureSink) end(resume string) {
	win := &s.out.window
	c := &timeline.Chart{Now: time.Now(), From: win.from, To: win.to, Location: win.loc}
	var notes []string
	if s.shape.ListKey == stageCommand.shape.ListKey {
		c.Title = "Stage sessions (IVS Real-Time)"
		// Every stage listed has a lane, idle or not.
		stages, err := s.out.names.stages(append(stageARNs(s.stage), s.parents...))
		if err != nil {
			notes = append(notes, shorten(err.Error()))
		}
		c.Lanes = timeline.WithIdleStages(timeline.StageLanes(s.stage), stages...)
		c.Heading = "STAGE"
	} else {
		lane, by := timeline.ByStudio, "studio"
		if s.out.lanes == "owner" {
			lane, by = timeline.ByOwner, "owner"
		}
		c.Title = "Streaming sessions (Nimble Studio) by " + by
		c.Lanes = timeline.StreamingLanes(s.studio, lane)
		c.Heading = strings.ToUpper(by)
	}
	if resume != "" {
		notes = append(notes, "More sessions follow: continue with --starting-token "+resume)
	}
	c.Note = strings.Join(notes, ". ")
	sum := c.Summarize()
	_ = s.write(s.w, c, &sum) // the writer keeps its error and reports it when flushed
	if resume != "" && s.out.format == "summary" {
		fmt.Fprintln(s.w, "NextToken: "+resume)
	}
}

// stageARNs returns the stages of ss, each once.
func stageARNs(ss []sessions.StageSession) []string {
	var arns []string
	seen := map[string]bool{}
	for i := range ss {
		if a := ss[i].StageARN; !seen[a] {
			seen[a] = true
			arns = append(arns, a)
		}
	}
	return arns
}

// parent returns the parent of a record: its stageArn or studioId member
// when several parents are listed (or found, with --all-stages), else the
// one parent given.
func (s *pictureSink) parent(m awscli.Map) string {
	key := "studioId"
	if s.shape.ListKey == stageCommand.shape.ListKey {
		key = "stageArn"
	}
	if v, ok := m.Get(key); ok {
		str, _ := v.(string)
		return str
	}
	if len(s.parents) == 1 {
		return s.parents[0]
	}
	return ""
}

// recordString returns the string member key of m, "" when missing.
func recordString(m awscli.Map, key string) string {
	v, _ := m.Get(key)
	str, _ := v.(string)
	return str
}

// recordTime parses a time member as isoTime prints it; a missing one is
// the zero time.
func recordTime(m awscli.Map, key string) time.Time {
	v, _ := m.Get(key)
	str, _ := v.(string)
	t, err := time.Parse(time.RFC3339Nano, str)
	if err != nil {
		return time.Time{}
	}
	return t
}
