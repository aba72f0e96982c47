// Package jmespath is github.com/jmespath/go-jmespath v0.4.0 (Apache 2.0,
// see LICENSE), the implementation of the original JMESPath specification,
// with two changes that make it give what the Python jmespath package, which
// the AWS CLI uses, gives:
//
//   - the ordering comparisons (<, <=, >, >=) also order two strings, so
//     that --query "stageSessions[?startTime > '2024-05-01']" keeps what the
//     AWS CLI keeps (the specification, and the released package, give null);
//   - [JMESPath.SearchKeyOrder] lets keys(), values(), merge() and the *
//     wildcard on an object follow the input's member order, as Python's
//     dictionaries do, instead of Go's map order, and hands it the key
//     order of each object a JSON literal writes.
//
// internal/awscli's tests compare it with the Python package.
package jmespath
