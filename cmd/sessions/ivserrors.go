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

// apiMessage returns the message of a service error.
func apiMessage(api smithy.APIError) string {
	msg := api.ErrorMessage()
	if msg == "UnknownError" {
		msg = ""
	}
	return oneLine(msg)
}

// optionNames maps the fields and options of the library's InputError to
// the options that set them.
var optionNames = []struct{ field, option string }{
	{"StageQuery.StageARN", "--stage-arn"},
	{"StageQuery.StartedAfter", "--started-after"},
	{"StageQuery.StartedBefore", "--started-before"},
	{"StageQuery.Status", "--active/--ended"},
	{"StudioQuery.StudioID", "--studio-id"},
	{"StudioQuery.SessionIDs", "--session-ids"},
	{"StudioQuery.States", "--state"},
	{"StartedAfter", "--started-after"},
	{"StartedBefore", "--started-before"},
	{"SessionIDs", "--session-ids"},
	{"PageSize", "--page-size"},
	{"MaxItems", "--max-items"},
	{"StartingToken", "--starting-token"},
	{"Prefetch", "--prefetch"},
	{"State", "--state"},
	{"limit", "--concurrency"},
}

// libraryInputError turns the library's *InputError into a parameter error
// (exit status 252) naming the option; other errors pass through.
func libraryInputError(err error) error {
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
	reason := ie.Reason
	for _, m := range optionNames {
		if strings.Contains(m.field, ".") {
			continue // a reason names a sibling field by its short name
		}
		for _, after := range []string{"[", " ", ")"} {
			reason = strings.ReplaceAll(reason, m.field+after, m.option+after)
		}
	}
	reason = strings.ReplaceAll(reason, "a cursor from Paginator.Cursor", "a NextToken printed by sessions")
	return paramf("Parameter validation failed:\n%s %q: %s", name, shorten(ie.Value), reason)
}
