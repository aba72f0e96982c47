package main

import (
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go"

	"github.com/sessionkit/sessions"
)

// stageClient returns an IVS Real-Time client for cfg and --endpoint-url,
// with the text of IVS errors where the SDK reads it, paced by pace.
func stageClient(cfg aws.Config, endpoint string, pace func(*ivsrealtime.Options)) *ivsrealtime.Client {
	return ivsrealtime.NewFromConfig(cfg, sessions.IVSErrorMessages, pace, func(o *ivsrealtime.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
	})
}

// apiMessage returns the message of a service error as the service sent
// it: the AWS CLI prints it as it is, line breaks included.
func apiMessage(api smithy.APIError) string {
	msg := api.ErrorMessage()
	if msg == "UnknownError" {
		msg = ""
	}
	return msg
}

// optionNames maps the fields of the library's InputError, and the names
// of options and fields its reasons mention, to the command's options.
var optionNames = []struct {
	field, option string
	// inReason: reasons name this one by its short name.
	inReason bool
}{
	{"AccountQuery.StageARNs", "--stage-arn", false},
	{"AccountQuery.Regions", "--region", false},
	{"AccountQuery.Stages.Name", "--stage-name", false},
	{"AccountQuery.Sessions.Status", "--active/--ended", false},
	{"AccountQuery.Sessions.StartedBefore", "--started-before", false},
	{"AccountQuery.Sessions.StartedAfter", "--started-after", false},
	{"Concurrency", "--concurrency", false},
	{"parents", "--studio-id", false},
	{"StageQuery.StageARN", "--stage-arn", false},
	{"StageQuery.StartedAfter", "--started-after", false},
	{"StageQuery.StartedBefore", "--started-before", false},
	{"StageQuery.Status", "--active/--ended", false},
	{"StudioQuery.StudioID", "--studio-id", false},
	{"StudioQuery.SessionIDs", "--session-ids", false},
	{"StudioQuery.States", "--state", false},
	{"StartedAfter", "--started-after", true},
	{"StartedBefore", "--started-before", true},
	{"SessionIDs", "--session-ids", true},
	{"PageSize", "--page-size", true},
	{"MaxItems", "--max-items", true},
	{"StartingToken", "--starting-token", true},
	{"Prefetch", "--prefetch", true},
	{"State", "--state", true},
	{"limit", "--concurrency", true},
}

// cursorWords are how the library's reasons name a cursor, and how the
// command names it.
var cursorWords = strings.NewReplacer(
	"a cursor from Fanout.Cursor", "a NextToken printed by sessions for the same stages or studios",
	"a cursor from Paginator.Cursor", "a NextToken printed by sessions",
)

// inputError turns the library's *InputError into a parameter error (exit
// status 252) naming the option; other errors pass through.
func inputError(err error) error {
	var ie *sessions.InputError
	if !errors.As(err, &ie) {
		return err
	}
	name := ie.Field
	for _, m := range optionNames {
		if name == m.field || strings.HasPrefix(name, m.field+"[") {
			name = m.option
			break
		}
	}
	reason := cursorWords.Replace(ie.Reason)
	for _, m := range optionNames {
		if !m.inReason {
			continue
		}
		for _, after := range []string{"[", " ", ")"} {
			reason = strings.ReplaceAll(reason, m.field+after, m.option+after)
		}
	}
	return paramf("Parameter validation failed:\n%s %q: %s", name, shorten(ie.Value), reason)
}

// shorten keeps a long value (a token, say) readable in a one-line error.
func shorten(s string) string {
	if len(s) <= 72 {
		return s
	}
	return s[:64] + "…"
}
