// Command benchreport measures the library against the targets of the
// "Throughput at scale" issue (DESIGN.md, Targets) and prints a table, then
// one NAME=VALUE line per figure.
//
// Usage:
//
//	go run ./internal/cmd/benchreport [-quick] [-reps n] [-only list] [-cpuprofile file]
//
// Every comparison runs the library and its baseline in this one process
// against the same in-process fake endpoint (internal/fakeaws) through the
// real SDK clients, interleaved and repeated, with a garbage collection
// before each run; the figures are ratios of medians of those runs, never
// absolute times, since the machine may be shared. It exits 0 when a target
// is missed (it is a report) and marks the figure MISSED.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/sessionkit/sessions/internal/bench"
)

func main() {
	bench.ServeIsolated() // the stand-in parent of the command's runs (cli.go)
	quick := flag.Bool("quick", false, "fewer repetitions and smaller Merge and prefetch runs: under a minute on 2 cores")
	reps := flag.Int("reps", 0, "repetitions of each comparison (0: 9, or 3 with -quick)")
	only := flag.String("only", "", "comma-separated sections to run: "+strings.Join(sectionNames(), ", ")+" (default all)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	flag.Parse()

	cfg := config{quick: *quick, reps: *reps}
	if cfg.reps < 1 {
		cfg.reps = 9
		if cfg.quick {
			cfg.reps = 3
		}
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fatal(err)
		}
		defer func() {
			pprof.StopCPUProfile()
			f.Close()
		}()
	}
	want := map[string]bool{}
	for _, s := range strings.Split(*only, ",") {
		if s = strings.TrimSpace(s); s != "" {
			want[s] = true
		}
	}

	start := time.Now()
	fmt.Printf("benchreport: %s, GOMAXPROCS=%d, %d repetitions%s\n\n", runtime.Version(), runtime.GOMAXPROCS(0), cfg.reps, map[bool]string{true: ", quick"}[cfg.quick])
	r := &report{}
	for _, s := range sections {
		if len(want) > 0 && !want[s.name] {
			continue
		}
		if err := s.run(context.Background(), cfg, r); err != nil {
			fatal(fmt.Errorf("%s: %w", s.name, err))
		}
	}
	r.implied()
	r.print(os.Stdout)
	fmt.Printf("\ntook %s\n", time.Since(start).Round(time.Second))
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "benchreport:", err)
	os.Exit(1)
}

type config struct {
	quick bool
	reps  int
}

type section struct {
	name string
	run  func(context.Context, config, *report) error
}

var sections = []section{
	{"overhead", overhead},
	{"inmem", inMemory},
	{"prefetch", prefetch},
	{"merge", merge},
	{"account", account},
	{"earlybreak", earlyBreak},
	{"heap", heap},
	{"defaults", defaults},
	{"tokens", tokens},
	{"cli", cliOutput},
	{"quota", quota},
	{"archive", archiveSection},
}

func sectionNames() []string {
	var out []string
	for _, s := range sections {
		out = append(out, s.name)
	}
	return out
}
