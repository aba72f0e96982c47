package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/sessionkit/sessions/internal/fakeaws"
)

// An answer is what a stand-in endpoint answers every request with.
type answer struct {
	status      int
	contentType string
	body        string
}

// serve starts an endpoint that answers every request with a, for the
// test's duration, and returns its URL.
func (a *answer) serve(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if a.contentType != "" {
			w.Header().Set("Content-Type", a.contentType)
		}
		w.WriteHeader(a.status)
		w.Write([]byte(a.body))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// nginx502 is the page nginx answers when the service behind it fails.
const nginx502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

// awsCLIFixCases are the cases of issue 15's command-line items: error
// answers that are not AWS JSON, the retries note, the configuration the
// AWS CLI reads, abbreviated options.
func awsCLIFixCases() []awsCase {
	notFound := &answer{status: 404, contentType: "text/plain; charset=utf-8", body: "404 page not found\n"}
	return []awsCase{
		// Error answers that are not AWS JSON (a wrong path, a proxy).
		{name: "stage-answer-404-text", args: stageCmd + " --max-results 2", answer: notFound, stderr: true},
		{name: "studio-answer-404-text", args: studioCmd, answer: notFound, stderr: true},
		{name: "stage-answer-404-empty", args: stageCmd, answer: &answer{status: 404}, stderr: true},
		{name: "stage-answer-502-html", args: stageCmd + " --max-results 2", answer: &answer{status: 502, contentType: "text/html", body: nginx502}, stderr: true},
		{name: "studio-answer-503-empty", args: studioCmd + " --output text", answer: &answer{status: 503}, stderr: true},
		{name: "stage-answer-500-text", args: stageCmd, answer: &answer{status: 500, contentType: "text/plain", body: "upstream failed"}, stderr: true},
		{name: "stage-answer-403-html", args: stageCmd, answer: &answer{status: 403, contentType: "text/html", body: "<html><body>Forbidden</body></html>"}, stderr: true},
		{name: "stage-answer-404-json-no-code", args: stageCmd, answer: &answer{status: 404, contentType: "application/json", body: `{"message": "no such route"}`}, stderr: true},
		{name: "stage-answer-404-one-attempt", args: stageCmd, answer: notFound, env: []string{"AWS_MAX_ATTEMPTS=1"}, stderr: true},
		{name: "studio-internal-error-retried", args: studioCmd, fault: fakeaws.Fault{Kind: fakeaws.FaultError, Op: fakeaws.OpListStreamingSessions, Status: 500, Code: "InternalServerErrorException", Message: "boom", Times: -1}, stderr: true},
		{name: "studio-validation-one-attempt", args: studioCmd, fault: pageTwoFails, env: []string{"AWS_MAX_ATTEMPTS=1"}, stderr: true},
		// The region's form and the retry mode, refused as botocore refuses them.
		{name: "stage-region-underscore", args: stageCmd + " --max-results 2 --region us_west_2", stderr: true},
		{name: "stage-region-env-digits", args: stageCmd + " --max-results 2", env: []string{"AWS_REGION=123"}, stderr: true},
		{name: "stage-region-upper", args: stageCmd + " --max-results 2 --output text --region US-WEST-2"},
		{name: "stage-retry-mode-legacy", args: stageCmd + " --max-results 2", env: []string{"AWS_RETRY_MODE=legacy"}, stderr: true},
		{name: "stage-retry-mode-adaptive", args: stageCmd + " --max-results 2 --output text", env: []string{"AWS_RETRY_MODE=adaptive"}},
		{name: "stage-retry-mode-and-region", args: stageCmd + " --max-results 2 --region us_west_2", env: []string{"AWS_RETRY_MODE=legacy"}, stderr: true},
		// AWS_DEFAULT_PROFILE, read after AWS_PROFILE.
		{name: "stage-default-profile", args: stageCmd + " --max-results 2", env: []string{"AWS_CONFIG_FILE=testdata/aws-config", "AWS_DEFAULT_PROFILE=yamlout"}},
		{name: "stage-default-profile-missing", args: stageCmd + " --max-results 2", env: []string{"AWS_CONFIG_FILE=testdata/aws-config", "AWS_DEFAULT_PROFILE=nosuch"}, stderr: true},
		{name: "stage-profile-beats-default-profile", args: stageCmd + " --max-results 2", env: []string{"AWS_CONFIG_FILE=testdata/aws-config", "AWS_DEFAULT_PROFILE=yamlout", "AWS_PROFILE=textout"}},
		// The profile's cli_timestamp_format.
		{name: "stage-timestamp-wire", args: stageCmd + " --max-results 3 --profile wire", env: []string{"AWS_CONFIG_FILE=testdata/aws-config"}},
		{name: "studio-timestamp-wire", args: studioCmd + " --max-items 3 --profile wire --output json", env: []string{"AWS_CONFIG_FILE=testdata/aws-config"}},
		{name: "studio-timestamp-wire-query", args: studioCmd + " --profile wire --query sessions[?createdAt>'2024-01-01T00:20'].createdAt", env: []string{"AWS_CONFIG_FILE=testdata/aws-config"}},
		{name: "stage-timestamp-unknown", args: stageCmd + " --max-results 2 --profile badtime", env: []string{"AWS_CONFIG_FILE=testdata/aws-config"}, stderr: true},
		// Abbreviated options, as argparse resolves them.
		{name: "stage-abbreviated", args: "ivs-realtime list-stage-sessions --stage-a " + awsStage + " --max-r 2 --out text --quer stageSessions[].sessionId"},
		{name: "stage-abbreviated-equals", args: "ivs-realtime list-stage-sessions --stage-a=" + awsStage + " --max-r=2 --o=yaml"},
		{name: "stage-abbreviated-global-ambiguous", args: stageCmd + " --max-results 2 --c on"},
		{name: "stage-abbreviated-no", args: stageCmd + " --max-results 2 --no text"},
		{name: "studio-abbreviated", args: "nimble list-streaming-sessions --studio " + awsStudio + " --owned user-erin --max-i 2 --o text"},
		{name: "studio-abbreviated-ambiguous", args: studioCmd + " --s x"},
		{name: "studio-abbreviated-ambiguous-st", args: studioCmd + " --st x"},
		{name: "studio-abbreviated-no-paginate", args: studioCmd + " --no-p --q sessions[].sessionId --ou text"},
		{name: "studio-abbreviated-before", args: "--out yaml --reg us-west-2 --qu sessions[].ownedBy nimble list-streaming-sessions --studio-id " + awsStudio + " --max-i 3"},
	}
}
