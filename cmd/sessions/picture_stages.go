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
		n.mu.Lock()
		n.seen[s.ARN] = s
		n.mu.Unlock()
		return where == nil || where(s)
	}
}

// stages returns the stages of arns as ListStages describes them: those
// seen, and those of one ListStages per region of the others. The error
// says what could not be found; the stages found are returned anyway.
func (n *stageNames) stages(arns []string) ([]sessions.Stage, error) {
	if n == nil {
		return nil, nil
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	var regions []string
	for _, arn := range arns {
		if _, ok := n.seen[arn]; !ok && !slices.Contains(regions, stagearn.Region(arn)) {
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
		if s, ok := n.seen[arn]; ok {
			out = append(out, s)
		}
	}
	return out, err
}
