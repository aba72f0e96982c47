package sessions

import (
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
)

// A RegionTransport is what listing the stages of a region and their
// sessions takes; *ivsrealtime.Client satisfies it, and so does
// sessionstest's fake.
type RegionTransport interface {
	StageTransport
	StageListTransport
}

// A ClientFactory returns the transport of a region (e.g. "us-west-2"), for
// a fan-out that sends each request to the region named in the stage's ARN.
// [AccountSessions] calls it once per region, on one goroutine at a time.
type ClientFactory func(region string) (RegionTransport, error)

// ClientsFromConfig returns a [ClientFactory] that builds an
// *ivsrealtime.Client for each region from cfg, with the region replaced
// and optFns applied last, and returns the same client for a region on
// every call. It is safe for concurrent use.
//
// The clients' requests are paced under IVS's quota like those of every
// *ivsrealtime.Client (see [MaxRate]); pass [ClientMaxRate] among optFns
// to choose the rate. Unless cfg sets a retryer or a retry mode
// (AWS_RETRY_MODE, retry_mode in the shared config), the clients use the
// SDK's adaptive retry mode, one per region, for what pacing leaves to the
// retryer (throttling with pacing switched off, 5xx). Set cfg.Retryer, or
// the Retryer in optFns, to choose otherwise.
func ClientsFromConfig(cfg aws.Config, optFns ...func(*ivsrealtime.Options)) ClientFactory {
	var mu sync.Mutex
	clients := map[string]*ivsrealtime.Client{}
	return func(region string) (RegionTransport, error) {
		mu.Lock()
		defer mu.Unlock()
		if c, ok := clients[region]; ok {
			return c, nil
		}
		fns := append([]func(*ivsrealtime.Options){func(o *ivsrealtime.Options) {
			o.Region = region
			if cfg.Retryer == nil && cfg.RetryMode == "" {
				o.Retryer = retry.NewAdaptiveMode()
			}
		}}, optFns...)
		c := ivsrealtime.NewFromConfig(cfg, fns...)
		clients[region] = c
		return c, nil
	}
}
