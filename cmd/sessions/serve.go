package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

// Defaults of sessions serve. The demo serves the same data, so that every
// command it prints gives the same output against "sessions serve".
const (
	serveDefaultHost     = "127.0.0.1"
	serveDefaultPort     = 8417
	serveAccount         = "111122223333"
	serveAccessKeyID     = "AKIDSESSIONSSERVE"
	serveSecretAccessKey = "sessions-serve-secret"
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
	data           []string
	stageARN       string // for data files whose sessions name no stage
	studioID       string // for data files whose sessions name no studio
	latency        time.Duration
	faults         []fakeaws.Fault
}

func defaultServeConfig() serveConfig {
	return serveConfig{
		host: serveDefaultHost, port: serveDefaultPort, regions: []string{"us-west-2"},
		stages: 8, sessions: 200, studios: 1, streaming: 120, studioPageSize: 25, seed: 1,
	}
}

// generatedStageARN and generatedStudioID name the generated stages and
// studios, counting from 1.
func generatedStageARN(region string, i int) string {
	return fmt.Sprintf("arn:aws:ivs:%s:%s:stage/DemoStage%d", region, serveAccount, i)
}

func generatedStudioID(i int) string { return fmt.Sprintf("stid-demo0studio%02d", i) }

// options returns the server options for c: the generated data (unless
// data files replace it) and the data files, the latency and the faults.
// Everything a flag or a file gets wrong is an error here, before the
// server starts.
func (c serveConfig) options(generate bool) ([]fakeaws.Option, string, error) {
	opts := []fakeaws.Option{fakeaws.WithStudioPageSize(c.studioPageSize), fakeaws.WithLatency(c.latency), fakeaws.WithFaults(c.faults...), fakeaws.WithStableRequestIDs()}
	var summary []string
	if generate {
		for _, region := range c.regions {
			for i := 1; i <= c.stages; i++ {
				opts = append(opts, fakeaws.WithStages(fakeaws.Stage{
					ARN: generatedStageARN(region, i), Name: fmt.Sprintf("demo-stage-%d", i),
					Tags:     map[string]string{"project": "demo", "shard": strconv.Itoa(i % 2)},
					Sessions: fakeaws.GenStageSessions(c.sessions, c.seed+uint64(i)),
				}))
			}
		}
		for i := 1; i <= c.studios; i++ {
			opts = append(opts, fakeaws.WithStudio(generatedStudioID(i), fakeaws.GenStreamingSessions(c.streaming, c.seed+uint64(i))))
		}
		if c.stages > 0 {
			summary = append(summary, fmt.Sprintf("%s of %s in %s (%s … %s)", count(c.stages, "stage"), count(c.sessions, "session"), strings.Join(c.regions, ", "),
				generatedStageARN(c.regions[0], 1), generatedStageARN(c.regions[0], c.stages)))
		}
		if c.studios > 0 {
			summary = append(summary, fmt.Sprintf("%s of %s (%s … %s)", count(c.studios, "studio"), count(c.streaming, "streaming session"), generatedStudioID(1), generatedStudioID(c.studios)))
		}
	}
	if len(c.data) > 0 {
		d := newDataSet(c.stageARN, c.studioID)
		for _, name := range c.data {
			if err := d.load(name); err != nil {
				return nil, "", err
			}
		}
		opts = append(opts, d.options()...)
		summary = append(summary, strings.Join(c.data, ", ")+": "+d.summary())
	}
	return opts, strings.Join(summary, "\n  "), nil
}

// runServe is "sessions serve": a long-running local endpoint.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, generate, err := parseServeFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, serveUsage)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "sessions serve: %v (see sessions serve --help)\n", err)
		return exitUsage
	}
	opts, summary, err := c.options(generate)
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
	if summary != "" {
		fmt.Fprintf(stdout, "  %s\n", summary)
	}
	fmt.Fprintf(stdout, "In another terminal:\n%s", serveEnv(srv.URL, c.regions[0]))
	if len(c.data) == 0 && c.stages > 0 {
		fmt.Fprintf(stdout, "  sessions stage --stage-arn %s --max-items 5 --output table\n", generatedStageARN(c.regions[0], 1))
		fmt.Fprintf(stdout, "  aws ivs-realtime list-stage-sessions --stage-arn %s --max-results 5 --endpoint-url %s\n", generatedStageARN(c.regions[0], 1), srv.URL)
	}
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

// serveEnv is the environment that points the AWS CLI, the SDKs and
// sessions at a served endpoint, as shell commands.
func serveEnv(url, region string) string {
	return fmt.Sprintf("  export AWS_ENDPOINT_URL=%s AWS_REGION=%s AWS_DEFAULT_REGION=%s\n  export AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s\n",
		url, region, region, serveAccessKeyID, serveSecretAccessKey)
}
