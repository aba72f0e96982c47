package main

import (
	"context"
	"strings"
	"testing"
)

// TestAbbreviationErrors: an abbreviation that matches several options is
// argparse's error, listing the matches of the AWS CLI's parser that saw
// it, in that parser's order; ours join only when none of the AWS CLI's
// options match.
func TestAbbreviationErrors(t *testing.T) {
	for _, c := range []struct {
		args, want string
	}{
		{"nimble list-streaming-sessions --studio-id x --s y", "ambiguous option: --s could match --session-ids, --studio-id, --starting-token"},
		{"nimble list-streaming-sessions --studio-id x --st y", "ambiguous option: --st could match --studio-id, --starting-token"},
		{"ivs-realtime list-stage-sessions --stage-arn x --cli-i y", "ambiguous option: --cli-i could match --cli-input-json, --cli-input-yaml"},
		{"ivs-realtime list-stage-sessions --stage-arn x --c=on", "ambiguous option: --c=on could match --color, --ca-bundle, --cli-read-timeout, --cli-connect-timeout, --cli-binary-format, --cli-auto-prompt"},
		{"--n stage --stage-arn x", "ambiguous option: --n could match --no-verify-ssl, --no-paginate, --no-sign-request, --no-cli-pager, --no-cli-auto-prompt"},
		{"studio --studio-id x --starte 2024-01-01T00:00:00Z", "ambiguous option: --starte could match --started-after, --started-before"},
	} {
		t.Run(c.args, func(t *testing.T) {
			r := runIn(t, context.Background(), nil, strings.Fields(c.args)...)
			if r.code != exitUsage || !strings.Contains(r.stderr, "sessions: error: "+c.want+"\n") {
				t.Errorf("exit status %d, stderr:\n%s\nwant %d and %q", r.code, r.stderr, exitUsage, c.want)
			}
		})
	}
}

// TestAbbreviationsResolve: a unique prefix stands for its option, the
// AWS CLI's before ours.
func TestAbbreviationsResolve(t *testing.T) {
	for _, c := range []struct {
		words     []string
		operation string
		want      string
	}{
		{[]string{"--out"}, "", "output"},
		{[]string{"--o"}, "list-streaming-sessions", "output"},
		{[]string{"--ow"}, "list-streaming-sessions", "owned-by"},
		{[]string{"--ma"}, "list-stage-sessions", "max-results"},
		{[]string{"--ma"}, "list-streaming-sessions", "max-items"},
		{[]string{"--sta"}, "list-streaming-sessions", "starting-token"},
		{[]string{"--conc"}, "", "concurrency"},
		{[]string{"--bogus"}, "", ""},
	} {
		opts := append(append(append([]option{}, studioCommand.options...), inputOptions...), globalOptions...)
		got, err := abbreviation(c.words[0], abbreviationTiers(opts, c.operation))
		if err != nil || got != c.want {
			t.Errorf("abbreviation(%s) under %q = %q, %v; want %q", c.words[0], c.operation, got, err, c.want)
		}
	}
}
