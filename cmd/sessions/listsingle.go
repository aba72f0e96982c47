package main

import "context"

// A singleLister makes the AWS CLI's single request (--no-paginate,
// --next-token, --max-results) and returns the response's sessions and
// nextToken, printed as the service's response.
type singleLister func(ctx context.Context) (batch, string, error)

func (f singleLister) list(ctx context.Context, o *output) (string, []error) {
	b, next, err := f(ctx)
	if err != nil {
		return "", []error{err}
	}
	o.sink.page(b, next)
	return "", nil
}
