package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	smithylogging "github.com/aws/smithy-go/logging"

	"github.com/sessionkit/sessions/internal/sdkhttp"
)

// A configLoader returns the AWS configuration for a region and a profile,
// either of which may be "" for the chain's default.
type configLoader func(ctx context.Context, region, profile string) (aws.Config, error)

// loadDefaultConfig reads the standard AWS configuration chain, as the AWS
// CLI does: environment, shared config and credentials files, SSO, web
// identity, container and instance roles.
//
// The SDK's own log (such as the instance metadata client's warnings when
// no credentials are found) stays quiet: a failure is one line, and
// --debug sets a logger of its own.
func loadDefaultConfig(ctx context.Context, region, profile string) (aws.Config, error) {
	opts := []func(*config.LoadOptions) error{config.WithLogger(smithylogging.Nop{})}
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	if profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(profile))
	} else if p := os.Getenv("AWS_DEFAULT_PROFILE"); p != "" && os.Getenv("AWS_PROFILE") == "" {
		// The SDK reads this profile too, but takes a missing one for
		// none; botocore refuses it, as it refuses a missing AWS_PROFILE.
		if err := profileExists(ctx, p); err != nil {
			return aws.Config{}, err
		}
	}
	if b := os.Getenv("AWS_CA_BUNDLE"); b != "" {
		if _, err := os.Stat(b); err != nil {
			// The SDK would fail on the missing file even for an http://
			// endpoint. The command's own HTTP client reads the bundle
			// as the AWS CLI does, only for TLS, and replaces the one the
			// SDK builds: give the SDK a bundle it can read instead.
			pem, err := placeholderPEM()
			if err != nil {
				return aws.Config{}, err
			}
			opts = append(opts, config.WithCustomCABundle(bytes.NewReader(pem)))
		}
	}
	return config.LoadDefaultConfig(ctx, opts...)
}

// profileExists returns the SDK's SharedConfigProfileNotExistError if
// neither the shared config file nor the credentials file has profile.
// It leaves other errors to the SDK's own load, which reports them.
func profileExists(ctx context.Context, profile string) error {
	env, err := config.NewEnvConfig()
	if err != nil {
		return nil
	}
	_, err = config.LoadSharedConfigProfile(ctx, profile, func(o *config.LoadSharedConfigOptions) {
		if env.SharedConfigFile != "" {
			o.ConfigFiles = []string{env.SharedConfigFile}
		}
		if env.SharedCredentialsFile != "" {
			o.CredentialsFiles = []string{env.SharedCredentialsFile}
		}
	})
	var missing config.SharedConfigProfileNotExistError
	if errors.As(err, &missing) {
		return err
	}
	return nil
}

// envProfile is the profile the environment names: AWS_PROFILE, else
// AWS_DEFAULT_PROFILE, the order in which the AWS CLI v2 and the SDK read
// them.
func envProfile() string {
	if p := os.Getenv("AWS_PROFILE"); p != "" {
		return p
	}
	return os.Getenv("AWS_DEFAULT_PROFILE")
}

// connection is what the global options say about reaching the service.
type connection struct {
	region, profile string
	// regionGiven: --region is on the command line, maybe empty.
	regionGiven    bool
	endpoint       string
	noVerifySSL    bool
	caBundle       string // --ca-bundle
	readTimeout    time.Duration
	connectTimeout time.Duration
	noSign         bool
	debug          io.Writer // request and response log, or nil
	maxRate        float64   // --max-rate
}

func newConnection(a *args) (*connection, error) {
	c := &connection{
		region: a.str("region"), regionGiven: a.has("region"), profile: a.str("profile"), endpoint: a.str("endpoint-url"),
		noVerifySSL: a.has("no-verify-ssl"), caBundle: a.str("ca-bundle"), noSign: a.has("no-sign-request"),
		readTimeout: 60 * time.Second, connectTimeout: 60 * time.Second,
	}
	if c.endpoint != "" {
		// As the AWS CLI: no scheme is a bad parameter (252); a scheme
		// without a host an invalid endpoint (255).
		u, err := url.Parse(c.endpoint)
		switch {
		case err != nil || u.Scheme == "":
			return nil, paramf("Bad value for --endpoint-url \"%s\": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/", c.endpoint)
		case u.Host == "":
			return nil, &failure{"Invalid endpoint: " + c.endpoint}
		}
	}
	if d, ok, err := a.seconds("cli-read-timeout"); err != nil {
		return nil, err
	} else if ok {
		c.readTimeout = d
	}
	if d, ok, err := a.seconds("cli-connect-timeout"); err != nil {
		return nil, err
	} else if ok {
		c.connectTimeout = d
	}
	var err error
	if c.maxRate, err = maxRate(a); err != nil {
		return nil, err
	}
	return c, nil
}

// config loads the AWS configuration and applies the connection options:
// the SDK's own buildable HTTP client for TLS, CA bundle and timeouts,
// anonymous credentials for --no-sign-request. Missing region or
// credentials are a configError (exit status 253), found before any
// request is sent.
func (c *connection) config(ctx context.Context, e env) (aws.Config, error) {
	cfg, err := e.loadConfig(ctx, c.region, c.profile)
	var noProfile config.SharedConfigProfileNotExistError
	switch {
	case errors.As(err, &noProfile):
		// The AWS CLI exits 255 here, not 253.
		return cfg, &failure{fmt.Sprintf("The config profile (%s) could not be found", noProfile.Profile)}
	}
	if err := c.checkSettings(cfg, err == nil); err != nil {
		return cfg, err
	}
	switch {
	case err != nil:
		return cfg, &configError{oneLine(err.Error())}
	case cfg.Region == "" && !(c.endpoint != "" && c.emptyRegion()):
		return cfg, &configError{`You must specify a region. You can also configure your region by running "aws configure".`}
	}
	if e.realHTTP {
		hc, err := c.httpClient()
		if err != nil {
			return cfg, err
		}
		cfg.HTTPClient = hc
	}
	if c.noSign {
		cfg.Credentials = aws.AnonymousCredentials{}
	} else if cfg.Credentials == nil {
		return cfg, &configError{noCredentials}
	} else if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		if ctx.Err() != nil {
			return cfg, ctx.Err()
		}
		return cfg, &configError{noCredentials}
	}
	if c.debug != nil {
		cfg.Logger = smithylogging.StandardLogger{Logger: log.New(c.debug, "", log.LstdFlags)}
		cfg.ClientLogMode = aws.LogRequestWithBody | aws.LogResponseWithBody | aws.LogRetries
	}
	// The SDK's clients get the project's remedy for aws-sdk-go-v2#2737:
	// without it, a share of the requests to a local endpoint is retried
	// after seconds of backoff.
	cfg.HTTPClient = botoErrorBodies{sdkhttp.Client(cfg.HTTPClient)}
	maxAttempts := cfg.RetryMaxAttempts
	if maxAttempts == 0 {
		maxAttempts = retry.DefaultMaxAttempts
	}
	cfg.APIOptions = append(cfg.APIOptions, countAttempts(maxAttempts))
	return cfg, nil
}

// emptyRegion reports whether the region is set but empty (--region "",
// or AWS_REGION or AWS_DEFAULT_REGION set to nothing), where the SDK finds
// none. The AWS CLI takes an empty region as a region: with --endpoint-url
// its requests go there, signed for the region "".
func (c *connection) emptyRegion() bool {
	if c.regionGiven {
		return c.region == ""
	}
	for _, k := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if v, ok := os.LookupEnv(k); ok && v == "" {
			return true
		}
	}
	return false
}

const noCredentials = `Unable to locate credentials. You can configure credentials by running "aws configure".`

// profileSetting returns a setting of the profile in the shared config
// file that the SDK does not read (output, cli_pager, ca_bundle), or "".
// It reads the file as the AWS CLI does: [default] or [profile NAME]
// sections of "key = value" lines.
func profileSetting(profile, key string) string {
	if profile == "" {
		profile = envProfile()
	}
	if profile == "" {
		profile = "default"
	}
	path := os.Getenv("AWS_CONFIG_FILE")
	if path == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		path = filepath.Join(home, ".aws", "config")
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	want := "profile " + profile
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			name := strings.Join(strings.Fields(line[1:len(line)-1]), " ")
			in = name == want || profile == "default" && name == "default"
			continue
		}
		if k, v, ok := strings.Cut(line, "="); in && ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// checkSettings refuses what botocore refuses as it makes a client, in its
// order, all with exit status 255: a region that is no host label, a
// retry mode other than standard or adaptive. loaded tells whether cfg
// was loaded; the SDK fails to load a bad retry mode, and the region is
// then read from where the SDK would have read it.
func (c *connection) checkSettings(cfg aws.Config, loaded bool) error {
	region := cfg.Region
	if !loaded {
		region = c.regionSetting()
	}
	if !botoRegion(region) {
		return &failure{fmt.Sprintf("Provided region_name '%s' doesn't match a supported format.", region)}
	}
	mode, ok := os.LookupEnv("AWS_RETRY_MODE")
	if !ok {
		mode = profileSetting(c.profile, "retry_mode")
	}
	if mode != "" && mode != string(aws.RetryModeStandard) && mode != string(aws.RetryModeAdaptive) {
		return &failure{fmt.Sprintf(`Invalid value provided to "mode": "%s" must be one of: "standard" or "adaptive"`, mode)}
	}
	return nil
}

// regionSetting is the region as the SDK reads it: --region, AWS_REGION,
// AWS_DEFAULT_REGION, the profile's region.
func (c *connection) regionSetting() string {
	if c.regionGiven {
		return c.region
	}
	for _, k := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return profileSetting(c.profile, "region")
}

// botoRegion reports whether region is a region botocore accepts: a
// host label of up to 63 letters, digits and hyphens, neither starting nor
// ending with a hyphen, not all digits. "" is none, which passes here.
func botoRegion(region string) bool {
	if len(region) > 63 || strings.HasPrefix(region, "-") || strings.HasSuffix(region, "-") {
		return false
	}
	digits := true
	for _, r := range region {
		switch {
		case r >= '0' && r <= '9':
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '-':
			digits = false
		default:
			return false
		}
	}
	return region == "" || !digits
}

// timestampFormat returns how times print, by the profile's
// cli_timestamp_format: iso8601 (the default) as botocore's datetime
// prints them, wire as the service sent them. Anything else is the AWS
// CLI's configuration error (253).
func timestampFormat(profile string) (func(time.Time) string, error) {
	switch v := profileSetting(profile, "cli_timestamp_format"); v {
	case "", "iso8601":
		return isoTime, nil
	case "wire":
		return wireTime, nil
	default:
		return nil, &configError{fmt.Sprintf(`Unknown cli_timestamp_format value: %s, valid values are "wire" or "iso8601"`, v)}
	}
}

// wireTime formats t as IVS and Nimble send times: RFC 3339 in UTC, "Z",
// with as many fractional digits as it has (milliseconds on the wire). The
// SDK keeps the time, not its text; this is that text whenever the service
// writes it in this canonical form.
func wireTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.999999999Z07:00")
}
