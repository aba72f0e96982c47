package main

import (
	"context"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/awscli"
)

// botoPages pages as botocore's PageIterator does for the AWS CLI:
// --max-items cuts a page and the resume token records the page's request
// token and how many of its items were printed; a starting token's count
// drops as many items of the first page.
func (l *listing[T]) botoPages(ctx context.Context, p *sessions.Paginator[T], from awscli.Token, capped bool, max int, out sink, w *syncWriter) (string, error) {
	reqTok := from.Next
	total := 0
	first := true
	for pg, err := range p.Pages(ctx) {
		if err != nil {
			tok := awscli.Token{Next: reqTok}
			if first && from.HasSkip {
				tok.Skip, tok.HasSkip = from.Skip, true
			}
			return tok.String(), err
		}
		items := pg.Items
		startSkip := 0
		if first {
			startSkip = min(max0(from.Skip), len(items))
			items = items[startSkip:]
		}
		first = false
		if capped && total+len(items) > max {
			keep := max - total
			cut := keep
			if cut < 0 {
				cut = max0(len(items) + keep) // Python's negative slice end
			}
			out.page(l.records(items[:cut], false), pg.NextToken)
			return awscli.Token{Next: reqTok, Skip: keep + startSkip, HasSkip: true}.String(), nil
		}
		out.page(l.records(items, false), pg.NextToken)
		w.Flush()
		total += len(items)
		if pg.NextToken == "" {
			return "", nil
		}
		if capped && total == max {
			return awscli.Token{Next: pg.NextToken}.String(), nil
		}
		reqTok = pg.NextToken
	}
	return "", nil
}

func max0(n int) int { return max(n, 0) }
