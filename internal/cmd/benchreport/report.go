package main

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"
)

// A figure is one NAME=VALUE line, with its target.
type figure struct {
	name   string
	value  float64
	goal   string // e.g. "≤ 1.03"
	met    bool
	detail string
}

type report struct {
	figures []figure
	notes   []string // extra table rows: measurements that are not figures

	// For the overhead implied by the per-item cost (see implied).
	stageSDKNs             float64 // SDK paginator over the wire, ns/item
	inmemLibNs, inmemSDKNs float64 // library and SDK paginator over memory
}

// implied notes the stage overhead ratio that the in-memory costs imply:
// the library sends the same requests as the SDK's paginator and adds only
// its per-item path, which the in-memory runs measure far more precisely
// than two noisy wire runs can.
func (r *report) implied() {
	if r.stageSDKNs > 0 && r.inmemLibNs > 0 {
		r.note("stage overhead implied by the in-memory per-item costs: 1 + (%.1f − %.1f) / %.0f = %.4f",
			r.inmemLibNs, r.inmemSDKNs, r.stageSDKNs, 1+(r.inmemLibNs-r.inmemSDKNs)/r.stageSDKNs)
	}
}

func (r *report) add(f figure)                 { r.figures = append(r.figures, f) }
func (r *report) note(format string, a ...any) { r.notes = append(r.notes, fmt.Sprintf(format, a...)) }

// atMost and atLeast build a figure with a target.
func atMost(name string, v, target float64, detail string) figure {
	return figure{name: name, value: v, goal: "≤ " + trim(target), met: v <= target, detail: detail}
}

func atLeast(name string, v, target float64, detail string) figure {
	return figure{name: name, value: v, goal: "≥ " + trim(target), met: v >= target, detail: detail}
}

func trim(v float64) string { return fmt.Sprintf("%.4g", v) }

func (r *report) print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "figure\tmeasured\ttarget\tstatus\thow")
	for _, f := range r.figures {
		status := "met"
		if !f.met {
			status = "MISSED"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", f.name, format(f.value), f.goal, status, f.detail)
	}
	tw.Flush()
	if len(r.notes) > 0 {
		fmt.Fprintln(w, "\nalso measured:")
		for _, n := range r.notes {
			fmt.Fprintln(w, "  "+n)
		}
	}
	fmt.Fprintln(w)
	missed := 0
	for _, f := range r.figures {
		fmt.Fprintf(w, "%s=%s\n", f.name, format(f.value))
		if !f.met {
			missed++
		}
	}
	if missed > 0 {
		fmt.Fprintf(w, "\nMISSED %d of %d targets:", missed, len(r.figures))
		for _, f := range r.figures {
			if !f.met {
				fmt.Fprintf(w, " %s", f.name)
			}
		}
		fmt.Fprintln(w)
	} else {
		fmt.Fprintf(w, "\nall %d targets met\n", len(r.figures))
	}
}

func format(v float64) string {
	switch {
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return fmt.Sprintf("%d", int64(v))
	case math.Abs(v) >= 100:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.4f", v)
	}
}
