package fakesvc

import (
	"slices"
	"strings"

	"github.com/sessionkit/sessions/internal/stagearn"
)

// CheckStageSessions validates a ListStageSessions request and returns its
// page size. known reports whether the fake holds the stage, and region is
// the region the request was sent to ("" for any). A stage the fake does
// not hold, or one of another region, is not found; a malformed ARN is
// invalid unless the fake holds it anyway.
func CheckStageSessions(arn *string, maxResults *int32, token *string, known bool, region string) (int, *Error) {
	if arn == nil {
		return 0, Invalid("stageArn is required", "stageArn")
	}
	if !known && !stagearn.Valid(*arn) {
		return 0, Invalid("stageArn does not match pattern "+stagearn.Pattern.String(), "stageArn")
	}
	size, err := CheckMaxResults(maxResults)
	if err != nil {
		return 0, err
	}
	if token != nil {
		if err := CheckToken(*token); err != nil {
			return 0, err
		}
	}
	if !known || !InRegion(*arn, region) {
		return 0, NotFound("Stage not found: "+*arn, *arn)
	}
	return size, nil
}

// InRegion reports whether the stage arn belongs to region ("" is every
// region).
func InRegion(arn, region string) bool {
	return region == "" || stagearn.Region(arn) == region
}

// A Stage is one stage as ListStages describes it.
type Stage struct {
	ARN             string
	Name            string
	ActiveSessionID string
	Tags            map[string]string
}

// StageListing validates a ListStages request and returns the stages of
// region ("" for every region) among stages, in ARN order, and their
// listing. arn returns a stage's ARN.
func StageListing[T any](stages []T, arn func(T) string, region string, maxResults *int32, token *string) ([]T, Listing, *Error) {
	size, err := CheckMaxResults(maxResults)
	if err != nil {
		return nil, Listing{}, err
	}
	if token != nil {
		if err := CheckToken(*token); err != nil {
			return nil, Listing{}, err
		}
	}
	var in []T
	for _, st := range stages {
		if InRegion(arn(st), region) {
			in = append(in, st)
		}
	}
	slices.SortFunc(in, func(a, b T) int { return strings.Compare(arn(a), arn(b)) })
	return in, Listing{Binding: Binding(OpListStages, region), Len: len(in), Size: size}, nil
}
