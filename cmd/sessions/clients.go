package main

//lint:file-ignore SA1019 Nimble Studio is shut down and its final SDK release marks every API deprecated; the studio command lists its sessions.

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/nimble"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/stagearn"
)

// clients are the transports of a listing. A listing is planned, and so
// its command line checked by the library, before the AWS configuration
// is loaded, as the AWS CLI reports a bad parameter (252) before a missing
// region or credentials (253): the transports exist from the plan on,
// their clients from connect on. It is the only thing that waits for the
// configuration.
type clients struct {
	conn *connection
	env  env
	cfg  *aws.Config // loaded once
	// stage and studio are made by connect.
	stage  *ivsrealtime.Client
	studio *nimble.Client
	region sessions.ClientFactory
	// emptySessionIDs: ListStreamingSessions requests carry sessionIds=""
	// (see request.emptySessionIDs).
	emptySessionIDs bool
}

// config loads the AWS configuration once.
func (c *clients) config(ctx context.Context) (aws.Config, error) {
	if c.cfg != nil {
		return *c.cfg, nil
	}
	cfg, err := c.conn.config(ctx, c.env)
	if err != nil {
		return cfg, err
	}
	c.cfg = &cfg
	return cfg, nil
}

// connect loads the configuration and makes the clients of service
// ("ivs-realtime" or "nimble").
func (c *clients) connect(ctx context.Context, service string) error {
	cfg, err := c.config(ctx)
	if err != nil {
		return err
	}
	endpoint := c.conn.endpoint
	if service == "nimble" {
		c.studio = newStudioClient(cfg, endpoint)
		return nil
	}
	c.stage = stageClient(cfg, endpoint, c.conn.pace())
	c.region = sessions.ClientsFromConfig(cfg, sessions.IVSErrorMessages, c.conn.pace(), func(o *ivsrealtime.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
	})
	return nil
}

func (c *clients) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, optFns ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	return c.stage.ListStageSessions(ctx, in, optFns...)
}

func (c *clients) ListStreamingSessions(ctx context.Context, in *nimble.ListStreamingSessionsInput, optFns ...func(*nimble.Options)) (*nimble.ListStreamingSessionsOutput, error) {
	if c.emptySessionIDs && in.SessionIds == nil {
		cp := *in
		cp.SessionIds = aws.String("")
		in = &cp
	}
	return c.studio.ListStreamingSessions(ctx, in, optFns...)
}

// stageTransport returns the transport for the stage arn: byARN (the
// short spelling), the client of the region its ARN names, as for several
// stages, whatever the configured region; else the configured region's,
// as the AWS CLI asks it.
func (c *clients) stageTransport(byARN bool, arn string) sessions.StageTransport {
	if region := stagearn.Region(arn); byARN && region != "" {
		return &regionClient{c: c, region: region}
	}
	return c
}

// factory is the sessions.ClientFactory of a fan-out over an account: the
// transport of a region, its client made when first used.
func (c *clients) factory(region string) (sessions.RegionTransport, error) {
	return &regionClient{c: c, region: region}, nil
}

type regionClient struct {
	c      *clients
	region string
}

func (r *regionClient) ListStages(ctx context.Context, in *ivsrealtime.ListStagesInput, optFns ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStagesOutput, error) {
	t, err := r.c.region(r.region)
	if err != nil {
		return nil, err
	}
	return t.ListStages(ctx, in, optFns...)
}

func (r *regionClient) ListStageSessions(ctx context.Context, in *ivsrealtime.ListStageSessionsInput, optFns ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStageSessionsOutput, error) {
	t, err := r.c.region(r.region)
	if err != nil {
		return nil, err
	}
	return t.ListStageSessions(ctx, in, optFns...)
}
