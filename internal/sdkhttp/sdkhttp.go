// Package sdkhttp holds the one remedy for a race between smithy-go and
// net/http that makes the AWS SDK retry requests for no reason
// (aws/aws-sdk-go-v2#2737), for every SDK client the project makes.
//
// smithy-go wraps each request body in a reader whose WriteTo returns
// io.EOF once the SDK has closed it, and the SDK closes it as soon as the
// response headers arrive. After sending a fixed-length body, net/http
// reads the body once more to check for extra bytes; when the response
// wins that race (often over loopback: 0.5–1.5 % of requests, up to 10 %
// under load), the check fails with io.EOF, the transport closes the
// connection under the response being read, and the SDK reports "use of
// closed network connection" and retries after up to seconds of backoff.
// Read on a closed body returns a clean io.EOF, so hiding WriteTo avoids
// it.
package sdkhttp

import (
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// Client returns an HTTP client for the SDK that sends requests through c
// (the SDK's default client if c is nil) with the request body's WriteTo
// hidden.
func Client(c aws.HTTPClient) aws.HTTPClient {
	if c == nil {
		c = awshttp.NewBuildableClient()
	}
	if _, ok := c.(client); ok {
		return c
	}
	return client{c}
}

type client struct{ c aws.HTTPClient }

func (c client) Do(r *http.Request) (*http.Response, error) {
	if _, ok := r.Body.(io.WriterTo); ok && r.Body != http.NoBody {
		// A shallow copy: the request is the SDK's.
		r2 := *r
		r2.Body = readCloser{r.Body}
		r = &r2
	}
	return c.c.Do(r)
}

// readCloser exposes only Read and Close.
type readCloser struct{ io.ReadCloser }
