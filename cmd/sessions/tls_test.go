package main

import (
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTLSOptions lists through an HTTPS endpoint whose certificate no
// system trusts: the CA bundle from --ca-bundle, AWS_CA_BUNDLE or the
// profile's ca_bundle makes it trusted, --no-verify-ssl skips the check,
// and without either the request fails (255) as in the AWS CLI.
func TestTLSOptions(t *testing.T) {
	backend := goldenServer(t)
	target, err := url.Parse(backend.URL)
	if err != nil {
		t.Fatal(err)
	}
	front := httptest.NewTLSServer(httputil.NewSingleHostReverseProxy(target))
	t.Cleanup(front.Close)
	dir := t.TempDir()
	bundle := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(bundle, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: front.Certificate().Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "config")
	if err := os.WriteFile(config, []byte("[profile tls]\nca_bundle = "+bundle+"\naws_access_key_id = AKIDTLS\naws_secret_access_key = tls-secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"stage", "--stage-arn", goldenARN, "--max-results", "2", "--output", "text", "--endpoint-url", front.URL}
	tests := []struct {
		name  string
		extra []string
		env   []string
		code  int
	}{
		{"untrusted", nil, nil, exitFailure},
		{"--ca-bundle", []string{"--ca-bundle", bundle}, nil, exitOK},
		{"AWS_CA_BUNDLE", nil, []string{"AWS_CA_BUNDLE=" + bundle}, exitOK},
		{"profile ca_bundle", []string{"--profile", "tls"}, []string{"AWS_CONFIG_FILE=" + config}, exitOK},
		{"--no-verify-ssl", []string{"--no-verify-ssl"}, nil, exitOK},
		{"missing bundle", []string{"--ca-bundle", filepath.Join(dir, "none.pem")}, nil, exitFailure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := execCommand(append(args, tt.extra...), withEnv(awsEnv(t), append(tt.env, "AWS_MAX_ATTEMPTS=1")))
			got := runGolden(t, cmd)
			status, out, _ := strings.Cut(got, "\n")
			if want := "exit status " + itoa(tt.code); status != want {
				t.Fatalf("%s; want %s (stdout %q)", status, want, out)
			}
			if tt.code == exitOK && strings.Count(out, "STAGESESSIONS") != 2 {
				t.Errorf("stdout %q; want two sessions", out)
			}
		})
	}
}

// TestReadTimeout: --cli-read-timeout bounds the wait for a response.
func TestReadTimeout(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(slow.Close)
	start := time.Now()
	var stderr strings.Builder
	stderrOf := func(*exec.Cmd) string { return stderr.String() }
	cmd := execCommand([]string{"stage", "--stage-arn", goldenARN, "--max-results", "2", "--endpoint-url", slow.URL, "--cli-read-timeout", "1"}, append(awsEnv(t), "AWS_MAX_ATTEMPTS=1"))
	cmd.Stderr = &stderr
	got := runGolden(t, cmd)
	if !strings.HasPrefix(got, "exit status 255\n") {
		t.Errorf("%q; want exit status 255", got)
	}
	if !strings.Contains(stderrOf(cmd), "Read timeout on endpoint URL") {
		t.Errorf("stderr %q; want the AWS CLI's read timeout message", stderrOf(cmd))
	}
	if d := time.Since(start); d > 8*time.Second {
		t.Errorf("took %v with --cli-read-timeout 1", d)
	}
}

// TestNoCredentials: with no credentials anywhere, even after asking the
// instance metadata service, the command says so in one line (253), with
// none of the SDK's own warnings.
func TestNoCredentials(t *testing.T) {
	env := withEnv(awsEnv(t), []string{"AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_EC2_METADATA_DISABLED=", "AWS_EC2_METADATA_SERVICE_ENDPOINT=" + closedURL(t)})
	cmd := execCommand([]string{"stage", "--stage-arn", goldenARN, "--endpoint-url", closedURL(t)}, env)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if got := runGolden(t, cmd); got != "exit status 253\n" {
		t.Errorf("%q; want exit status 253 and no output", got)
	}
	if want := "\n" + noCredentials + "\n"; stderr.String() != want {
		t.Errorf("stderr %q; want %q", stderr.String(), want)
	}
}
