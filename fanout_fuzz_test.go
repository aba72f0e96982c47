package sessions_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

// FuzzFanoutCursor gives arbitrary starting tokens to both fan-out
// constructors: each returns a Fanout or an *InputError naming
// StartingToken, never panics, and a Fanout it returns gives a cursor that
// it accepts again.
func FuzzFanoutCursor(f *testing.F) {
	acct := newAccountFake()
	bigAccount(acct, 2, 4, 1)
	q := sessions.AccountQuery{Regions: testRegions[:2], StageARNs: []string{acct.stages["ap-south-1"][0].ARN}}
	svc := &sessionstest.StudioService{Studios: map[string][]sessions.StreamingSession{"a": fanStudio("a", 3), "b": fanStudio("b", 3)}}
	studios := studioBuild(svc, sessions.StudioQuery{})
	seed := func(fo interface{ Cursor() string }) {
		f.Add(fo.Cursor())
	}
	if fo, err := sessions.AccountSessions(acct.clients(), q); err == nil {
		seed(fo)
		for range fo.All(context.Background()) {
			break
		}
		seed(fo)
	}
	if fo, err := sessions.NewFanout([]string{"a", "b"}, studios, sessions.MaxItems(2)); err == nil {
		for range fo.All(context.Background()) {
		}
		seed(fo)
	}
	f.Add("sessions.fanout.v1.")
	f.Add("sessions.fanout.v1.AAAA")
	f.Fuzz(func(t *testing.T, tok string) {
		check := func(name string, cursor func() string, err error) {
			var ie *sessions.InputError
			switch {
			case err == nil:
				if c := cursor(); c != "" && !strings.HasPrefix(c, "sessions.fanout.v1.") {
					t.Fatalf("%s: Cursor() = %q", name, c)
				}
			case !errors.As(err, &ie) || ie.Field != "StartingToken":
				t.Fatalf("%s(StartingToken(%q)) error = %v, want an *InputError for StartingToken", name, tok, err)
			}
		}
		fo, err := sessions.AccountSessions(acct.clients(), q, sessions.StartingToken(tok))
		check("AccountSessions", func() string { return fo.Cursor() }, err)
		fs, err := sessions.NewFanout([]string{"a", "b"}, studios, sessions.StartingToken(tok))
		check("NewFanout", func() string { return fs.Cursor() }, err)
	})
}
