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

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/stagearn"
)

// stageNames collects the stages a listing saw, and finds the others.
type stageNames struct {
	mu   sync.Mutex
	seen map[string]sessions.Stage
	// listed are the stages --all-stages found and kept, idle or not.
	listed []string
	// find lists the stages of a region; nil until the listing connects.
	find func(region string) ([]sessions.Stage, error)
}

// watchStageNames makes l's connect prepare the lookup of the stages'
// names, for the picture outputs (whose outputSpec has names); for the
// others it does nothing. --all-stages records the stages it finds
// through record.
func watchStageNames(ctx context.Context, inv *invocation, l *listing[sessions.StageSession]) {
	n := inv.out.names
	if n == nil {
		return
	}
	connect := l.connect
	l.connect = func(cfg aws.Config) {
		connect(cfg)
		clients := sessions.ClientsFromConfig(cfg, sessions.IVSErrorMessages, func(o *ivsrealtime.Options) {
			if inv.conn.endpoint != "" {
				o.BaseEndpoint = aws.String(inv.conn.endpoint)
			}
		})
		n.find = func(region string) ([]sessions.Stage, error) {
			t, err := clients(region)
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
