package sessions

//lint:file-ignore SA1019 Nimble Studio is shut down and its final SDK release marks every API deprecated; pacing its listings on request is part of this package.

import (
	"context"
	"errors"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// ClientMaxRate returns an option for ivsrealtime.NewFromConfig (or
// [ClientsFromConfig]) that paces every request of the client, whatever
// the operation and whoever calls it, at perSecond requests a second for
// each region and operation, as [MaxRate] does for a listing; 0 turns
// pacing off for the client, so that its listings are not paced unless they
// pass MaxRate themselves. A value that is not a positive number turns
// pacing off too. Use it to share the quota with your own calls, or to
// switch pacing off for a client that talks to a local endpoint:
//
//	client := ivsrealtime.NewFromConfig(cfg, sessions.ClientMaxRate(0))
func ClientMaxRate(perSecond float64) func(*ivsrealtime.Options) {
	install := paceInstaller(perSecond, true)
	return func(o *ivsrealtime.Options) { o.APIOptions = append(o.APIOptions, install) }
}

// paceID names the pacing middleware in a client's stack.
const paceID = "sessions.Pace"

// paceInstaller returns a stack option that adds the pacing middleware at
// rate; a client's own (from ClientMaxRate) is kept unless override.
func paceInstaller(rate float64, override bool) func(*middleware.Stack) error {
	m := &paceMiddleware{rate: rate}
	if !(rate > 0) { // also NaN
		m.rate = 0
	}
	return func(s *middleware.Stack) error {
		if _, ok := s.Finalize.Get(paceID); ok {
			if override {
				_, err := s.Finalize.Swap(paceID, m)
				return err
			}
			return nil
		}
		// After the retry middleware, so that every attempt is paced;
		// before signing, so that each is signed when it leaves.
		if err := s.Finalize.Insert(m, "Retry", middleware.After); err != nil {
			return s.Finalize.Add(m, middleware.Before)
		}
		return nil
	}
}

// paceMiddleware paces the attempts of an SDK client: each waits for its
// slot in the bucket of its region and operation, and a throttled attempt
// is sent again after the next slot instead of reaching the retryer.
type paceMiddleware struct{ rate float64 }

func (*paceMiddleware) ID() string { return paceID }

func (m *paceMiddleware) HandleFinalize(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
	if m.rate == 0 {
		return next.HandleFinalize(ctx, in)
	}
	type result struct {
		out middleware.FinalizeOutput
		md  middleware.Metadata
	}
	req, _ := in.Request.(*smithyhttp.Request)
	sends := 0
	r, err := paced(ctx, bucketFor(awsmiddleware.GetRegion(ctx), awsmiddleware.GetOperationName(ctx)), m.rate, func(ctx context.Context) (result, error) {
		attempt := in
		if sends++; sends > 1 && req != nil {
			// As the retry middleware does: a fresh copy of the request,
			// its body rewound.
			c := req.Clone()
			if err := c.RewindStream(); err != nil {
				return result{}, err
			}
			attempt.Request = c
		}
		out, md, err := next.HandleFinalize(ctx, attempt)
		return result{out, md}, err
	})
	return r.out, r.md, err
}

// paced sends a request at rate through b; a throttled request slows b down
// and is sent again in its next slot, for as long as ctx lives.
func paced[O any](ctx context.Context, b *bucket, rate float64, send func(context.Context) (O, error)) (O, error) {
	for {
		sent, err := b.wait(ctx, rate)
		if err != nil {
			var zero O
			return zero, err
		}
		out, err := send(ctx)
		if err != nil && ctx.Err() == nil && isThrottle(err) {
			b.throttled(sent)
			continue
		}
		b.done()
		return out, err
	}
}

// isThrottle reports whether err says the service throttled the request:
// one of the SDK's throttling codes, or HTTP 429.
func isThrottle(err error) bool {
	for _, t := range retry.DefaultThrottles {
		if t.IsErrorThrottle(err) == aws.TrueTernary {
			return true
		}
	}
	var re *awshttp.ResponseError
	return errors.As(err, &re) && re.HTTPStatusCode() == http.StatusTooManyRequests
}

// pacing is how a paginator paces its requests, fixed when it is built.
type pacing struct {
	// rate > 0 paces the calls to a transport that is not an SDK client,
	// in the library, through bucket.
	rate   float64
	bucket *bucket
	// ivs and nimble are passed to every call: they pace an SDK client
	// (and a transport that hands its optFns on to one) in its stack.
	ivs    []func(*ivsrealtime.Options)
	nimble []func(*nimble.Options)
}

// ivsPacing returns the pacing of an IVS listing of op through t, for
// region. Left out, MaxRate is DefaultMaxRate for SDK clients that do not
// set their own, and off for other transports.
func ivsPacing(t any, set paceSetting, region, op string) pacing {
	if _, sdk := t.(*ivsrealtime.Client); set.set && !sdk {
		return localPacing(set.rate, region, op)
	}
	rate, override := DefaultMaxRate, false
	if set.set {
		rate, override = set.rate, true
	}
	install := paceInstaller(rate, override)
	return pacing{ivs: []func(*ivsrealtime.Options){func(o *ivsrealtime.Options) { o.APIOptions = append(o.APIOptions, install) }}}
}

// nimblePacing returns the pacing of a Nimble listing: none unless MaxRate
// asks for it, Nimble's quota being unknown.
func nimblePacing(t any, set paceSetting) pacing {
	if !set.set {
		return pacing{}
	}
	if _, sdk := t.(*nimble.Client); !sdk {
		return localPacing(set.rate, "", "ListStreamingSessions")
	}
	install := paceInstaller(set.rate, true)
	return pacing{nimble: []func(*nimble.Options){func(o *nimble.Options) { o.APIOptions = append(o.APIOptions, install) }}}
}

func localPacing(rate float64, region, op string) pacing {
	if rate == 0 {
		return pacing{}
	}
	return pacing{rate: rate, bucket: bucketFor(region, op)}
}

// call sends a request through send, paced if the pacing is the library's.
func call[O any](ctx context.Context, pc *pacing, send func(context.Context) (O, error)) (O, error) {
	if pc.rate == 0 {
		return send(ctx)
	}
	return paced(ctx, pc.bucket, pc.rate, send)
}
