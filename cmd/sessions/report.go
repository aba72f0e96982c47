package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/archive"
	"github.com/sessionkit/sessions/internal/timeline"
)

// reportOptions are the options of "sessions report", which sends no
// request.
var reportOptions = []option{
	dbOption,
	{name: "from", arg: "TIME", help: "Only sessions running at or after TIME, counted from TIME (RFC 3339, or a date YYYY-MM-DD in --tz)", example: "--from 2026-11-01"},
	{name: "to", arg: "TIME", help: "Only sessions running before TIME, counted up to TIME (RFC 3339, or a date in --tz)", example: "--to 2026-12-01"},
	{name: "tz", arg: "ZONE", help: "Time zone of dates, hours and the picture: an IANA name such as Europe/Paris, UTC or Local (default UTC)", example: "--tz America/New_York"},
	{name: "by", arg: "stage|region|tag:KEY", help: "A row per stage (default), per region, or per value of the stages' tag KEY", example: "--by tag:team"},
	{name: "idle-since", arg: "TIME", help: "List the stages with no session since TIME (default --from, or 30 days ago)", example: "--idle-since 2026-11-01"},
	{name: "output", arg: "table|json|csv|html|svg", choices: []string{"table", "json", "csv", "html", "svg"}, help: "The report as a table (default), JSON or CSV, or the sessions as a timeline picture", example: "--output html"},
}

const reportUsage = `usage: sessions report [--db FILE] [--from TIME] [--to TIME] [--tz ZONE] [--by stage|region|tag:KEY] [--idle-since TIME] [--output table|json|csv|html|svg]

Sums up the sessions archived by "sessions sync", with no request sent: per
stage (or region, or tag value) the sessions, their total and longest
duration and the busiest hour of the day; the most sessions at once across
the account; and the stages idle since a date. --output html or svg draws
the sessions as a timeline instead.
`

// runReport is "sessions report".
func runReport(ctx context.Context, global args, words []string, stdout, stderr io.Writer) int {
	if slices.Contains(words, "--help") || slices.Contains(words, "-h") || slices.Contains(words, "help") {
		fmt.Fprint(stdout, reportUsage)
		return exitOK
	}
	opts := slices.Concat(reportOptions, globalOptions)
	a := global
	unknown, err := parse(words, opts, &a)
	if err != nil {
		return reportErr(stderr, err)
	}
	if len(unknown) > 0 {
		return report(stderr, "report", usagef("unknown options: %s", strings.Join(unknown, ", ")))
	}
	q, err := reportQuery(&a)
	if err != nil {
		return reportErr(stderr, err)
	}
	db := a.str("db")
	if db == "" {
		db = defaultDB
	}
	arc, err := archive.OpenReadOnly(ctx, db)
	if err != nil {
		return archiveErr(stderr, err)
	}
	defer arc.Close()
	w := &errWriter{w: stdout}
	switch out := a.str("output"); out {
	case "html", "svg":
		err = drawArchive(ctx, arc, q, out, w)
	default:
		var r *archive.Report
		if r, err = arc.Report(ctx, q); err == nil {
			err = writeReport(w, r, q.Location, out)
		}
	}
	if err == nil {
		err = w.err
	}
	if err != nil {
		return archiveErr(stderr, err)
	}
	return exitOK
}

// errWriter keeps the first error of its writer.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(b []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(b)
	e.err = err
	return n, err
}

// reportQuery is the report the command line asks for.
func reportQuery(a *args) (archive.ReportQuery, error) {
	q := archive.ReportQuery{Location: time.UTC, By: a.str("by")}
	if tz := a.str("tz"); tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return q, paramf("--tz %q: not a time zone this machine knows (an IANA name such as Europe/Paris, UTC or Local)", tz)
		}
		q.Location = loc
	}
	var err error
	for _, f := range []struct {
		name string
		into *time.Time
	}{{"from", &q.From}, {"to", &q.To}, {"idle-since", &q.IdleSince}} {
		if *f.into, err = dateValue(a, f.name, q.Location); err != nil {
			return q, err
		}
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.To.After(q.From) {
		return q, paramf("--to %s: must be after --from %s", a.str("to"), a.str("from"))
	}
	switch out := a.str("output"); out {
	case "", "table", "json", "csv", "html", "svg":
	default:
		return q, paramf("--output %s: a report is table, json, csv, html or svg", out)
	}
	switch by := q.By; {
	case by == "", by == "stage", by == "region", strings.HasPrefix(by, "tag:") && len(by) > 4:
	default:
		return q, paramf("--by %q: must be stage, region or tag:KEY", by)
	}
	return q, nil
}

// dateValue reads an RFC 3339 time or a date (midnight in loc).
func dateValue(a *args, name string, loc *time.Location) (time.Time, error) {
	s := a.str(name)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, paramf("--%s %q: must be an RFC 3339 time (2026-11-01T09:00:00Z) or a date (2026-11-01)", name, s)
	}
	return t, nil
}

// drawArchive draws the archived sessions q selects as a timeline.
func drawArchive(ctx context.Context, arc *archive.Archive, q archive.ReportQuery, format string, w io.Writer) error {
	ss, err := sessions.Collect(arc.StageSessions(ctx, archive.Query{From: q.From, To: q.To}))
	if err != nil {
		return err
	}
	stages, err := sessions.Collect(arc.Stages(ctx))
	if err != nil {
		return err
	}
	c := &timeline.Chart{
		Title: "Stage sessions (IVS Real-Time), from the archive", Lanes: timeline.StageLanes(ss, stages...),
		Now: time.Now(), From: q.From, To: q.To, Location: q.Location, Heading: "STAGE",
	}
	if format == "svg" {
		return c.WriteSVG(w)
	}
	return c.WriteHTML(w)
}

// writeReport prints r as a table, JSON or CSV.
func writeReport(w io.Writer, r *archive.Report, loc *time.Location, format string) error {
	groups := append(slices.Clone(r.Groups), r.Total)
	switch format {
	case "json":
		return writeReportJSON(w, r, groups, loc)
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{r.By, "stages", "sessions", "total_seconds", "longest_seconds", "busiest_hour", "busiest_hour_sessions"})
		for _, g := range groups {
			cw.Write([]string{g.Key, strconv.Itoa(g.Stages), strconv.Itoa(g.Sessions), seconds(g.Total), seconds(g.Longest), hour(g.BusiestHour), strconv.Itoa(g.BusiestHourSessions)})
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	named := r.By == "stage"
	if named {
		fmt.Fprint(tw, "NAME\t")
	}
	fmt.Fprintf(tw, "%s\tSTAGES\tSESSIONS\tTOTAL\tLONGEST\tBUSIEST HOUR\n", strings.ToUpper(r.By))
	for _, g := range groups {
		busiest := "-"
		if g.BusiestHour >= 0 {
			busiest = fmt.Sprintf("%s (%d)", hour(g.BusiestHour), g.BusiestHourSessions)
		}
		key := g.Key
		if key == "" {
			key = "(none)"
		}
		if named {
			fmt.Fprintf(tw, "%s\t", g.Name)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\n", key, g.Stages, g.Sessions, timeline.FormatDuration(g.Total), timeline.FormatDuration(g.Longest), busiest)
	}
	tw.Flush()
	if r.Peak > 0 {
		fmt.Fprintf(w, "\nMost at once: %d sessions, at %s\n", r.Peak, r.PeakAt.In(loc).Format(time.RFC3339))
	}
	fmt.Fprintf(w, "\nIdle since %s: %d stages\n", r.IdleSince.In(loc).Format(time.RFC3339), len(r.Idle))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, s := range r.Idle {
		last := "never"
		if !s.LastSession.IsZero() {
			last = s.LastSession.In(loc).Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", s.ARN, s.Name, last)
	}
	return tw.Flush()
}

func seconds(d time.Duration) string { return strconv.FormatInt(int64(d/time.Second), 10) }

func hour(h int) string {
	if h < 0 {
		return ""
	}
	return fmt.Sprintf("%02d:00", h)
}
