package main

import (
	"slices"
	"strings"
)

// pagingConflict returns the AWS CLI's error for paginator options given
// with a single request.
func pagingConflict(a *args) error {
	var used []string
	for _, n := range []string{"starting-token", "page-size", "max-items"} {
		if a.has(n) {
			used = append(used, "--"+n)
		}
	}
	if len(used) == 0 {
		return nil
	}
	return paramf("Cannot specify --no-paginate along with pagination arguments: %s", strings.Join(used, ", "))
}

// parentsOf returns the parents a command line names: for the AWS CLI's
// single request the last one given, as the AWS CLI takes it; otherwise
// each once, in the order given.
func parentsOf(vals []string, single bool) []string {
	if single && len(vals) > 0 {
		return vals[len(vals)-1:]
	}
	var out []string
	for _, v := range vals {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
