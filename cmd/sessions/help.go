package main

import (
	"fmt"
	"strings"
)

// mainUsage is the help of "sessions --help": the commands, then every
// option of each, with an example.
func mainUsage() string {
	var b strings.Builder
	b.WriteString(`Usage:
  sessions [global options] ivs-realtime list-stage-sessions --stage-arn ARN [options]
  sessions [global options] nimble list-streaming-sessions --studio-id ID [options]
  sessions stage  --stage-arn ARN [options]    short for ivs-realtime list-stage-sessions
  sessions studio --studio-id ID [options]     short for nimble list-streaming-sessions
  sessions demo                                try it: no AWS account needed
  sessions serve [flags]                       a local endpoint for both services (see serve --help)
  sessions sync [--db FILE] [options]          keep every stage session in an SQLite archive (see sync --help)
  sessions report [--db FILE] [options]        sum up the archive, or draw it; no request sent (see report --help)

sessions is a drop-in for the two AWS CLI v2 commands it is named after: the
same options, the same output (json, text, table, yaml, yaml-stream, off)
byte for byte, the same exit status. On top: every page of a stage, filters,
several stages or studios at once, prefetch, jsonl. Under the AWS spelling,
a NextToken is the AWS CLI's own and the AWS CLI can continue it; under the
short one it is a cursor bound to the listing. --starting-token takes both.

Exit status: 0 success, 252 usage or parameter error (nothing sent),
253 configuration or credentials, 254 service error, 255 other failure,
130 interrupted.

`)
	for _, c := range []*command{&stageCommand, &studioCommand} {
		fmt.Fprintf(&b, "Options of %s %s (%s):\n", c.service, c.operation, c.short)
		writeOptions(&b, c.options)
		b.WriteString("\n")
	}
	b.WriteString("Input options of both:\n")
	writeOptions(&b, inputOptions)
	b.WriteString("\nGlobal options (before or after the command):\n")
	writeOptions(&b, globalOptions)
	b.WriteString(`
Examples:
  sessions demo
  sessions ivs-realtime list-stage-sessions --stage-arn arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456 --output table
  sessions stage --stage-arn arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456 --max-items 50
  sessions nimble list-streaming-sessions --studio-id stid-a1b2c3d4e5f6g7h8 --query 'sessions[?state==` + "`READY`" + `].sessionId'
  sessions studio --studio-id stid-a1b2c3d4e5f6g7h8 --owned-by user-alice --state READY,STOPPED --output jsonl
`)
	return b.String()
}

// usage is the help of one command.
func (c *command) usage() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: sessions %s %s --%s %s [options]\n       sessions %s --%s %s [options]\n\n",
		c.service, c.operation, c.parentOpt, c.options[0].arg, c.short, c.parentOpt, c.options[0].arg)
	b.WriteString(c.describe)
	b.WriteString("\nOptions:\n")
	writeOptions(&b, c.options)
	b.WriteString("\nInput options:\n")
	writeOptions(&b, inputOptions)
	b.WriteString("\nGlobal options:\n")
	writeOptions(&b, globalOptions)
	return b.String()
}

func writeOptions(b *strings.Builder, opts []option) {
	for _, o := range opts {
		line := "  --" + o.name
		if o.arg != "" {
			line += " " + o.arg
		}
		fmt.Fprintf(b, "%s\n      %s\n      e.g. %s\n", line, o.help, o.example)
	}
}
