package sessions_test

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"runtime"
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

// forgeFanout returns a fan-out cursor whose body is raw, deflated and
// checksummed as Fanout.Cursor does, so that only its content is forged.
func forgeFanout(t *testing.T, raw []byte) string {
	t.Helper()
	var z bytes.Buffer
	w, err := flate.NewWriter(&z, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw)
	w.Close()
	z.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(raw)))
	return "sessions.fanout.v1." + base64.RawURLEncoding.EncodeToString(z.Bytes())
}

// A forged fan-out cursor that inflates far beyond what a real cursor of its
// size holds is refused without inflating it all: the memory allocated is
// bounded by the cursor's length (issue 15, item 8).
func TestForgedFanoutCursorInflation(t *testing.T) {
	svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{testARN: stageData(testARN, 1)}}
	for _, tc := range []struct {
		name string
		raw  []byte
	}{
		// 64 MiB of zeros: a cursor of no sources, then garbage.
		{"zeros", make([]byte, 64<<20)},
		// 20 million sources "a" marked done, each 3 bytes.
		{"tiny sources", append(binary.AppendUvarint([]byte{2, 7, 'f', 'a', 'n', '-', 'o', 'u', 't', 9, 'N', 'e', 'w', 'F', 'a', 'n', 'o', 'u', 't', 0}, 20_000_000), bytes.Repeat([]byte{1, 'a', 1}, 20_000_000)...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok := forgeFanout(t, tc.raw)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := sessions.NewFanout([]string{testARN}, stageBuild(svc), sessions.StartingToken(tok))
			runtime.ReadMemStats(&after)
			checkInputError(t, err, "StartingToken")
			if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(256*len(tok)); got > limit {
				t.Errorf("refusing a %d-byte forged cursor allocated %d bytes, want at most %d", len(tok), got, limit)
			}
		})
	}
}

// The bounds on a fan-out cursor's inflation leave real cursors alone, the
// most compressible included: thousands of sequential stage ARNs, at their
// start or finished.
func TestLargeRealFanoutCursorResumes(t *testing.T) {
	svc := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{}}
	arns := make([]string, 3000)
	for i := range arns {
		arns[i] = fmt.Sprintf("arn:aws:ivs:us-west-2:111122223333:stage/S%011d", i)
		svc.Stages[arns[i]] = nil
	}
	f := mustFanout(t, arns, stageBuild(svc))
	tok := f.Cursor()
	if _, err := sessions.NewFanout(arns, stageBuild(svc), sessions.StartingToken(tok)); err != nil {
		t.Fatalf("a cursor of %d sources at their start: %v", len(arns), err)
	}
	for s, err := range f.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		t.Fatalf("an empty stage yielded %v", s)
	}
	arns = append(arns, testARN)
	svc.Stages[testARN] = stageData(testARN, 2)
	f = mustFanout(t, arns, stageBuild(svc), sessions.Ordered(), sessions.MaxItems(1), sessions.PageSize(1))
	if _, err := sessions.Collect(f.All(context.Background())); err != nil {
		t.Fatal(err)
	}
	if tok = f.Cursor(); tok == "" {
		t.Fatal("Cursor() = \"\" with a session left")
	}
	if _, err := sessions.NewFanout(arns, stageBuild(svc), sessions.PageSize(1), sessions.StartingToken(tok)); err != nil {
		t.Fatalf("a cursor of %d finished sources: %v", len(arns)-1, err)
	}
}
