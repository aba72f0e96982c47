package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

const (
	demoARN     = "arn:aws:ivs:us-west-2:111122223333:stage/DemoStage1"
	demoStudio  = "stid-demo0studio01"
	demoFanOut  = 8
	demoLatency = 20 * time.Millisecond
)

func demoFanARN(i int) string {
	return "arn:aws:ivs:us-west-2:111122223333:stage/FanOut" + strconv.Itoa(i)
}

// runDemo starts the embedded endpoint with generated data and runs the
// stage and studio subcommands against it, through the real SDK clients,
// printing each command line before its output.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sessions demo", flag.ContinueOnError)
	if err := parseFlags(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, demoUsage)
			return exitOK
		}
		return report(stderr, "demo", err)
	}

	opts := []fakeaws.Option{
		fakeaws.WithStage(demoARN, fakeaws.GenStageSessions(60, 1)),
		fakeaws.WithStudio(demoStudio, fakeaws.GenStreamingSessions(120, 1)),
		fakeaws.WithStudioPageSize(25),
	}
	for i := 1; i <= demoFanOut; i++ {
		opts = append(opts,
			fakeaws.WithStage(demoFanARN(i), fakeaws.GenStageSessions(200, uint64(100+i))),
			fakeaws.WithFaults(fakeaws.Fault{Op: fakeaws.OpListStageSessions, Parent: demoFanARN(i), Times: -1, Latency: demoLatency}))
	}
	srv := fakeaws.New(opts...)
	defer srv.Close()
	d := &demo{
		ctx: ctx, w: bufio.NewWriter(stdout), url: srv.URL,
		env: env{loadConfig: func(context.Context, string, string) (aws.Config, error) {
			return aws.Config{
				Region:      fakeaws.Region,
				Credentials: fakeaws.Credentials(),
				HTTPClient:  srv.HTTPClient(),
				Retryer:     func() aws.Retryer { return fakeaws.NewRetryer() },
			}, nil
		}},
	}
	defer d.w.Flush()
	if err := d.script(srv); err != nil {
		d.w.Flush()
		return report(stderr, "demo", err)
	}
	return exitOK
}

const demoUsage = `Usage: sessions demo

Starts an embedded endpoint that speaks the restJson1 wire format of IVS
Real-Time ListStageSessions and Nimble ListStreamingSessions, with generated
stages and a studio, and runs "sessions stage" and "sessions studio" against
it through the real aws-sdk-go-v2 clients (SigV4 signing, retries, JSON
decoding). No AWS account or network access is needed.
`

type demo struct {
	ctx context.Context
	w   *bufio.Writer
	env env
	url string
}

// cmd prints the command line, runs it against the embedded endpoint and
// returns its standard output; its standard error and exit status are
// printed when there are any.
func (d *demo) cmd(show bool, args ...string) (string, error) {
	return d.cmdAs(strings.Join(args, " "), show, args...)
}

// cmdAs is cmd with the command line shown as display.
func (d *demo) cmdAs(display string, show bool, args ...string) (string, error) {
	fmt.Fprintf(d.w, "$ sessions %s\n", display)
	var out, errOut bytes.Buffer
	code := execute(d.ctx, d.env, append(args, "--endpoint-url", d.url), &out, &errOut)
	if show {
		d.w.Write(out.Bytes())
	}
	d.w.Write(errOut.Bytes())
	if code != exitOK {
		fmt.Fprintf(d.w, "(exit status %d)\n", code)
	}
	if d.ctx.Err() != nil {
		return "", d.ctx.Err()
	}
	return out.String(), nil
}

func (d *demo) say(format string, a ...any) { fmt.Fprintf(d.w, "\n# "+format+"\n", a...) }

func (d *demo) script(srv *fakeaws.Server) error {
	fmt.Fprintln(d.w, "sessions demo: an embedded IVS Real-Time and Nimble Studio endpoint with generated")
	fmt.Fprintln(d.w, "data, listed through the real AWS SDK clients. Each command runs as shown, plus")
	fmt.Fprintln(d.w, "--endpoint-url for the embedded endpoint.")

	d.say("At most 6 sessions of a stage, 4 per request: the cap cuts page 2, and NextToken marks the spot.")
	out, err := d.cmd(true, "stage", "--stage-arn", demoARN, "--page-size", "4", "--max-items", "6", "--output", "columns")
	if err != nil {
		return err
	}
	_, token, ok := strings.Cut(out, "NextToken: ")
	if !ok {
		return errors.New("the first listing printed no NextToken")
	}
	token = strings.TrimSpace(token)

	d.say("Resume from it: the 7th session onwards, from the middle of page 2, none repeated.")
	if _, err := d.cmd(true, "stage", "--stage-arn", demoARN, "--page-size", "4", "--max-items", "4", "--starting-token", token, "--output", "columns"); err != nil {
		return err
	}

	d.say("Filters run as pages arrive: active sessions that started after 06:00, as AWS CLI text.")
	if _, err := d.cmd(true, "stage", "--stage-arn", demoARN, "--active", "--started-after", "2024-01-01T06:00:00Z", "--output", "text"); err != nil {
		return err
	}

	d.say("The AWS CLI's JSON for the same call: wire names, ISO 8601 times, no endTime while active.")
	if _, err := d.cmd(true, "stage", "--stage-arn", demoARN, "--max-items", "3", "--active", "--output", "json"); err != nil {
		return err
	}

	d.say("Fan-out: %d stages listed concurrently with sessions.Merge, %v per request.", demoFanOut, demoLatency)
	args := []string{"stage"}
	for i := 1; i <= demoFanOut; i++ {
		args = append(args, "--stage-arn", demoFanARN(i))
	}
	args = append(args, "--page-size", "50", "--output", "jsonl")
	srv.ResetStats()
	start := time.Now()
	display := fmt.Sprintf("stage --stage-arn %s ... --stage-arn %s --page-size 50 --output jsonl", demoFanARN(1), demoFanARN(demoFanOut))
	out, err = d.cmdAs(display, false, args...)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	lines, distinct := 0, map[string]bool{}
	for line := range strings.Lines(out) {
		var s struct{ StageARN, SessionID string }
		if json.Unmarshal([]byte(line), &s) == nil {
			lines++
			distinct[s.StageARN+" "+s.SessionID] = true
		}
	}
	requests := srv.Stats().StageRequests
	fmt.Fprintf(d.w, "%d lines, %d distinct sessions: every session once. %d requests in %v;\none stage after another they would take at least %v.\n",
		lines, len(distinct), requests, elapsed.Round(time.Millisecond), time.Duration(requests)*demoLatency)

	d.say("Studios: ownedBy is sent to the service, the states are checked on the client.")
	if _, err := d.cmd(true, "studio", "--studio-id", demoStudio, "--owned-by", "user-alice", "--state", "READY,STOPPED", "--max-items", "5", "--output", "columns"); err != nil {
		return err
	}

	d.say("Typed states from the library (sessions.State), over the whole studio:")
	if err := d.states(); err != nil {
		return err
	}

	d.say("Bad input fails before any request, naming the flag (exit status 2); service errors exit 1.")
	if _, err := d.cmd(true, "stage", "--stage-arn", "arn:aws:ivs:us-west-2:111122223333:channel/AbCd", "--page-size", "500"); err != nil {
		return err
	}
	if _, err := d.cmd(true, "stage", "--stage-arn", "arn:aws:ivs:us-west-2:111122223333:stage/NoSuchStage"); err != nil {
		return err
	}

	d.say("Against AWS, with your credentials and region (see sessions --help for every flag):")
	fmt.Fprintln(d.w, "$ sessions stage --stage-arn <your stage ARN> --active --output table")
	return nil
}

// states lists the studio with the library directly and counts the typed
// states.
func (d *demo) states() error {
	cfg, err := d.env.loadConfig(d.ctx, "", "")
	if err != nil {
		return err
	}
	t := &studioTransport{}
	p, err := sessions.StreamingSessions(t, sessions.StudioQuery{StudioID: demoStudio})
	if err != nil {
		return err
	}
	t.c = newStudioClient(cfg, d.url)
	count := map[sessions.State]int{}
	total, failed, moving := 0, 0, 0
	for s, err := range p.All(d.ctx) {
		if err != nil {
			return err
		}
		total++
		count[s.State]++
		if s.State.Failed() {
			failed++
		}
		if s.State.Transitional() {
			moving++
		}
	}
	tw := tabwriter.NewWriter(d.w, 0, 0, 1, ' ', 0)
	for row := range slices.Chunk(slices.Sorted(maps.Keys(count)), 4) {
		cells := make([]string, len(row))
		for i, st := range row {
			cells[i] = fmt.Sprintf("%s %d", st, count[st])
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
	fmt.Fprintf(d.w, "%d sessions; State.Failed(): %d; State.Transitional(): %d.\n", total, failed, moving)
	return nil
}
