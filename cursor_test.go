package sessions

import (
	"context"
	"errors"
	"testing"
)

// FuzzCursorRoundTrip checks that every position survives encoding, and
// that a cursor is accepted only by the binding it was made for.
func FuzzCursorRoundTrip(f *testing.F) {
	f.Add("arn:aws:ivs:us-west-2:111122223333:stage/AbCd", 50, "", "", "", "eyJwIjoyfQ==", 7, false)
	f.Add("studio-abc", 0, "alice", "bob", "session-1", "page-2", 0, true)
	f.Add("", 0, "", "", "", "", 0, true)
	f.Fuzz(func(t *testing.T, parent string, pageSize int, createdBy, ownedBy, sessionID, token string, skip int, studio bool) {
		if pageSize < 0 || skip < 0 || pageSize > 1<<20 || skip > 1<<20 {
			t.Skip()
		}
		b := binding{op: opStage, parent: parent, pageSize: pageSize, createdBy: createdBy, ownedBy: ownedBy, sessionID: sessionID}
		if studio {
			b.op = opStudio
		}
		want := position{token: token, skip: skip}
		c := encodeCursor(&b, want)
		got, err := decodeCursor(c, &b)
		if err != nil || got != want {
			t.Fatalf("decodeCursor(encodeCursor(%+v)) = %+v, %v", want, got, err)
		}
		other := b
		other.parent += "x"
		if _, err := decodeCursor(c, &other); err == nil {
			t.Fatal("a cursor was accepted for another parent")
		}
	})
}

// FuzzDecodeCursor feeds arbitrary strings to the decoder: it must return a
// position or an *InputError, never panic.
func FuzzDecodeCursor(f *testing.F) {
	b := binding{op: opStage, parent: "arn:aws:ivs:us-west-2:111122223333:stage/AbCd", pageSize: 10}
	f.Add(encodeCursor(&b, position{token: "abc", skip: 3}))
	f.Add(encodeCursor(&b, position{}))
	f.Add(cursorPrefix)
	f.Add(cursorPrefix + "AAAA")
	f.Add("not a cursor")
	f.Fuzz(func(t *testing.T, s string) {
		pos, err := decodeCursor(s, &b)
		var ie *InputError
		if err != nil && (!errors.As(err, &ie) || ie.Field != "StartingToken") {
			t.Fatalf("decodeCursor(%q) error %v is not an InputError for StartingToken", s, err)
		}
		if err == nil && pos.skip < 0 {
			t.Fatalf("decodeCursor(%q) gave a negative skip", s)
		}
	})
}

// FuzzParseState checks that the strict parser accepts exactly the known
// states, in any case.
func FuzzParseState(f *testing.F) {
	for _, s := range states.known {
		f.Add(string(s))
	}
	f.Add("ready")
	f.Add("RUNNING")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseState(s)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != "State" {
				t.Fatalf("ParseState(%q) error %v is not an InputError for State", s, err)
			}
			return
		}
		if !got.IsKnown() {
			t.Fatalf("ParseState(%q) = %q, which is not known", s, got)
		}
	})
}

// A cursor whose page size IVS would refuse is refused when it would be
// adopted, even with a valid checksum.
func TestCursorPageSizeOutOfRange(t *testing.T) {
	b := binding{op: opStage, parent: "arn:aws:ivs:us-west-2:111122223333:stage/AbCd", pageSize: 101}
	c := encodeCursor(&b, position{token: "abc"})
	fetch := func(context.Context, string, int, []StageSession) ([]StageSession, string, error) {
		return nil, "", nil
	}
	op := operation[StageSession]{bind: binding{op: opStage, parent: b.parent}, pageSized: true, fetch: fetch, checkToken: ivsToken}
	if _, err := newPaginator(op, []Option{StartingToken(c)}); err == nil {
		t.Error("a cursor with page size 101 was accepted")
	}
}
