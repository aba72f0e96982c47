package sessions_test

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"strings"
	"testing"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/sessionstest"
)

// reToken edits cursor c, which holds the service token old once, to hold
// tok (of old's length) instead, and recomputes its checksum. A cursor is a
// prefix, then base64url of a body and the body's CRC-32 (IEEE, big-endian).
func reToken(t *testing.T, c, old, tok string) string {
	t.Helper()
	prefix := c[:strings.LastIndex(c, ".")+1]
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(c, prefix))
	if err != nil || len(raw) < 4 {
		t.Fatalf("cursor %q: %v", c, err)
	}
	body := raw[:len(raw)-4]
	if bytes.Count(body, []byte(old)) != 1 || len(tok) != len(old) {
		t.Fatalf("the cursor %q does not hold the token %q once, or %q is not as long", c, old, tok)
	}
	b := bytes.Replace(body, []byte(old), []byte(tok), 1)
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// A cursor edited to carry another service token, with its checksum
// recomputed, gets the same token check as a bare StartingToken: a token the
// service could not have returned is refused before any request.
func TestForgedCursorTokenIsChecked(t *testing.T) {
	svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{testARN: stageData(testARN, 5)}}
	const good, valid = "AbCdEfGh+/=_-0123", "zyxwvutsrqponmlkj"
	q := sessions.StageQuery{StageARN: testARN}
	stageCursor := mustStage(t, svc, q, sessions.StartingToken(good)).Cursor()
	stages, err := sessions.Stages(svc, sessions.StageFilter{}, sessions.StartingToken(good))
	if err != nil {
		t.Fatal(err)
	}
	stagesCursor := stages.Cursor()
	// The forgery itself is sound: a valid token passes.
	if _, err := sessions.StageSessions(svc, q, sessions.StartingToken(reToken(t, stageCursor, good, valid))); err != nil {
		t.Fatalf("a re-checksummed cursor with a valid token: %v", err)
	}
	if _, err := sessions.Stages(svc, sessions.StageFilter{}, sessions.StartingToken(reToken(t, stagesCursor, good, valid))); err != nil {
		t.Fatalf("a re-checksummed Stages cursor with a valid token: %v", err)
	}
	for _, tok := range []string{"not a token!!!!!!", "AbCdEfGh\x00/=_-0123"} {
		_, err := sessions.StageSessions(svc, q, sessions.StartingToken(reToken(t, stageCursor, good, tok)))
		checkInputError(t, err, "StartingToken")
		if err != nil && !strings.Contains(err.Error(), "IVS token") {
			t.Errorf("error %q does not say the token is not an IVS token", err)
		}
		_, err = sessions.Stages(svc, sessions.StageFilter{}, sessions.StartingToken(reToken(t, stagesCursor, good, tok)))
		checkInputError(t, err, "StartingToken")
	}
	if n := len(svc.Recorded()) + len(svc.RecordedListStages()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}
