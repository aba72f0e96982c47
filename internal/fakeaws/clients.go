//lint:file-ignore SA1019 the Nimble SDK is deprecated as a whole; this package exists to test it.

package fakeaws

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/nimble"

	"github.com/sessionkit/sessions"
)

// Region is the region the clients sign for; the server accepts any.
const Region = "us-west-2"

// Credentials returns static credentials for signing requests to a Server.
// The server checks only that requests are signed for the right service,
// not the signature itself.
func Credentials() aws.CredentialsProvider {
	return aws.NewCredentialsCache(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKIDFAKEAWS", SecretAccessKey: "fakeaws-secret", Source: "fakeaws"}, nil
	}))
}

// NewRetryer returns the SDK's standard retryer (3 attempts, same retryable
// errors) without the waits: no backoff between attempts and no retry quota,
// so tests of throttling absorbed by retries run fast and a long run of
// faults cannot drain the quota and change what later requests see.
func NewRetryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
		o.RateLimiter = ratelimit.None
	})
}

// HTTPClient returns the HTTP client that the server's SDK clients share,
// with the project's remedy for aws-sdk-go-v2#2737 (package sdkhttp). Its
// idle connections are closed by [Server.Close].
func (s *Server) HTTPClient() aws.HTTPClient { return s.client }

// StageClient returns an IVS Real-Time client that talks to the server:
// Region us-west-2, BaseEndpoint s.URL, static [Credentials], the shared
// [Server.HTTPClient], [NewRetryer] and [sessions.ClientMaxRate] at the
// server's quota (off without one, see [WithQuota]). optFns run last and may override
// any of it; to turn retries off, pass
//
//	func(o *ivsrealtime.Options) { o.RetryMaxAttempts = 1 }
//
// which the SDK applies on top of the retryer.
func (s *Server) StageClient(optFns ...func(*ivsrealtime.Options)) *ivsrealtime.Client {
	return ivsrealtime.New(ivsrealtime.Options{
		Region:       Region,
		BaseEndpoint: aws.String(s.URL),
		Credentials:  Credentials(),
		HTTPClient:   s.client,
		Retryer:      NewRetryer(),
	}, append([]func(*ivsrealtime.Options){sessions.ClientMaxRate(s.clientRate())}, optFns...)...)
}

// StudioClient returns a Nimble client that talks to the server, configured
// like [Server.StageClient]; pass
//
//	func(o *nimble.Options) { o.RetryMaxAttempts = 1 }
//
// to turn retries off.
func (s *Server) StudioClient(optFns ...func(*nimble.Options)) *nimble.Client {
	return nimble.New(nimble.Options{
		Region:       Region,
		BaseEndpoint: aws.String(s.URL),
		Credentials:  Credentials(),
		HTTPClient:   s.client,
		Retryer:      NewRetryer(),
	}, optFns...)
}
