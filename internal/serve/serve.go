// Package serve is "sessions serve" and "sessions demo": a local endpoint
// that speaks the IVS Real-Time and Nimble Studio wire format (package
// fakeaws) with data that could happen on the services or read from files,
// and a demo that lists from it through the command. The command wires
// their flags; nothing here lists.
package serve

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"

	"github.com/sessionkit/sessions/internal/fakeaws"
	"github.com/sessionkit/sessions/internal/fakesvc"
)

// Exit statuses, the command's: 0, 252 for a bad command line, 255 for
// anything else.
const (
	exitOK      = 0
	exitUsage   = 252
	exitFailure = 255
)

// Defaults of sessions serve. The demo serves the same data, so that every
// command it prints gives the same output against "sessions serve".
const (
	DefaultHost     = "127.0.0.1"
	DefaultPort     = 8417
	serveAccount    = "111122223333"
	AccessKeyID     = "AKIDSESSIONSSERVE"
	SecretAccessKey = "sessions-serve-secret"
)

// serveConfig is what the flags of sessions serve ask for.
type serveConfig struct {
	host           string
	port           int
	regions        []string
	stages         int // per region
	sessions       int // per stage
	studios        int
	streaming      int // per studio
	studioPageSize int
	seed           uint64
	now            time.Time // the instant the generated data ends at
	data           []string
	stageARN       string // for data files whose sessions name no stage
	studioID       string // for data files whose sessions name no studio
	latency        time.Duration
	faults         []fakeaws.Fault
	quota          float64 // requests a second per region and operation; 0: none
	quotaBurst     int
}

// defaultServeConfig is what sessions serve serves without flags: data
// that ends at the start of the current hour, so that the demo and a
// "sessions serve" started in the same hour serve the same.
func defaultServeConfig() serveConfig {
	return serveConfig{
		host: DefaultHost, port: DefaultPort, regions: []string{"us-west-2"},
		stages: 8, sessions: 200, studios: 1, streaming: 120, studioPageSize: 25, seed: 1,
		now:   time.Now().UTC().Truncate(time.Hour),
		quota: fakesvc.QuotaRate, quotaBurst: fakesvc.QuotaBurst,
	}
}

// account is the generated account c describes.
func (c serveConfig) account() fakeaws.AccountHistory {
	return fakeaws.AccountHistory{
		Now: c.now, Seed: c.seed, AccountID: serveAccount, Regions: c.regions,
		Stages: c.stages, Sessions: c.sessions, Studios: c.studios, Streaming: c.streaming,
	}
}

// StageARN and StudioID name the generated stages and
// studios, counting from 1.
func StageARN(region string, i int) string {
	return fakeaws.AccountHistory{AccountID: serveAccount}.StageARN(region, i)
}

func StudioID(i int) string { return fakeaws.AccountHistory{}.StudioID(i) }

// options returns the server options for c: the generated data (unless
// data files replace it) and the data files, the latency and the faults.
// Everything a flag or a file gets wrong is an error here, before the
// server starts.
func (c serveConfig) options(generate bool) (opts []fakeaws.Option, b banner, err error) {
	opts = []fakeaws.Option{fakeaws.WithStudioPageSize(c.studioPageSize), fakeaws.WithLatency(c.latency), fakeaws.WithFaults(c.faults...), fakeaws.WithStableRequestIDs(), fakeaws.WithQuota(c.quota, c.quotaBurst)}
	b.region = c.regions[0]
	if generate {
		a := c.account()
		stages := a.AllStages()
		opts = append(opts, fakeaws.WithStages(stages...))
		for i := 1; i <= c.studios; i++ {
			opts = append(opts, fakeaws.WithStudio(a.StudioID(i), a.Studio(i)))
		}
		b.generated(c, stages)
	}
	if len(c.data) > 0 {
		d := newDataSet(c.stageARN, c.studioID)
		for _, name := range c.data {
			if err := d.load(name); err != nil {
				return nil, b, err
			}
		}
		if err := d.check(); err != nil {
			return nil, b, err
		}
		opts = append(opts, d.options()...)
		b.loaded(c, d, generate)
	}
	return opts, b, nil
}

// Run is "sessions serve" with args (after "serve"): a local endpoint that
// serves until ctx ends. It returns the exit status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, generate, err := parseServeFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, serveUsage)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "sessions serve: %v (see sessions serve --help)\n", err)
		return exitUsage
	}
	opts, b, err := c.options(generate)
	if err != nil {
		fmt.Fprintf(stderr, "sessions serve: %v\n", err)
		return exitUsage
	}
	l, err := net.Listen("tcp", net.JoinHostPort(c.host, strconv.Itoa(c.port)))
	if err != nil {
		fmt.Fprintf(stderr, "sessions serve: %v (pick another port with --port, or --port 0 for any free one)\n", err)
		return exitFailure
	}
	srv := fakeaws.New(append(opts, fakeaws.WithListener(l))...)
	fmt.Fprintf(stdout, "sessions serve: IVS Real-Time and Nimble Studio on %s\n", srv.URL)
	b.write(stdout, srv.URL)
	fmt.Fprintln(stdout, "Stop with Ctrl-C.")
	<-ctx.Done()
	srv.Close()
	st := srv.Stats()
	fmt.Fprintf(stderr, "sessions serve: stopped after %d requests (%d ListStageSessions, %d ListStages, %d ListStreamingSessions)\n",
		st.Requests, st.StageRequests, st.StagesRequests, st.StudioRequests)
	return exitOK
}

// count returns "1 stage", "2 stages".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// Env is the environment that points the AWS CLI, the SDKs and
// sessions at a served endpoint, as shell commands.
func Env(url, region string) string {
	return fmt.Sprintf("  export AWS_ENDPOINT_URL=%s AWS_REGION=%s AWS_DEFAULT_REGION=%s\n  export AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s\n",
		url, region, region, AccessKeyID, SecretAccessKey)
}
