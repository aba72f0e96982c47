package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"github.com/sessionkit/sessions/internal/bench"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

// cliOutput measures the command's output (cmd/sessions): one stage of
// 100,000 sessions (pages of 100) listed from the in-process fake endpoint
// by the built command, --output json against jsonl, runs interleaved;
// whole-process figures (CPU time and peak RSS of the command). json is
// streamed, so its peak should not grow with the number of sessions and its
// CPU should stay near jsonl's.
func cliOutput(ctx context.Context, cfg config, r *report) error {
	small, large := 10_000, 100_000
	if cfg.quick {
		small, large = 5_000, 50_000
	}
	dir, err := os.MkdirTemp("", "benchreport-cli")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "sessions")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/sessionkit/sessions/cmd/sessions")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building the command: %w", err)
	}
	smallARN, largeARN := bench.StageARN(0), bench.StageARN(1)
	srv := fakeaws.New(fakeaws.WithStage(smallARN, fakeaws.GenStageSessions(small, 1)), fakeaws.WithStage(largeARN, fakeaws.GenStageSessions(large, 1)))
	defer srv.Close()
	list := cliLister(ctx, bin, srv.URL)
	if _, err := list(smallARN, "json"); err != nil { // warm up the page cache and the server
		return err
	}
	m := cliMeasures{held: map[string]*heldRSS{"yaml": {}, "table": {}}}
	for range cfg.reps {
		if err := m.measure(smallARN, largeARN, list); err != nil {
			return err
		}
	}
	m.report(r, cfg.reps, small, large)
	return nil
}

// cliLister returns a function that lists the stage arn from the endpoint
// url with the command bin in the format asked for.
func cliLister(ctx context.Context, bin, url string) func(arn, format string) (cliRun, error) {
	return func(arn, format string) (cliRun, error) {
		cmd := exec.CommandContext(ctx, bin, "stage", "--stage-arn", arn, "--output", format, "--endpoint-url", url)
		// The endpoint has no quota and this measures the output's cost:
		// pacing off, or 100,000 sessions take 1,000 paced requests.
		cmd.Env = append(os.Environ(), "SESSIONS_MAX_RATE=0", "AWS_ACCESS_KEY_ID=AKIDBENCH", "AWS_SECRET_ACCESS_KEY=bench-secret",
			"AWS_REGION="+fakeaws.Region, "AWS_EC2_METADATA_DISABLED=true", "AWS_CONFIG_FILE="+os.DevNull, "AWS_SHARED_CREDENTIALS_FILE="+os.DevNull)
		cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
		// Started from this process, which holds the fake's sessions,
		// the command would report this process's peak as its own.
		ps, rss, err := bench.RunIsolated(ctx, cmd)
		if err != nil {
			return cliRun{}, fmt.Errorf("sessions --output %s: %w", format, err)
		}
		return cliRun{ps.UserTime() + ps.SystemTime(), rss}, nil
	}
}

// cliRun is one run of the command: its CPU time and its own peak RSS.
type cliRun struct {
	cpu time.Duration
	rss uint64
}

// cliMeasures are cliOutput's measurements, one of each per repetition.
type cliMeasures struct {
	ratios                      []float64 // CPU of json over jsonl, large stage
	jsonRSS, jsonlRSS, smallRSS []uint64  // json and jsonl for the large stage, json for the small
	jsonCPU, jsonlCPU           []time.Duration
	held                        map[string]*heldRSS // yaml and table
}

// measure runs one repetition: yaml and table for both stages, then json
// and jsonl for the large stage and json for the small.
func (m *cliMeasures) measure(smallARN, largeARN string, list func(arn, format string) (cliRun, error)) error {
	for _, format := range []string{"yaml", "table"} {
		if err := m.held[format].measure(smallARN, largeARN, format, list); err != nil {
			return err
		}
	}
	j, err := list(largeARN, "json")
	if err != nil {
		return err
	}
	l, err := list(largeARN, "jsonl")
	if err != nil {
		return err
	}
	s, err := list(smallARN, "json")
	if err != nil {
		return err
	}
	m.ratios = append(m.ratios, float64(j.cpu)/float64(l.cpu))
	m.jsonRSS, m.jsonlRSS, m.smallRSS = append(m.jsonRSS, j.rss), append(m.jsonlRSS, l.rss), append(m.smallRSS, s.rss)
	m.jsonCPU, m.jsonlCPU = append(m.jsonCPU, j.cpu), append(m.jsonlCPU, l.cpu)
	return nil
}

// report adds the figures for reps repetitions over stages of small and
// large sessions.
func (m *cliMeasures) report(r *report, reps, small, large int) {
	detail := fmt.Sprintf("%dk stage sessions, pages of 100, command against the in-process fake; median of %d paired runs (%s); CPU json %v, jsonl %v",
		large/1000, reps, spread(m.ratios), median(m.jsonCPU).Round(time.Millisecond), median(m.jsonlCPU).Round(time.Millisecond))
	r.add(atMost("cli_json_cpu_vs_jsonl", median(m.ratios), 1.1, detail))
	if rss := median(m.jsonRSS); rss > 0 {
		r.add(atMost("cli_json_rss_growth_10x", float64(rss)/float64(median(m.smallRSS)), 1.1, fmt.Sprintf(
			"peak RSS of --output json listing %dk vs %dk sessions: %s vs %s (jsonl at %dk: %s)",
			large/1000, small/1000, mib(rss), mib(median(m.smallRSS)), large/1000, mib(median(m.jsonlRSS)))))
	}
	// yaml streams when no NextToken can come first; a table needs every
	// row for its widths, so it grows with the listing, but by the rows
	// it holds, not by their text (README: Performance).
	if y := m.held["yaml"]; median(y.large) > 0 {
		r.add(atMost("cli_yaml_rss_growth_10x", float64(median(y.large))/float64(median(y.small)), 1.1, y.detail("yaml", small, large)))
	}
	if tb := m.held["table"]; median(tb.large) > 0 {
		perSession := float64(median(tb.large)-median(tb.small)) / float64(large-small)
		r.add(atMost("cli_table_rss_bytes_per_session", perSession, 1024, tb.detail("table", small, large)))
	}
}

// heldRSS is the peak RSS of listing the small and the large stage in one
// format, run after run.
type heldRSS struct{ small, large []uint64 }

func (h *heldRSS) measure(smallARN, largeARN, format string, list func(arn, format string) (cliRun, error)) error {
	s, err := list(smallARN, format)
	if err != nil {
		return err
	}
	l, err := list(largeARN, format)
	if err != nil {
		return err
	}
	h.small, h.large = append(h.small, s.rss), append(h.large, l.rss)
	return nil
}

func (h *heldRSS) detail(format string, small, large int) string {
	return fmt.Sprintf("peak RSS of --output %s listing %dk vs %dk sessions: %s vs %s", format, large/1000, small/1000, mib(median(h.large)), mib(median(h.small)))
}

func median[T int64 | uint64 | float64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
