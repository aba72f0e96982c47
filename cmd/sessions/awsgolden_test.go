package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

// record re-records testdata/aws from the real AWS CLI v2:
//
//	go test ./cmd/sessions -run TestAWSCLI -record
//
// It needs the AWS CLI v2 (AWS_CLI_V2, default /usr/bin/aws, e.g. Debian's
// awscli package) and Python's botocore, whose IVS Real-Time model it adds
// with "aws configure add-model" in a temporary home. CI only compares.
var record = flag.Bool("record", false, "re-record testdata/aws from the AWS CLI v2 (see awsgolden_test.go)")

const (
	awsStage    = "arn:aws:ivs:us-west-2:111122223333:stage/GoldenStage"
	awsBigStage = "arn:aws:ivs:us-west-2:111122223333:stage/BigStage"
	awsStudio   = "stid-golden"
	// awsEuStage is a stage of another region than the configured one.
	awsEuStage = "arn:aws:ivs:eu-west-1:111122223333:stage/EuStage"
)

// awsServer serves the data the goldens were recorded against. Tags keep
// one key each: the fake sends a map's keys in Go's random order, and the
// AWS CLI keeps the wire's order.
func awsServer(t *testing.T) *fakeaws.Server {
	t.Helper()
	studio := fakeaws.GenStreamingSessions(6, 42).Items()
	for i := range studio {
		// The generator shares its tag maps: make new ones.
		if p, ok := studio[i].Tags["project"]; ok {
			studio[i].Tags = map[string]string{"project": p}
		}
	}
	srv := fakeaws.New(
		fakeaws.WithStage(awsStage, fakeaws.GenStageSessions(7, 42)),
		fakeaws.WithStage(awsBigStage, fakeaws.GenStageSessions(60, 7)),
		fakeaws.WithStage(awsEuStage, fakeaws.GenStageSessions(3, 9)),
		fakeaws.WithStudio(awsStudio, fakeaws.FromSlice(studio)),
		fakeaws.WithStudioPageSize(4),
	)
	t.Cleanup(srv.Close)
	return srv
}

// An awsCase is one invocation run through both tools. Its golden file
// holds the exit status and standard output of the AWS CLI v2.
type awsCase struct {
	name string
	args string // split on spaces; {token:CASE} is the NextToken CASE printed
	// argv, when set, replaces args (for values with spaces).
	argv []string
	env  []string // extra environment, KEY=VALUE; KEY= unsets
	// endpoint "closed" points at a port nobody listens on; "" at the
	// fake; anything else is the --endpoint-url given.
	endpoint string
	// fault, if its Kind is set, is injected afresh for each tool's run.
	fault fakeaws.Fault
	// answer, if set, is what the endpoint answers instead of the fake:
	// a proxy, or a wrong path behind --endpoint-url.
	answer *answer
	// stderr: the golden holds standard error too, after stdout and a
	// "--- stderr" line (only where the AWS CLI's words are ours).
	stderr bool
}

var (
	stageCmd  = "ivs-realtime list-stage-sessions --stage-arn " + awsStage
	bigCmd    = "ivs-realtime list-stage-sessions --stage-arn " + awsBigStage
	studioCmd = "nimble list-streaming-sessions --studio-id " + awsStudio
)

// reprQuery makes rows whose cells hold an object or a list, which the
// AWS CLI's text and table outputs print as Python's repr.
const reprQuery = "[sessions[0].{id:sessionId,v:volumeConfiguration,l:[ownedBy,'it\\'s','a\"b',`null`,`true`,`1.5`]},{id:'x',v:'none',l:'none'}]"

// pageTwoFails fails the second request of a listing.
var pageTwoFails = fakeaws.Fault{Kind: fakeaws.FaultValidation, Op: fakeaws.OpListStreamingSessions, Request: 2}

// awsCases are every recorded invocation, in order: a case may use the
// NextToken of an earlier one.
func awsCases() []awsCase {
	return slices.Concat(stageCases(), stageErrorCases(), studioCases(), studioMoreCases(), awsCLIFixCases())
}

// stageCases are the AWS CLI's single list-stage-sessions request, its input and output options.
func stageCases() []awsCase {
	return []awsCase{
		// list-stage-sessions: the AWS CLI's single request.
		{name: "stage-max-results-json", args: stageCmd + " --max-results 3"},
		{name: "stage-max-results-text", args: stageCmd + " --max-results 3 --output text"},
		{name: "stage-max-results-table", args: stageCmd + " --max-results 3 --output table"},
		{name: "stage-max-results-yaml", args: stageCmd + " --max-results 3 --output yaml"},
		{name: "stage-max-results-yaml-stream", args: stageCmd + " --max-results 3 --output yaml-stream"},
		{name: "stage-no-paginate-json", args: bigCmd + " --no-paginate"},
		{name: "stage-no-paginate-text", args: bigCmd + " --no-paginate --output text"},
		{name: "stage-no-paginate-table", args: bigCmd + " --no-paginate --output table"},
		{name: "stage-no-paginate-yaml", args: bigCmd + " --no-paginate --output yaml"},
		{name: "stage-next-token-json", args: stageCmd + " --next-token {token:stage-max-results-json}"},
		{name: "stage-next-token-text", args: stageCmd + " --next-token {token:stage-max-results-json} --max-results 2 --output text"},
		{name: "stage-cli-input-json", argv: append(strings.Fields(stageCmd)[:2], "--cli-input-json", `{"stageArn": "`+awsStage+`", "maxResults": 2}`)},
		{name: "stage-cli-input-yaml", argv: append(strings.Fields(stageCmd)[:2], "--cli-input-yaml", "stageArn: "+awsStage+"\nmaxResults: 4\n", "--output", "text")},
		{name: "stage-cli-input-file", args: "ivs-realtime list-stage-sessions --cli-input-json file://testdata/stage-input.json --output text"},
		{name: "studio-cli-input-yaml-file", args: "nimble list-streaming-sessions --cli-input-yaml file://testdata/studio-input.yaml --query sessions[].[sessionId,ownedBy]"},
		{name: "stage-cli-input-override", argv: append(strings.Fields(stageCmd), "--cli-input-json", `{"stageArn": "arn:aws:ivs:us-west-2:111122223333:stage/Other", "maxResults": 1}`)},
		{name: "stage-cli-input-null", argv: append(strings.Fields(stageCmd)[:2], "--cli-input-json", `{"stageArn": "`+awsStage+`", "maxResults": null}`)},
		{name: "stage-cli-input-float", argv: append(strings.Fields(stageCmd)[:2], "--cli-input-yaml", "stageArn: "+awsStage+"\nmaxResults: 2.5\n")},
		{name: "stage-cli-input-list", argv: append(strings.Fields(stageCmd)[:2], "--cli-input-json", `["x"]`)},
		{name: "stage-cli-input-both", argv: append(strings.Fields(stageCmd)[:2], "--cli-input-json", `{"stageArn": "`+awsStage+`"}`, "--cli-input-yaml", "maxResults: 2\n")},
		{name: "stage-cli-input-null-overridden", argv: append(strings.Fields(stageCmd), "--max-results", "2", "--output", "text", "--cli-input-json", `{"maxResults": null}`)},
		{name: "stage-global-before", args: "--output text --region us-west-2 " + stageCmd + " --max-results 2"},
		{name: "stage-equals", args: stageCmd + " --max-results=2 --output=yaml"},
		{name: "stage-color-table", args: stageCmd + " --max-results 2 --output table --color on"},
		{name: "stage-color-off", args: stageCmd + " --max-results 2 --output table --color off"},
		{name: "stage-globals", args: stageCmd + " --max-results 2 --output text --debug --no-verify-ssl --no-sign-request --cli-read-timeout 5 --cli-connect-timeout 5 --no-cli-pager --no-cli-auto-prompt --cli-binary-format base64"},
		{name: "stage-default-output", args: stageCmd + " --max-results 2", env: []string{"AWS_DEFAULT_OUTPUT=text"}},
		{name: "stage-bad-default-output", args: stageCmd + " --max-results 2", env: []string{"AWS_DEFAULT_OUTPUT=xml"}},
		{name: "stage-output-beats-default", args: stageCmd + " --max-results 2 --output yaml", env: []string{"AWS_DEFAULT_OUTPUT=table"}},
		{name: "stage-query-ids", args: stageCmd + " --max-results 4 --query stageSessions[].sessionId"},
		{name: "stage-query-ids-text", args: stageCmd + " --max-results 4 --query stageSessions[].sessionId --output text"},
		{name: "stage-query-length", args: stageCmd + " --max-results 4 --query length(stageSessions)"},
		{name: "stage-query-hash", args: stageCmd + " --max-results 4 --query {next:nextToken,first:stageSessions[0].sessionId}"},
		{name: "stage-query-hash-table", args: stageCmd + " --max-results 4 --query {next:nextToken,first:stageSessions[0].sessionId} --output table"},
		{name: "stage-query-scalar-table", args: stageCmd + " --max-results 4 --query stageSessions[0].sessionId --output table"},
		{name: "stage-query-scalar-yaml", args: stageCmd + " --max-results 4 --query stageSessions[0].sessionId --output yaml"},
		{name: "stage-query-filter", args: bigCmd + " --max-results 20 --query stageSessions[?endTime==null].sessionId"},
		{name: "stage-query-legacy-literal", args: bigCmd + " --max-results 20 --query stageSessions[?sessionId!=`x`]|[0]"},
		{name: "stage-query-empty", args: stageCmd + " --max-results 4 --query stageSessions[?sessionId=='x'] --output yaml"},
		{name: "stage-query-list-text", args: stageCmd + " --max-results 4 --query stageSessions[].[sessionId,startTime] --output text"},
		{name: "stage-query-list-table", args: stageCmd + " --max-results 4 --query stageSessions[].[sessionId,startTime] --output table"},
		{name: "stage-query-keys", args: stageCmd + " --max-results 2 --query {keys:keys(stageSessions[0]),values:values(stageSessions[0]),star:stageSessions[1].*}"},
		{name: "stage-skeleton-input", args: "ivs-realtime list-stage-sessions --generate-cli-skeleton"},
		{name: "stage-skeleton-yaml", args: "ivs-realtime list-stage-sessions --generate-cli-skeleton yaml-input"},
		{name: "stage-skeleton-output", args: stageCmd + " --generate-cli-skeleton output"},
	}
}

// stageErrorCases are the errors of list-stage-sessions, and of the options of both.
func stageErrorCases() []awsCase {
	return []awsCase{
		// list-stage-sessions: errors.
		{name: "stage-missing-arn", args: "ivs-realtime list-stage-sessions --max-results 2"},
		{name: "stage-unknown-option", args: stageCmd + " --bogus"},
		{name: "stage-bad-output", args: stageCmd + " --output xml"},
		{name: "stage-bad-max-results", args: stageCmd + " --max-results abc"},
		{name: "stage-service-validation", args: stageCmd + " --max-results 500"},
		{name: "stage-not-found", args: "ivs-realtime list-stage-sessions --no-paginate --stage-arn arn:aws:ivs:us-west-2:111122223333:stage/Nope"},
		{name: "stage-bad-arn", args: "ivs-realtime list-stage-sessions --max-results 5 --stage-arn bad"},
		{name: "stage-bad-query", args: stageCmd + " --max-results 2 --query stageSessions["},
		{name: "stage-endpoint-no-scheme", args: "ivs-realtime list-stage-sessions --max-results 2 --stage-arn " + awsStage, endpoint: "localhost"},
		{name: "stage-endpoint-no-host", args: "ivs-realtime list-stage-sessions --max-results 2 --stage-arn " + awsStage, endpoint: "localhost:80"},
		{name: "stage-connection-refused", args: stageCmd + " --max-results 2", endpoint: "closed"},
		{name: "stage-no-region", args: stageCmd + " --max-results 2", env: []string{"AWS_REGION=", "AWS_DEFAULT_REGION="}},
		{name: "stage-empty-region", argv: append(strings.Fields(stageCmd), "--max-results", "2", "--output", "text", "--region", ""), env: []string{"AWS_REGION=", "AWS_DEFAULT_REGION="}},
		{name: "studio-empty-region", argv: append(strings.Fields(studioCmd), "--max-items", "2", "--output", "text", "--region", ""), env: []string{"AWS_REGION=", "AWS_DEFAULT_REGION="}},
		{name: "stage-no-credentials", args: stageCmd + " --max-results 2", env: []string{"AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY="}},
		{name: "stage-no-such-profile", args: stageCmd + " --max-results 2 --profile nosuch"},
		{name: "bad-operation", args: "ivs-realtime list-stages-sessions"},
		{name: "stage-max-results-0", args: stageCmd + " --max-results 0"},
		{name: "stage-empty-arn", argv: []string{"ivs-realtime", "list-stage-sessions", "--stage-arn", "", "--max-results", "-1"}},
		{name: "stage-arn-twice", args: stageCmd + " --max-results 2 --output text " + "--stage-arn " + awsStage},
		{name: "stage-last-arn-wins", args: "ivs-realtime list-stage-sessions --stage-arn bad --output text --max-results 2 --stage-arn " + awsStage},
		{name: "stage-ca-bundle-http", args: stageCmd + " --max-results 2 --ca-bundle /nonexistent/ca.pem --output text"},
		{name: "studio-ca-bundle-env-http", args: studioCmd + " --max-items 2 --output text", env: []string{"AWS_CA_BUNDLE=/nonexistent/ca.pem"}},
		{name: "stage-bad-read-timeout", args: stageCmd + " --max-results 2 --cli-read-timeout abc"},
		{name: "stage-negative-connect-timeout", args: stageCmd + " --max-results 2 --cli-connect-timeout -1"},
		{name: "stage-profile-output", args: stageCmd + " --max-results 2 --profile yamlout", env: []string{"AWS_CONFIG_FILE=testdata/aws-config"}},
	}
}

// studioCases are list-streaming-sessions through the AWS CLI's paginator.
func studioCases() []awsCase {
	return []awsCase{
		// list-streaming-sessions: the AWS CLI's paginator.
		{name: "studio-json", args: studioCmd},
		{name: "studio-text", args: studioCmd + " --output text"},
		{name: "studio-table", args: studioCmd + " --output table"},
		{name: "studio-yaml", args: studioCmd + " --output yaml"},
		{name: "studio-yaml-stream", args: studioCmd + " --output yaml-stream"},
		{name: "studio-max2-json", args: studioCmd + " --max-items 2"},
		{name: "studio-max2-text", args: studioCmd + " --max-items 2 --output text"},
		{name: "studio-max2-table", args: studioCmd + " --max-items 2 --output table"},
		{name: "studio-max2-yaml", args: studioCmd + " --max-items 2 --output yaml"},
		{name: "studio-max2-yaml-stream", args: studioCmd + " --max-items 2 --output yaml-stream"},
		{name: "studio-max4-json", args: studioCmd + " --max-items 4"},
		{name: "studio-max5-text", args: studioCmd + " --max-items 5 --output text"},
		{name: "studio-max5-yaml-stream", args: studioCmd + " --max-items 5 --output yaml-stream"},
		{name: "studio-resume-json", args: studioCmd + " --starting-token {token:studio-max2-json} --max-items 3"},
		{name: "studio-resume-text", args: studioCmd + " --starting-token {token:studio-max2-json} --output text"},
		{name: "studio-resume-page-end", args: studioCmd + " --starting-token {token:studio-max4-json} --max-items 1"},
		{name: "studio-resume-yaml", args: studioCmd + " --starting-token {token:studio-max2-json} --max-items 3 --output yaml"},
		{name: "studio-max0", args: studioCmd + " --max-items 0"},
		{name: "studio-no-paginate-json", args: studioCmd + " --no-paginate"},
		{name: "studio-no-paginate-text", args: studioCmd + " --no-paginate --output text"},
		{name: "studio-no-paginate-yaml-stream", args: studioCmd + " --no-paginate --output yaml-stream"},
		{name: "studio-next-token", args: studioCmd + " --next-token {token:studio-no-paginate-json}"},
		{name: "studio-starting-service-token", args: studioCmd + " --starting-token {token:studio-no-paginate-json} --output text"},
		{name: "studio-starting-service-token-max", args: studioCmd + " --starting-token {token:studio-no-paginate-json} --max-items 1"},
		{name: "studio-starting-service-token-max-text", args: studioCmd + " --starting-token {token:studio-no-paginate-json} --max-items 1 --output text"},
		{name: "studio-session-ids-twice-no-paginate", args: studioCmd + " --no-paginate --output text --session-ids session-mwgYmxY81NCGY --session-ids session-9SrOWuL3e2DXk"},
		{name: "studio-owned-by", args: studioCmd + " --owned-by user-erin --output text"},
		{name: "studio-created-by", args: studioCmd + " --created-by user-bob"},
		{name: "studio-session-id", args: studioCmd + " --session-ids session-mwgYmxY81NCGY --output yaml"},
		{name: "studio-query-ids", args: studioCmd + " --query sessions[].sessionId"},
		{name: "studio-query-ids-text", args: studioCmd + " --query sessions[].sessionId --output text"},
		{name: "studio-query-ids-text-max", args: studioCmd + " --query sessions[].sessionId --output text --max-items 5"},
		{name: "studio-query-ids-yaml-stream", args: studioCmd + " --query sessions[].sessionId --output yaml-stream"},
		{name: "studio-query-state", args: studioCmd + " --query sessions[?state==`STOP_FAILED`].[sessionId,ownedBy] --output table"},
		{name: "studio-query-hash", args: studioCmd + " --query sessions[].{id:sessionId,size:volumeConfiguration.size,tags:tags} --max-items 3"},
		{name: "studio-query-next", args: studioCmd + " --max-items 2 --query NextToken --output text"},
		{name: "studio-query-functions", args: studioCmd + " --query {n:length(sessions),newest:max_by(sessions,&createdAt).sessionId,users:sort(sessions[].ownedBy)}"},
		{name: "studio-query-length-text", args: studioCmd + " --query length(sessions) --output text --max-items 5"},
		{name: "studio-query-first-yaml", args: studioCmd + " --query sessions[0] --output yaml"},
		{name: "studio-query-time-filter", argv: append(strings.Fields(studioCmd), "--query", "sessions[?createdAt > '2024-01-01T00:20:00+00:00'].[sessionId, createdAt]", "--output", "text")},
		{name: "stage-query-time-filter", argv: append(strings.Fields(bigCmd), "--max-results", "30", "--query", "stageSessions[?startTime >= '2024-01-01T02:00:00' && startTime < '2024-01-01T03:00:00'].sessionId")},
		{name: "studio-query-repr-table", argv: append(strings.Fields(studioCmd), "--output", "table", "--query", reprQuery)},
		{name: "studio-query-repr-text", argv: append(strings.Fields(studioCmd), "--output", "text", "--query", reprQuery)},
		{name: "studio-query-widths-table", argv: append(strings.Fields(studioCmd), "--max-items", "2", "--output", "table", "--query", "sessions[].{id:sessionId,ambiguous:'±×éü…①★',wide:'中文😀',mixed:[ownedBy,'日本-éé']}")},
		{name: "studio-query-literal-object", argv: append(strings.Fields(studioCmd), "--query", "{lit:`{\"b\":1,\"a\":[{\"z\":2,\"y\":null}],\"b\":3}`,merged:merge(`{\"z\":1}`,sessions[0].volumeConfiguration,`{\"a\":2}`)}")},
		{name: "studio-query-merge-null", args: studioCmd + " --query merge(`{\"z\":1}`,sessions[0].nothing)"},
		{name: "studio-query-table-ragged", args: studioCmd + " --output table --query sessions[:3].[sessionId,[state,ownedBy]]"},
		{name: "studio-query-table-vertical", args: studioCmd + " --output table --query sessions[0].{a:arn,b:statusMessage,c:launchProfileId,d:sessionId,e:streamingImageId}"},
	}
}

// studioMoreCases are failures after the first page, errors of list-streaming-sessions, other regions and empty values.
func studioMoreCases() []awsCase {
	return []awsCase{
		// list-streaming-sessions: a page fails after the first.
		{name: "studio-fails-json", args: studioCmd, fault: pageTwoFails},
		{name: "studio-fails-text", args: studioCmd + " --output text", fault: pageTwoFails},
		{name: "studio-fails-yaml", args: studioCmd + " --output yaml", fault: pageTwoFails},
		{name: "studio-fails-yaml-stream", args: studioCmd + " --output yaml-stream", fault: pageTwoFails},
		{name: "studio-fails-table", args: studioCmd + " --output table", fault: pageTwoFails},
		{name: "studio-throttled-once", args: studioCmd + " --output text --query sessions[].sessionId", fault: fakeaws.Fault{Kind: fakeaws.FaultThrottle, Op: fakeaws.OpListStreamingSessions, Request: 2}},
		{name: "stage-internal-error", args: stageCmd + " --max-results 2", fault: fakeaws.Fault{Kind: fakeaws.FaultError, Op: fakeaws.OpListStageSessions, Status: 500, Code: "InternalServerException", Message: "boom", Times: -1}, env: []string{"AWS_MAX_ATTEMPTS=1"}},
		// list-streaming-sessions: errors.
		{name: "studio-page-size", args: studioCmd + " --page-size 3"},
		{name: "studio-no-paginate-max-items", args: studioCmd + " --no-paginate --max-items 2"},
		{name: "studio-bad-max-items", args: studioCmd + " --max-items abc"},
		{name: "studio-not-found", args: "nimble list-streaming-sessions --studio-id nope"},
		{name: "studio-bad-starting-token", args: studioCmd + " --starting-token garbage"},
		{name: "studio-skeleton-input", args: "nimble list-streaming-sessions --generate-cli-skeleton input"},
		{name: "studio-skeleton-yaml", args: "nimble list-streaming-sessions --generate-cli-skeleton yaml-input"},
		{name: "studio-last-id-wins", args: "nimble list-streaming-sessions --studio-id nope --no-paginate --output text --studio-id " + awsStudio},
		{name: "studio-global-before", args: "--output yaml --query sessions[].state nimble list-streaming-sessions --studio-id " + awsStudio + " --max-items 3"},
		// list-stage-sessions: a stage of another region than the
		// configured one is asked in the configured region.
		{name: "stage-other-region", args: "ivs-realtime list-stage-sessions --stage-arn " + awsEuStage},
		{name: "stage-other-region-max-results", args: "ivs-realtime list-stage-sessions --max-results 2 --stage-arn " + awsEuStage},
		// list-streaming-sessions: empty values are sent as given.
		{name: "studio-session-ids-empty", argv: append(strings.Fields(studioCmd), "--session-ids", "")},
		{name: "studio-session-ids-empty-text", argv: append(strings.Fields(studioCmd), "--session-ids", "", "--output", "text", "--max-items", "1")},
		{name: "studio-session-ids-empty-no-paginate", argv: append(strings.Fields(studioCmd), "--session-ids", "", "--no-paginate")},
	}
}

// TestAWSCLI runs every case through this tool and compares exit status
// and standard output with what the AWS CLI v2 printed for it.
func TestAWSCLI(t *testing.T) {
	srv := awsServer(t)
	cases := awsCases()
	var aws string
	if *record {
		aws = awsCLI(t)
	}
	tokens := map[string]string{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			argv := c.argv
			if argv == nil {
				argv = strings.Fields(c.args)
			}
			for i, a := range argv {
				argv[i] = tokenRef.ReplaceAllStringFunc(a, func(m string) string {
					tok, ok := tokens[tokenRef.FindStringSubmatch(m)[1]]
					if !ok {
						t.Fatalf("%s: no NextToken from an earlier case", m)
					}
					return tok
				})
			}
			endpoint := srv.URL
			switch {
			case c.answer != nil:
				endpoint = c.answer.serve(t)
			case c.endpoint == "":
			case c.endpoint == "closed":
				endpoint = closedURL(t)
			default:
				endpoint = c.endpoint
			}
			argv = append(argv, "--endpoint-url", endpoint)
			path := filepath.Join("testdata", "aws", c.name+".txt")
			var want string
			if *record {
				inject(srv, c.fault)
				want = runAWS(t, aws, c.env, argv, c.stderr)
				if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
					t.Fatal(err)
				}
			} else {
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (re-record with -record)", err)
				}
				want = string(b)
			}
			tokens[c.name] = nextToken(want)
			cmd := exec.Command(binary, argv...)
			cmd.Env = withEnv(awsEnv(t), c.env)
			inject(srv, c.fault)
			got := runGoldenWith(t, cmd, c.stderr)
			srv.ClearFaults()
			if got != want {
				t.Errorf("sessions %s\n--- the AWS CLI v2 (%s)\n%s\n--- sessions\n%s", strings.Join(argv, " "), path, want, got)
			}
		})
	}
}

// inject arms f on srv for the next run, counting its requests afresh.
func inject(srv *fakeaws.Server, f fakeaws.Fault) {
	srv.ClearFaults()
	if f.Kind != fakeaws.FaultNone {
		srv.Inject(f)
	}
}

var tokenRef = regexp.MustCompile(`\{token:([a-z0-9-]+)\}`)

var tokenLine = regexp.MustCompile(`(?m)"(?:next|Next)Token": "([^"]+)"|^NEXTTOKEN\t(\S+)$`)

// nextToken returns the NextToken (or nextToken) a golden output holds.
func nextToken(out string) string {
	m := tokenLine.FindStringSubmatch(out)
	if m == nil {
		return ""
	}
	return m[1] + m[2]
}

// execCommand is the built command with args and the environment env.
func execCommand(args, env []string) *exec.Cmd {
	cmd := exec.Command(binary, args...)
	cmd.Env = env
	return cmd
}

func itoa(n int) string { return strconv.Itoa(n) }

// runGolden runs cmd and returns its exit status line and standard output.
func runGolden(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	return runGoldenWith(t, cmd, false)
}

// runGoldenWith is runGolden, with standard error after a "--- stderr"
// line when withStderr is set.
func runGoldenWith(t *testing.T, cmd *exec.Cmd, withStderr bool) string {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd.Stdout = &out
	if withStderr {
		cmd.Stderr = &errOut
	}
	code := exitStatus(t, cmd.Run(), cmd.Args)
	got := "exit status " + strconv.Itoa(code) + "\n" + out.String()
	if withStderr {
		got += "--- stderr\n" + errOut.String()
	}
	return got
}

// withEnv applies extra (KEY=VALUE; KEY= unsets) to base.
func withEnv(base, extra []string) []string {
	env := base
	for _, kv := range extra {
		k, v, _ := strings.Cut(kv, "=")
		var kept []string
		for _, e := range env {
			if !strings.HasPrefix(e, k+"=") {
				kept = append(kept, e)
			}
		}
		env = kept
		if v != "" {
			env = append(env, kv)
		}
	}
	return env
}

// closedURL returns the URL of a local port that refuses connections.
func closedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

// awsCLI returns the AWS CLI v2 to record with, after adding the IVS
// Real-Time model from botocore to it (Debian's 2.9.19 lacks it) in the
// temporary home that runAWS uses.
func awsCLI(t *testing.T) string {
	t.Helper()
	aws := os.Getenv("AWS_CLI_V2")
	if aws == "" {
		aws = "/usr/bin/aws"
	}
	out, err := exec.Command(aws, "--version").Output()
	if err != nil || !strings.HasPrefix(string(out), "aws-cli/2.") {
		t.Fatalf("-record needs the AWS CLI v2 (set AWS_CLI_V2): %s %v", out, err)
	}
	dir, err := exec.Command("python3", "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))").Output()
	if err != nil {
		t.Fatalf("-record needs Python's botocore for the IVS Real-Time model: %v", err)
	}
	gz, err := os.Open(filepath.Join(strings.TrimSpace(string(dir)), "data", "ivs-realtime", "2020-07-14", "service-2.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer gz.Close()
	zr, err := gzip.NewReader(gz)
	if err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(recordHome(t), "ivs-realtime-service-2.json")
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(model, b, 0o644); err != nil {
		t.Fatal(err)
	}
	add := exec.Command(aws, "configure", "add-model", "--service-model", "file://"+model, "--service-name", "ivs-realtime")
	add.Env = []string{"HOME=" + recordHome(t), "PATH=" + os.Getenv("PATH")}
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("aws configure add-model: %v\n%s", err, out)
	}
	return aws
}

var recordDir string

// recordHome is the AWS CLI's home while recording: the added model, and
// empty config and credentials files.
func recordHome(t *testing.T) string {
	if recordDir == "" {
		d, err := os.MkdirTemp("", "sessions-record")
		if err != nil {
			t.Fatal(err)
		}
		recordDir = d
	}
	return recordDir
}

// runAWS runs the AWS CLI v2 with the test environment and returns its
// exit status line and standard output.
func runAWS(t *testing.T, aws string, extra, argv []string, withStderr bool) string {
	t.Helper()
	cmd := exec.Command(aws, argv...)
	env := awsEnv(t)
	env = withEnv(env, []string{"HOME=" + recordHome(t), "AWS_PAGER=", "PATH=" + os.Getenv("PATH")})
	cmd.Env = append(withEnv(env, extra), "AWS_PAGER=")
	return runGoldenWith(t, cmd, withStderr)
}
