package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
)

// This file reads the settings the AWS CLI reads and the SDK does not, or
// reads otherwise: the profile's own keys, AWS_DEFAULT_PROFILE, and what
// botocore refuses as it makes a client.

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
