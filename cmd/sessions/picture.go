package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/timeline"
)

// The picture outputs: --output svg and --output html draw the listed
// sessions as a timeline, a lane per stage or studio (or per owner with
// --lanes owner), and --output summary (or --summary) sums them up as a
// table for terminals. They hold every session until the listing ends.

func writeSVG(w io.Writer, c *timeline.Chart, _ *timeline.Summary) error  { return c.WriteSVG(w) }
func writeHTML(w io.Writer, c *timeline.Chart, _ *timeline.Summary) error { return c.WriteHTML(w) }
func writeSummary(w io.Writer, c *timeline.Chart, s *timeline.Summary) error {
	return s.WriteText(w, c.Location)
}

// isPicture tells whether format is one of the picture outputs.
func isPicture(format string) bool {
	return format == "svg" || format == "html" || format == "summary"
}

// A pictureSink collects the sessions of a listing and draws or sums them
// up at the end.
type pictureSink struct {
	sinkConfig
	write  func(io.Writer, *timeline.Chart, *timeline.Summary) error
	stage  []sessions.StageSession
	studio []sessions.StreamingSession
	next   string // the single request's nextToken
}

func pictureFormat(write func(io.Writer, *timeline.Chart, *timeline.Summary) error) func(sinkConfig) sink {
	return func(c sinkConfig) sink { return &pictureSink{sinkConfig: c, write: write} }
}

func (s *pictureSink) page(b batch, next string) {
	s.next = next
	s.stage = append(s.stage, b.stage...)
	s.studio = append(s.studio, b.studio...)
}

func (s *pictureSink) end(resume string) {
	win := &s.out.window
	c := &timeline.Chart{Now: time.Now(), From: win.from, To: win.to, Location: win.loc}
	var notes []string
	if s.shape.ListKey == "stageSessions" {
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
	part := s.partial()
	c.Note = strings.Join(append(notes, part...), ". ")
	sum := c.Summarize()
	_ = s.write(s.w, c, &sum) // the writer keeps its error and reports it when flushed
	if s.out.format.name != "summary" {
		return
	}
	if resume != "" {
		fmt.Fprintln(s.w, "NextToken: "+resume)
	}
	for _, p := range part {
		fmt.Fprintln(s.w, p)
	}
}

// partial says what part of the listing the AWS CLI's single request
// shows: one page, maybe not the first.
func (s *pictureSink) partial() []string {
	var says []string
	if s.afterToken {
		says = append(says, "Starts at --next-token: the sessions of earlier pages are left out")
	}
	if s.single && s.next != "" {
		says = append(says, "One page only, more sessions follow: continue with --next-token "+s.next)
	}
	return says
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
