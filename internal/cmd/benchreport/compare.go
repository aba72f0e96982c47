package main

import (
	"fmt"
	"slices"

	"github.com/sessionkit/sessions/internal/bench"
)

// compare runs lib and sdk reps times, interleaved, after one warm-up run
// of each, checks that they saw the same items, and returns the samples.
func compare(reps int, lib, sdk func() (bench.Result, error)) (libs, sdks []bench.Sample, err error) {
	if _, _, err := bench.Interleave(1, lib, sdk); err != nil {
		return nil, nil, err
	}
	libs, sdks, err = bench.Interleave(reps, lib, sdk)
	if err != nil {
		return nil, nil, err
	}
	for i := range libs {
		if libs[i].Result != sdks[i].Result {
			return nil, nil, fmt.Errorf("library saw %+v, SDK %+v", libs[i].Result, sdks[i].Result)
		}
	}
	return libs, sdks, nil
}

func perItem(samples []bench.Sample, f func(bench.Sample) float64) float64 {
	xs := make([]float64, len(samples))
	for i, s := range samples {
		xs[i] = f(s)
	}
	return bench.Median(xs)
}

func spread(xs []float64) string {
	if len(xs) == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f–%.3f", slices.Min(xs), slices.Max(xs))
}

// repeat measures f reps times.
func repeat(reps int, f func() (bench.Result, error)) ([]bench.Sample, error) {
	var out []bench.Sample
	for range reps {
		s, err := bench.Measure(f)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func inverse(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = 1 / x
	}
	return out
}
