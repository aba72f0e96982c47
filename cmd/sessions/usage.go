package main

import "bytes"

// mainUsage is the help of "sessions --help": every subcommand and every
// flag, each with an example.
func mainUsage() string {
	var b bytes.Buffer
	b.WriteString(`Usage:
  sessions demo                                      try it: no AWS account needed
  sessions stage  --stage-arn ARN [--stage-arn ARN ...] [flags]
  sessions studio --studio-id ID [--studio-id ID ...] [flags]

sessions lists Amazon IVS Real-Time stage sessions and Amazon Nimble Studio
streaming sessions, with filters, a --max-items cap that --starting-token
resumes exactly, and concurrent listing of several stages or studios.
"sessions demo" runs it against an embedded endpoint with generated data.
stage and studio use the standard AWS configuration chain (AWS_PROFILE,
AWS_REGION, ~/.aws/config, SSO, instance roles) like the AWS CLI, and
--output json prints what the AWS CLI prints for the same call.

Exit status: 0 success, 1 service, network or configuration failure,
2 usage error, 130 interrupted.

`)
	stage, _ := newStageFlags()
	studio, _ := newStudioFlags()
	b.WriteString("Flags of sessions stage:\n")
	writeHelp(&b, stage, stageNames)
	b.WriteString("\nFlags of sessions studio:\n")
	writeHelp(&b, studio, studioNames)
	b.WriteString("\nFlags of both:\n")
	writeHelp(&b, stage, commonNames)
	b.WriteString(`
Examples:
  sessions demo
  sessions stage --stage-arn arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456 --output table
  sessions stage --stage-arn arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456 --max-items 50
  sessions stage --stage-arn arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456 --max-items 50 \
      --starting-token <the NextToken printed by the previous command>
  sessions studio --studio-id stid-a1b2c3d4e5f6g7h8 --owned-by user-alice --state READY,STOPPED

Run "sessions stage --help" or "sessions studio --help" for details.
`)
	return b.String()
}
