package main

// The stages of an account: "stage --all-stages" lists the stages of the
// --region values with ListStages, and several --stage-arn values may name
// stages of several regions; sessions.AccountSessions sends each request
// to the region of its stage's ARN.

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/sessionkit/sessions"
)

// allStagesOptions are the stage command's options for the stages of an
// account (ours).
var allStagesOptions = []option{
	{name: "all-stages", help: "List the sessions of every stage of the --region values (repeat --region for several; default: the configured region), found with ListStages", example: "--all-stages"},
	{name: "stage-name", arg: "PATTERN", help: "With --all-stages, only stages whose name matches PATTERN (wildcards * ? [a-z])", example: "--stage-name 'prod-*'"},
	{name: "stage-tag", arg: "KEY=VALUE", repeat: true, help: "With --all-stages, only stages that carry this tag; repeat it for several", example: "--stage-tag env=prod"},
}

// planAccount plans the listing of the stages of an account: a fan-out
// that sends each stage's requests to the region its ARN names. extra are
// the options of the stages' paginators.
func planAccount(ctx context.Context, r *request, c *clients, p pages[sessions.StageSession], common, extra []sessions.Option) (lister, error) {
	aq, err := accountQuery(ctx, r, c)
	if err != nil {
		return nil, err
	}
	found := &stagesFound{q: aq}
	aq.Stages.Where = found.count(aq.Stages.Where)
	p.fanout = func(opts []sessions.Option) (*sessions.Fanout[sessions.StageSession], error) {
		return sessions.AccountSessions(c.factory, aq, append(opts, extra...)...)
	}
	l, err := planPages(r, p, common)
	if err != nil || !r.allStages || r.token.raw != "" {
		// A resumed listing may not look for its stages again.
		return l, err
	}
	return &noStageNotice{lister: l, found: found}, nil
}

// accountQuery returns the account query of r, its sessions' query set and
// its regions the configured one if none is given: the cursor is bound to
// the regions, so they are needed before the listing starts.
func accountQuery(ctx context.Context, r *request, c *clients) (sessions.AccountQuery, error) {
	aq := *r.account
	aq.Sessions = r.stage
	aq.Stages.Where = r.out.names.record(aq.Stages.Where)
	if r.allStages && len(aq.Regions) == 0 {
		cfg, err := c.config(ctx)
		if err != nil {
			return aq, err
		}
		aq.Regions = []string{cfg.Region}
	}
	return aq, nil
}

// stagesFound counts the stages --all-stages finds in the regions.
type stagesFound struct {
	q sessions.AccountQuery
	n atomic.Int64
}

// count returns where, wrapped to count the stages it keeps. ListStages'
// filters ask it last, so it counts the stages that match every filter.
func (f *stagesFound) count(where func(sessions.Stage) bool) func(sessions.Stage) bool {
	return func(s sessions.Stage) bool {
		keep := where == nil || where(s)
		if keep {
			f.n.Add(1)
		}
		return keep
	}
}

// A noStageNotice says on stderr that --all-stages found no stage, which
// would otherwise be an empty result without a word.
type noStageNotice struct {
	lister
	found *stagesFound
}

func (l *noStageNotice) list(ctx context.Context, o *output) (string, []error) {
	resume, errs := l.lister.list(ctx, o)
	if len(errs) == 0 && ctx.Err() == nil && l.found.n.Load() == 0 {
		fmt.Fprintln(o.stderr, l.found.none())
	}
	return resume, errs
}

// none says that no stage was found.
func (f *stagesFound) none() string {
	regions := strings.Join(f.q.Regions, ", ")
	var filters []string
	if f.q.Stages.Name != "" {
		filters = append(filters, "--stage-name "+f.q.Stages.Name)
	}
	for _, k := range slices.Sorted(maps.Keys(f.q.Stages.Tags)) {
		filters = append(filters, "--stage-tag "+k+"="+f.q.Stages.Tags[k])
	}
	if len(filters) == 0 {
		return "ListStages found no stage in " + regions + ": there are no sessions to list."
	}
	return "No stage in " + regions + " matches " + strings.Join(filters, " and ") + ": there are no sessions to list."
}
