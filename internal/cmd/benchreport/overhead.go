package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/sessionkit/sessions/internal/bench"
	"github.com/sessionkit/sessions/internal/fakeaws"
)

func overhead(ctx context.Context, cfg config, r *report) error {
	const stageItems, studioItems, pageSize = 100_000, 20_000, 100
	arn := bench.StageARN(0)
	srv := fakeaws.New(
		fakeaws.WithStage(arn, fakeaws.GenStageSessions(stageItems, 1)),
		fakeaws.WithStudio(bench.StudioID, fakeaws.GenStreamingSessions(studioItems, 1)))
	defer srv.Close()
	stage, studio := srv.StageClient(), srv.StudioClient()

	libs, sdks, err := compare(cfg.reps,
		func() (bench.Result, error) { return bench.StageLibrary(ctx, stage, arn, pageSize, nil) },
		func() (bench.Result, error) { return bench.StageSDK(ctx, stage, arn, pageSize, nil) })
	if err != nil {
		return err
	}
	ratios := bench.Ratios(libs, sdks)
	sdkNs, libNs := perItem(sdks, bench.Sample.NsPerItem), perItem(libs, bench.Sample.NsPerItem)
	r.add(atMost("stage_overhead_ratio", bench.Median(ratios), 1.03, fmt.Sprintf(
		"median of %d paired runs (range %s; ratio of minimums %.3f); %d sessions, page size %d; SDK %.0f ns/item, library %.0f ns/item",
		len(ratios), spread(ratios), minRatio(libs, sdks), stageItems, pageSize, sdkNs, libNs)))
	r.note("stage overhead in process CPU time (client and fake server): %s", cpuRatio(libs, sdks))
	sdkAllocs, libAllocs := perItem(sdks, bench.Sample.AllocsPerItem), perItem(libs, bench.Sample.AllocsPerItem)
	stageExtra := libAllocs - sdkAllocs
	r.stageSDKNs = sdkNs

	libs, sdks, err = compare(cfg.reps,
		func() (bench.Result, error) { return bench.StudioLibrary(ctx, studio, bench.StudioID) },
		func() (bench.Result, error) { return bench.StudioSDK(ctx, studio, bench.StudioID) })
	if err != nil {
		return err
	}
	ratios = bench.Ratios(libs, sdks)
	sdkNs, libNs = perItem(sdks, bench.Sample.NsPerItem), perItem(libs, bench.Sample.NsPerItem)
	r.add(atMost("studio_overhead_ratio", bench.Median(ratios), 1.03, fmt.Sprintf(
		"median of %d paired runs (range %s; ratio of minimums %.3f); %d streaming sessions, server page size %d; SDK %.0f ns/item, library %.0f ns/item",
		len(ratios), spread(ratios), minRatio(libs, sdks), studioItems, fakeaws.DefaultStudioPageSize, sdkNs, libNs)))
	r.note("studio overhead in process CPU time (client and fake server): %s", cpuRatio(libs, sdks))
	studioSDKAllocs, studioLibAllocs := perItem(sdks, bench.Sample.AllocsPerItem), perItem(libs, bench.Sample.AllocsPerItem)
	studioExtra := studioLibAllocs - studioSDKAllocs

	r.add(atMost("extra_allocs_per_item", max(stageExtra, studioExtra), 0.05, fmt.Sprintf(
		"max of stage %+.4f (SDK %.3f, library %.3f allocs/item) and studio %+.4f (SDK %.3f, library %.3f); medians, process-wide incl. the fake server",
		stageExtra, sdkAllocs, libAllocs, studioExtra, studioSDKAllocs, studioLibAllocs)))
	return nil
}

// cpuRatio describes library / SDK process CPU time per paired run: less
// sensitive than wall time to other jobs on a shared machine.
func cpuRatio(libs, sdks []bench.Sample) string {
	l, s := bench.CPUs(libs), bench.CPUs(sdks)
	if slices.Min(s) == 0 {
		return "not measurable here"
	}
	ratios := make([]float64, len(l))
	for i := range l {
		ratios[i] = l[i] / s[i]
	}
	return fmt.Sprintf("median %.3f (range %s) over %d paired runs", bench.Median(ratios), spread(ratios), len(ratios))
}

func minRatio(libs, sdks []bench.Sample) float64 {
	return slices.Min(bench.Walls(libs)) / slices.Min(bench.Walls(sdks))
}

func inMemory(ctx context.Context, cfg config, r *report) error {
	const items, pageSize = 100_000, 100
	mem := bench.NewMemStage(items, pageSize, 1)
	arn := bench.StageARN(0)
	reps := 4 * cfg.reps // a run takes about a millisecond
	libs, sdks, err := compare(reps,
		func() (bench.Result, error) { return bench.StageLibrary(ctx, mem, arn, pageSize, nil) },
		func() (bench.Result, error) { return bench.StageSDK(ctx, mem, arn, pageSize, nil) })
	if err != nil {
		return err
	}
	// The fastest run is the one least disturbed by other processes.
	libNs := slices.Min(bench.Walls(libs)) * 1e9 / items
	sdkNs := slices.Min(bench.Walls(sdks)) * 1e9 / items
	r.inmemLibNs, r.inmemSDKNs = libNs, sdkNs
	r.add(atMost("inmem_ns_per_item", libNs, 25, fmt.Sprintf(
		"fastest of %d runs of %d prebuilt items, page size %d (median %.1f); the SDK paginator over the same pages: %.1f ns/item",
		reps, items, pageSize, perItem(libs, bench.Sample.NsPerItem), sdkNs)))
	r.add(atMost("inmem_allocs_per_item", perItem(libs, bench.Sample.AllocsPerItem), 0.02, fmt.Sprintf(
		"median; the SDK paginator over the same pages: %.4f", perItem(sdks, bench.Sample.AllocsPerItem))))

	// Merge hands every item from a paginator's goroutine to the caller
	// through a channel; over memory that handoff is all there is.
	const stages, limit = 16, 16
	small := bench.NewMemStage(items/stages, pageSize, 1)
	var arns []string
	for i := range stages {
		arns = append(arns, bench.StageARN(i))
	}
	merged, err := repeat(cfg.reps, func() (bench.Result, error) { return bench.MergeLibrary(ctx, small, arns, pageSize, limit) })
	if err != nil {
		return err
	}
	r.note("in memory, Merge of %d paginators, limit %d: %.0f ns/item (fastest of %d runs; the channel handoff per item), against %.1f ns/item for one paginator",
		stages, limit, slices.Min(bench.Walls(merged))*1e9/items, len(merged), libNs)
	return nil
}
