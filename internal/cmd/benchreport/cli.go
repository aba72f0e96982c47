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
	list := func(arn, format string) (cliRun, error) {
		cmd := exec.CommandContext(ctx, bin, "stage", "--stage-arn", arn, "--output", format, "--endpoint-url", srv.URL)
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
	if _, err := list(smallARN, "json"); err != nil { // warm up the page cache and the server
		return err
	}
	var ratios []float64
	var jsonRSS, jsonlRSS, smallRSS []uint64
	var jsonCPU, jsonlCPU []time.Duration
	held := map[string]*heldRSS{"yaml": {}, "table": {}}
	for range cfg.reps {
		for _, format := range []string{"yaml", "table"} {
			if err := held[format].measure(smallARN, largeARN, format, list); err != nil {
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
		ratios = append(ratios, float64(j.cpu)/float64(l.cpu))
		jsonRSS, jsonlRSS, smallRSS = append(jsonRSS, j.rss), append(jsonlRSS, l.rss), append(smallRSS, s.rss)
		jsonCPU, jsonlCPU = append(jsonCPU, j.cpu), append(jsonlCPU, l.cpu)
	}
	detail := fmt.Sprintf("%dk stage sessions, pages of 100, command against the in-process fake; median of %d paired runs (%s); CPU json %v, jsonl %v",
		large/1000, cfg.reps, spread(ratios), median(jsonCPU).Round(time.Millisecond), median(jsonlCPU).Round(time.Millisecond))
	r.add(atMost("cli_json_cpu_vs_jsonl", median(ratios), 1.1, detail))
	if m := median(jsonRSS); m > 0 {
		r.add(atMost("cli_json_rss_growth_10x", float64(m)/float64(median(smallRSS)), 1.1, fmt.Sprintf(
			"peak RSS of --output json listing %dk vs %dk sessions: %s vs %s (jsonl at %dk: %s)",
			large/1000, small/1000, mib(m), mib(median(smallRSS)), large/1000, mib(median(jsonlRSS)))))
	}
	// yaml streams when no NextToken can come first; a table needs every
	// row for its widths, so it grows with the listing, but by the rows
	// it holds, not by their text (README: Performance).
	if y := held["yaml"]; median(y.large) > 0 {
		r.add(atMost("cli_yaml_rss_growth_10x", float64(median(y.large))/float64(median(y.small)), 1.1, y.detail("yaml", small, large)))
	}
	if tb := held["table"]; median(tb.large) > 0 {
		perSession := float64(median(tb.large)-median(tb.small)) / float64(large-small)
		r.add(atMost("cli_table_rss_bytes_per_session", perSession, 1024, tb.detail("table", small, large)))
	}
	return nil
}

// cliRun is one run of the command: its CPU time and its own peak RSS.
type cliRun struct {
	cpu time.Duration
	rss uint64
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
