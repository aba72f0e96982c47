package stagearn

import "testing"

func TestValidAndRegion(t *testing.T) {
	long := "arn:aws:ivs:us-west-2:111122223333:stage/"
	for len(long) <= MaxLen {
		long += "a"
	}
	for _, tc := range []struct {
		arn    string
		valid  bool
		region string
	}{
		{"arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456", true, "us-west-2"},
		{"arn:aws:ivs:eu-central-1:111122223333:stage/x", true, "eu-central-1"},
		{"arn:aws:s3:us-west-2:111122223333:stage/AbCd", false, "us-west-2"},
		{"arn:aws:ivs:us-west-2:111122223333:channel/AbCd", false, "us-west-2"},
		{"arn:aws:ivs:us-west-2:111122223333:stage/a_b", false, "us-west-2"},
		{long, false, "us-west-2"},
		{"", false, ""},
		{"stage/AbCd", false, ""},
	} {
		if got := Valid(tc.arn); got != tc.valid {
			t.Errorf("Valid(%q) = %t, want %t", tc.arn, got, tc.valid)
		}
		if got := Region(tc.arn); got != tc.region {
			t.Errorf("Region(%q) = %q, want %q", tc.arn, got, tc.region)
		}
	}
}
