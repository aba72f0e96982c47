package main

// The names of the stages in the picture outputs. A lane is named by its
// stage's name and region, which only ListStages tells: --all-stages sees
// every stage it lists as ListStages describes it; for stages named by
// --stage-arn (or carried by a NextToken), the picture asks ListStages
// once per region of those stages, after the listing, and only for
// --output svg, html and summary. Without the names (ListStages refused),
// lanes keep the resource part of their ARN and the picture says why.

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/stagearn"
)

// stageNames collects the stages a listing saw, and finds the others.
type stageNames struct {
	mu   sync.Mutex
	seen map[string]sessions.Stage
	// listed are the stages --all-stages found and kept, idle or not.
	listed []string
	// find lists the stages of a region; nil for a studio listing.
	find func(region string) ([]sessions.Stage, error)
}

// watchStageNames makes n, the stage names of a picture output (nil for
// the other outputs), find the stages of a region with ListStages through
// the clients of the listing.
func watchStageNames(ctx context.Context, n *stageNames, c *clients) {
	if n == nil {
		return
	}
	n.find = func(region string) ([]sessions.Stage, error) {
		t, err := c.factory(region)
		if err != nil {
			return nil, err
		}
		p, err := sessions.Stages(t, sessions.StageFilter{})
		if err != nil {
			return nil, err
		}
		return sessions.Collect(p.All(ctx))
	}
}

// record returns where, wrapped to record every stage it is asked about.
// It is safe for concurrent use, as a stage filter must be.
func (n *stageNames) record(where func(sessions.Stage) bool) func(sessions.Stage) bool {
	if n == nil {
		return where
	}
	return func(s sessions.Stage) bool {
		keep := where == nil || where(s)
		n.mu.Lock()
		n.seen[s.ARN] = s
		if keep && !slices.Contains(n.listed, s.ARN) {
			n.listed = append(n.listed, s.ARN)
		}
		n.mu.Unlock()
		return keep
	}
}

// stages returns the stages of arns, and of those --all-stages listed, as
// ListStages describes them: those seen, and those of one ListStages per
// region of the others; a stage it cannot find has only its ARN. The
// error says what could not be found.
func (n *stageNames) stages(arns []string) ([]sessions.Stage, error) {
	if n == nil {
		return nil, nil
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, arn := range n.listed {
		if !slices.Contains(arns, arn) {
			arns = append(arns, arn)
		}
	}
	var regions []string
	for _, arn := range arns {
		if _, ok := n.seen[arn]; !ok && stagearn.Region(arn) != "" && !slices.Contains(regions, stagearn.Region(arn)) {
			regions = append(regions, stagearn.Region(arn))
		}
	}
	var err error
	for _, r := range regions {
		if n.find == nil {
			break
		}
		found, ferr := n.find(r)
		for _, s := range found {
			n.seen[s.ARN] = s
		}
		if ferr != nil && err == nil {
			err = fmt.Errorf("stage names of %s unknown: %w", r, ferr)
		}
	}
	out := make([]sessions.Stage, 0, len(arns))
	for _, arn := range arns {
		s, ok := n.seen[arn]
		if !ok {
			s = sessions.Stage{ARN: arn}
		}
		out = append(out, s)
	}
	return out, err
}
