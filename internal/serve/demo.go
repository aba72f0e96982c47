package serve

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

// A Lister runs a command line of sessions (without the program's name)
// with the AWS configuration that load returns, and returns its exit
// status: what cmd/sessions does with its own command line.
type Lister func(ctx context.Context, load ConfigLoader, args []string, stdout, stderr io.Writer) int

// A ConfigLoader returns the AWS configuration for a region and a profile
// ("" for the defaults).
type ConfigLoader = func(ctx context.Context, region, profile string) (aws.Config, error)

// A UsageError is a bad command line of the demo.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Demo is "sessions demo" with args (after "demo"): it lists from an
// embedded endpoint that serves what "sessions serve" serves with its
// default flags, through list and so the real SDK clients, printing each
// command before its output. Every command it prints gives the same output
// when pasted into a terminal pointed at "sessions serve". It returns a
// *UsageError for a bad command line, or the error that stopped it.
func Demo(ctx context.Context, args []string, stdout io.Writer, list Lister) error {
	c := defaultServeConfig()
	fs := flag.NewFlagSet("sessions demo", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var valueErr error
	fs.Func("now", "", func(s string) (err error) {
		if c.now, err = parseNow(s); err != nil {
			valueErr = fmt.Errorf("--now %q: want %s", s, nowWant)
		}
		return err
	})
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, demoUsage)
		return nil
	case err != nil:
		return &UsageError{flagError(err, valueErr).Error()}
	case fs.NArg() > 0:
		return &UsageError{fmt.Sprintf("unexpected argument %q: every value goes with a flag", fs.Arg(0))}
	}
	// No quota: the demo shows what the commands print, not how long
	// IVS's 5 requests a second make them take.
	c.quota = 0
	opts, _, err := c.options(true)
	if err != nil {
		return err
	}
	srv := fakeaws.New(opts...)
	defer srv.Close()
	d := &demo{
		w: bufio.NewWriter(stdout), url: srv.URL, region: c.regions[0],
		list: list,
		load: func(_ context.Context, region, _ string) (aws.Config, error) {
			if region == "" {
				region = c.regions[0]
			}
			return aws.Config{
				Region: region,
				Credentials: aws.NewCredentialsCache(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
					return aws.Credentials{AccessKeyID: AccessKeyID, SecretAccessKey: SecretAccessKey}, nil
				})),
				HTTPClient: srv.HTTPClient(),
			}, nil
		},
	}
	defer d.w.Flush()
	return d.script(ctx, c)
}

const demoUsage = `Usage: sessions demo [--now TIME]

Lists IVS Real-Time stage sessions and Nimble Studio streaming sessions from
an embedded endpoint, through the real aws-sdk-go-v2 clients (SigV4 signing,
retries, JSON decoding), printing each command and its output. No AWS
account or network access is needed.

The endpoint serves what "sessions serve" serves with its default flags, so
every command the demo prints gives the same output when pasted into a
terminal pointed at a running "sessions serve" (the demo prints how).
The data ends at the start of the current hour, or at --now TIME (an RFC
3339 time or a date), as with "sessions serve --now".
`

type demo struct {
	w      *bufio.Writer
	list   Lister
	load   ConfigLoader
	url    string // the embedded endpoint
	region string
}

// cmd prints the command line, runs it against the embedded endpoint and
// returns its standard output; it prints the output, its standard error
// and its exit status when not 0.
func (d *demo) cmd(ctx context.Context, args ...string) (string, error) {
	fmt.Fprintf(d.w, "$ sessions %s\n", shellJoin(args))
	var out, errOut bytes.Buffer
	code := d.list(ctx, d.load, append(args, "--endpoint-url", d.url), &out, &errOut)
	d.w.Write(out.Bytes())
	d.w.Write(errOut.Bytes())
	if code != exitOK {
		fmt.Fprintf(d.w, "(exit status %d)\n", code)
	}
	if ctx.Err() != nil {
		return "", ctx.Err()
	}
	return out.String(), nil
}

// shellJoin quotes the words a shell would split or expand.
func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = a
		if a == "" || strings.ContainsAny(a, " \t\n'\"\\$`*?[]{}()<>|&;#~!") {
			q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(q, " ")
}

func (d *demo) say(format string, a ...any) { fmt.Fprintf(d.w, "\n# "+format+"\n", a...) }

func (d *demo) script(ctx context.Context, c serveConfig) error {
	arn := StageARN(d.region, 1)
	day := c.now.Add(-24 * time.Hour).Format(time.RFC3339)
	fmt.Fprintln(d.w, "sessions demo: IVS Real-Time and Nimble Studio sessions from a local endpoint, listed")
	fmt.Fprintln(d.w, "through the real AWS SDK clients. To run these commands yourself, start the same")
	fmt.Fprintln(d.w, "endpoint (the same data, generated up to the same hour) in a second terminal with")
	fmt.Fprintf(d.w, "$ sessions serve --now %s\n", c.now.Format(time.RFC3339))
	fmt.Fprintln(d.w, "and point this one at it; then each command prints what it prints here.")
	for line := range strings.Lines(Env("http://"+DefaultHost+":"+strconv.Itoa(DefaultPort), d.region)) {
		fmt.Fprintf(d.w, "$ %s", strings.TrimSpace(line)+"\n")
	}

	d.say("At most 6 sessions of a stage, most recent first, 4 per request: the cap cuts page 2, and NextToken marks the spot.")
	out, err := d.cmd(ctx, "stage", "--stage-arn", arn, "--page-size", "4", "--max-items", "6", "--output", "columns")
	if err != nil {
		return err
	}
	_, token, ok := strings.Cut(out, "NextToken: ")
	if !ok {
		return errors.New("the first listing printed no NextToken")
	}
	token = strings.TrimSpace(token)

	d.say("Resume from it: the 7th session onwards, from the middle of page 2, none repeated.")
	if _, err := d.cmd(ctx, "stage", "--stage-arn", arn, "--page-size", "4", "--max-items", "4", "--starting-token", token, "--output", "columns"); err != nil {
		return err
	}

	d.say("Filters run as pages arrive: sessions of the last day that have ended, as AWS CLI text.")
	if _, err := d.cmd(ctx, "stage", "--stage-arn", arn, "--ended", "--started-after", day, "--max-items", "5", "--output", "text"); err != nil {
		return err
	}

	d.say("The AWS CLI's own call, one request, its JSON byte for byte (aws ivs-realtime list-stage-sessions).")
	if _, err := d.cmd(ctx, "ivs-realtime", "list-stage-sessions", "--stage-arn", arn, "--max-results", "2"); err != nil {
		return err
	}

	d.say("Fan-out: the region's %d stages (from ListStages) listed concurrently, every session once; --query counts them.", c.stages)
	if _, err := d.cmd(ctx, "stage", "--all-stages", "--query", "length(stageSessions)"); err != nil {
		return err
	}

	d.say("The last day at a glance: per stage, its sessions, their total and longest time, the most at once.")
	if _, err := d.cmd(ctx, "stage", "--all-stages", "--ended", "--started-after", day, "--summary"); err != nil {
		return err
	}

	d.say("Studios: ownedBy is sent to the service, the states are checked on the client.")
	if _, err := d.cmd(ctx, "studio", "--studio-id", StudioID(1), "--owned-by", "user-alice", "--state", "READY,STOPPED", "--max-items", "5", "--output", "columns"); err != nil {
		return err
	}

	d.say("Bad input fails before any request, naming the option; service errors have their own exit status.")
	if _, err := d.cmd(ctx, "stage", "--stage-arn", "arn:aws:ivs:us-west-2:111122223333:channel/AbCd", "--page-size", "500"); err != nil {
		return err
	}
	if _, err := d.cmd(ctx, "stage", "--stage-arn", "arn:aws:ivs:us-west-2:111122223333:stage/NoSuchStage"); err != nil {
		return err
	}

	d.say("Against AWS: in a new terminal without the exports above, with your credentials and region as for")
	fmt.Fprintln(d.w, "# the AWS CLI (aws configure, AWS_PROFILE, AWS_REGION), and your own stage's ARN:")
	week := c.now.Add(-7*24*time.Hour).Format(time.DateOnly) + "T00:00:00Z"
	for _, line := range AWSCommands(week) {
		fmt.Fprintf(d.w, "  %s\n", line)
	}
	return nil
}

// ExampleStageARN stands for the user's own stage in the commands to run
// against AWS.
const ExampleStageARN = "arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh"

// AWSCommands are the commands the demo ends with, to paste against AWS:
// a stage's sessions, then the account's last week at a glance and drawn.
func AWSCommands(since string) []string {
	return []string{
		"sessions stage --stage-arn " + ExampleStageARN + " --max-items 20 --output table",
		"sessions stage --all-stages --started-after " + since + " --summary",
		"sessions stage --all-stages --started-after " + since + " --output html > sessions.html",
	}
}
