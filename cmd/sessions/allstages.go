package main

// The stages of an account: "stage --all-stages" lists the stages of the
// --region values with ListStages, and several --stage-arn values may name
// stages of several regions; sessions.AccountSessions sends each request
// to the region of its stage's ARN.

import (
	"context"

	"github.com/sessionkit/sessions"
)

// allStagesOptions are the stage command's options for the stages of an
// account (ours).
var allStagesOptions = []option{
	{name: "all-stages", help: "List the sessions of every stage of the --region values (repeat --region for several; default: the configured region), found with ListStages", example: "--all-stages"},
	{name: "stage-name", arg: "PATTERN", help: "With --all-stages, only stages whose name matches PATTERN (wildcards * ? [a-z])", example: "--stage-name 'prod-*'"},
	{name: "stage-tag", arg: "KEY=VALUE", repeat: true, help: "With --all-stages, only stages that carry this tag; repeat it for several", example: "--stage-tag env=prod"},
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
