package awscli

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The tokens below are ones the AWS CLI v2 printed (see cmd/sessions's
// testdata/aws).
func TestToken(t *testing.T) {
	tests := []struct {
		s   string
		tok Token
	}{
		{"eyJuZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ==", Token{Skip: 2, HasSkip: true}},
		{"eyJuZXh0VG9rZW4iOiAiQVFFRUFBQ29ZRjZETWQwUzBRIn0=", Token{Next: "AQEEAACoYF6DMd0S0Q"}},
		{"eyJuZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAtMX0=", Token{Skip: -1, HasSkip: true}},
	}
	for _, tt := range tests {
		got, ok := ParseToken(tt.s)
		if !ok {
			t.Errorf("ParseToken(%q) failed", tt.s)
		}
		if diff := cmp.Diff(tt.tok, got); diff != "" {
			t.Errorf("ParseToken(%q) mismatch (-want +got):\n%s", tt.s, diff)
		}
		if s := tt.tok.String(); s != tt.s {
			t.Errorf("%+v.String() = %q; want %q", tt.tok, s, tt.s)
		}
	}
	// What botocore does not decode it sends to the service as it is.
	for _, s := range []string{"AQEEAACoYF6DMd0S0Q", "garbage", "e30=", "WzFd", "sessions.v1.AAAA"} {
		if tok, ok := ParseToken(s); ok {
			t.Errorf("ParseToken(%q) = %+v; want a service token", s, tok)
		}
	}
	// Non-ASCII service tokens are escaped as Python's json.dumps does.
	if got, want := (Token{Next: "é"}).String(), "eyJuZXh0VG9rZW4iOiAiXHUwMGU5In0="; got != want {
		t.Errorf("Token{Next: é}.String() = %q; want %q", got, want)
	}
}
