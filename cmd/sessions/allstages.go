package main

// The stages of an account: "stage --all-stages" lists the stages of the
// --region values with ListStages, and several --stage-arn values may name
// stages of several regions; sessions.AccountSessions sends each request
// to the region of its stage's ARN.

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions"
)

// allStagesOptions are the stage command's options for the stages of an
// account (ours).
var allStagesOptions = []option{
	{name: "all-stages", help: "List the sessions of every stage of the --region values (repeat --region for several; default: the configured region), found with ListStages", example: "--all-stages"},
	{name: "stage-name", arg: "PATTERN", help: "With --all-stages, only stages whose name matches PATTERN (wildcards * ? [a-z])", example: "--stage-name 'prod-*'"},
	{name: "stage-tag", arg: "KEY=VALUE", repeat: true, help: "With --all-stages, only stages that carry this tag; repeat it for several", example: "--stage-tag env=prod"},
}

// stageAccount makes l list the stages of an account when the command line
// asks for --all-stages or names several stages: it sets l.fanout, and
// returns the connect function that makes its clients ready.
func stageAccount(ctx context.Context, inv *invocation, l *listing[sessions.StageSession], q sessions.StageQuery, extra []sessions.Option) (connect func(aws.Config), err error) {
	a := &inv.args
	all := a.has("all-stages")
	if !all && (a.has("stage-name") || a.has("stage-tag")) {
		return nil, paramf("--stage-name and --stage-tag choose among the stages --all-stages finds: pass --all-stages")
	}
	if !all && len(l.parents) < 2 {
		return nil, nil
	}
	aq := sessions.AccountQuery{StageARNs: l.parents, Sessions: q}
	if all {
		aq.Regions = a.list("region")
		if len(aq.Regions) == 0 {
			// The configured region: the cursor is bound to the regions.
			cfg, err := inv.conn.config(ctx, inv.env)
			if err != nil {
				return nil, err
			}
			aq.Regions = []string{cfg.Region}
		}
		aq.Stages.Name = a.str("stage-name")
		aq.Stages.Where = inv.out.names.record(aq.Stages.Where)
		for _, kv := range a.list("stage-tag") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok || k == "" {
				return nil, paramf("--stage-tag %q: must be KEY=VALUE", kv)
			}
			if aq.Stages.Tags == nil {
				aq.Stages.Tags = map[string]string{}
			}
			aq.Stages.Tags[k] = v
		}
	}
	clients := &lazyClients{}
	l.discover = all
	l.fanout = func(opts []sessions.Option) (*sessions.Fanout[sessions.StageSession], error) {
		return sessions.AccountSessions(clients.factory, aq, append(opts, extra...)...)
	}
	return func(cfg aws.Config) {
		clients.f = sessions.ClientsFromConfig(cfg, sessions.IVSErrorMessages, inv.conn.pace(), func(o *ivsrealtime.Options) {
			if inv.conn.endpoint != "" {
				o.BaseEndpoint = aws.String(inv.conn.endpoint)
			}
		})
	}, nil
}

// lazyClients is a sessions.ClientFactory whose clients are made once the
// AWS configuration is loaded, after the input was checked.
type lazyClients struct {
	f sessions.ClientFactory
}

func (c *lazyClients) factory(region string) (sessions.RegionTransport, error) {
	return &lazyRegion{c: c, region: region}, nil
}

type lazyRegion struct {
	c      *lazyClients
	region string
}

func (r *lazyRegion) client() (sessions.RegionTransport, error) { return r.c.f(r.region) }

func (r *lazyRegion) ListStages(ctx context.Context, in *ivsrealtime.ListStagesInput, optFns ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStagesOutput, error) {
	t, err := r.client()
	if err != nil {
		return nil, err
	}
	return t.ListStages(ctx, in, optFns...)
}

func (r *lazyRegion) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, optFns ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	t, err := r.client()
	if err != nil {
		return nil, err
	}
	return t.ListStageSessions(ctx, in, optFns...)
}

// fanoutOptions maps the fields of a fan-out's *sessions.InputError to
// the options that set them; libraryInputError knows the others.
var fanoutOptions = []struct{ field, option string }{
	{"AccountQuery.StageARNs", "--stage-arn"},
	{"AccountQuery.Regions", "--region"},
	{"AccountQuery.Stages.Name", "--stage-name"},
	{"AccountQuery.Sessions.Status", "--active/--ended"},
	{"AccountQuery.Sessions.StartedBefore", "--started-before"},
	{"AccountQuery.Sessions.StartedAfter", "--started-after"},
	{"Concurrency", "--concurrency"},
	{"parents", "--studio-id"},
}

// fanoutParamError is libraryInputError for the errors of a fan-out's
// constructor.
func fanoutParamError(err error) error {
	var ie *sessions.InputError
	if errors.As(err, &ie) {
		for _, m := range fanoutOptions {
			if ie.Field == m.field || strings.HasPrefix(ie.Field, m.field+"[") {
				ie.Field = m.option
				break
			}
		}
		ie.Reason = strings.ReplaceAll(ie.Reason, "a cursor from Fanout.Cursor", "a NextToken printed by sessions for the same stages or studios")
	}
	return libraryInputError(err)
}
