// Package jmespath is github.com/jmespath/go-jmespath v0.4.0 (Apache 2.0,
// see LICENSE), the implementation of the original JMESPath specification,
// with one change: the ordering comparisons (<, <=, >, >=) also order two
// strings, as the Python jmespath package that the AWS CLI uses does, so
// that --query "stageSessions[?startTime > '2024-05-01']" keeps what the
// AWS CLI keeps. The specification, and the released package, give null
// there. internal/awscli's tests compare it with the Python package.
package jmespath
