package awscli

// A Shape describes the response of a list operation to the formatters.
type Shape struct {
	// Operation is the operation's name, the table output's title.
	Operation string
	// ListKey is the member that holds the items, "stageSessions".
	ListKey string
	// TokenFirst tells that the model lists nextToken before ListKey.
	TokenFirst bool
	// SkeletonOutputError is the AWS CLI v2's validation error for
	// --generate-cli-skeleton output.
	SkeletonOutputError string
}

// Response returns one response as the service sent it: the items and the
// page's nextToken, if any, in the model's order.
func (s *Shape) Response(items []any, next string) Map {
	list := Member{s.ListKey, items}
	if next == "" {
		return Map{list}
	}
	tok := Member{"nextToken", next}
	if s.TokenFirst {
		return Map{tok, list}
	}
	return Map{list, tok}
}

// Full returns a paginated listing's merged result, as botocore's
// build_full_result makes it: every item, then the resume token under
// "NextToken" when the listing was cut.
func (s *Shape) Full(items []any, resume string) Map {
	m := Map{{s.ListKey, items}}
	if resume != "" {
		m = append(m, Member{"NextToken", resume})
	}
	return m
}
