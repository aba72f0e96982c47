package main

import (
	"context"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/awscli"
)

// A botoLister pages as botocore's PageIterator does for the AWS CLI:
// --max-items cuts a page and the resume token records the page's request
// token and how many of its items were printed; a starting token's count
// drops as many items of the first page.
type botoLister[T any] struct {
	p      *sessions.Paginator[T]
	from   awscli.Token // --starting-token as botocore reads it
	capped bool
	max    int
	batch  func([]T, bool) batch
}

func (l *botoLister[T]) list(ctx context.Context, o *output) (string, []error) {
	reqTok := l.from.Next
	total := 0
	first := true
	for pg, err := range l.p.Pages(ctx) {
		if err != nil {
			tok := awscli.Token{Next: reqTok}
			if first && l.from.HasSkip {
				tok.Skip, tok.HasSkip = l.from.Skip, true
			}
			return tok.String(), []error{err}
		}
		items := pg.Items
		startSkip := 0
		if first {
			startSkip = min(max(l.from.Skip, 0), len(items))
			items = items[startSkip:]
		}
		first = false
		if l.capped && total+len(items) > l.max {
			keep := l.max - total
			cut := keep
			if cut < 0 {
				cut = max(len(items)+keep, 0) // Python's negative slice end
			}
			o.sink.page(l.batch(items[:cut], false), pg.NextToken)
			return awscli.Token{Next: reqTok, Skip: keep + startSkip, HasSkip: true}.String(), nil
		}
		o.sink.page(l.batch(items, false), pg.NextToken)
		o.w.Flush()
		total += len(items)
		if pg.NextToken == "" {
			return "", nil
		}
		if l.capped && total == l.max {
			return awscli.Token{Next: pg.NextToken}.String(), nil
		}
		reqTok = pg.NextToken
	}
	return "", nil
}
