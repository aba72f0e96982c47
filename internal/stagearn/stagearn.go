// Package stagearn holds the one definition of an IVS Real-Time stage ARN
// that the library and its fakes share.
package stagearn

import (
	"regexp"
	"strings"
)

// MaxLen is the longest stage ARN the service accepts.
const MaxLen = 128

// Pattern is the form of a stage ARN, as the IVS Real-Time API reference
// documents it.
var Pattern = regexp.MustCompile(`^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$`)

// Valid reports whether s is a stage ARN of 1 to [MaxLen] characters that
// matches [Pattern].
func Valid(s string) bool {
	return s != "" && len(s) <= MaxLen && Pattern.MatchString(s)
}

// Region returns the region field of an ARN ("us-west-2" in
// "arn:aws:ivs:us-west-2:111122223333:stage/AbCd"), or "" if s has none.
func Region(s string) string {
	parts := strings.SplitN(s, ":", 5)
	if len(parts) < 5 || parts[0] != "arn" {
		return ""
	}
	return parts[3]
}
