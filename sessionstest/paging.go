package sessionstest

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"sync"
	"time"
)

// counter numbers the calls a service receives, overall and per parent, and
// picks the fault that fires on each. The zero value is ready to use.
type counter struct {
	mu        sync.Mutex
	total     int
	perParent map[string]int
}

// arrive counts a call for parent, runs record under the lock (so that the
// order of Calls is the order of the numbers) and returns the call's number
// and the first fault that fires on it, if any.
func (c *counter) arrive(parent string, faults []Fault, record func()) (int, *Fault) {
	c.mu.Lock()
	defer c.mu.Unlock()
	record()
	c.total++
	if c.perParent == nil {
		c.perParent = make(map[string]int)
	}
	c.perParent[parent]++
	for i := range faults {
		f := &faults[i]
		n := c.total
		if f.parent != "" {
			if f.parent != parent {
				continue
			}
			n = c.perParent[parent]
		}
		if n == f.call {
			f := *f // the caller's slice may change once the lock is released
			return c.total, &f
		}
	}
	return c.total, nil
}

// wait sleeps for d, returning early with ctx's error if ctx is done first.
func wait(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil || d <= 0 {
		return err
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Tokens are base64url (no padding, so they match the services' pattern
// ^[a-zA-Z0-9+/=_-]*$) of a version, a kind, three numbers and a checksum
// over those and the listing's binding: the operation, the parent, the page
// size and the server-side filters. A token from another listing, or an
// edited one, fails the checksum. Tokens are deterministic, which the token
// faults rely on.

type tokenKind byte

const (
	tokNext  tokenKind = 1 + iota // a: the offset of the page
	tokCycle                      // a: the offset of C1's page, b: step j, c: cycle length k
	tokEmpty                      // a: the offset to serve after, b: empty pages still to come, c: a nonce
)

const tokenVersion = 1

type token struct {
	kind    tokenKind
	a, b, c uint64
}

var errBadToken = errors.New("the nextToken is not valid for this request")

func (t token) encode(binding string) string {
	p := []byte{tokenVersion, byte(t.kind)}
	p = binary.AppendUvarint(p, t.a)
	p = binary.AppendUvarint(p, t.b)
	p = binary.AppendUvarint(p, t.c)
	p = binary.BigEndian.AppendUint64(p, tokenSum(binding, p))
	return base64.RawURLEncoding.EncodeToString(p)
}

func decodeToken(s, binding string) (token, error) {
	p, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(p) < 2+3+8 || len(s) > 1024 {
		return token{}, errBadToken
	}
	body, sum := p[:len(p)-8], binary.BigEndian.Uint64(p[len(p)-8:])
	if body[0] != tokenVersion || sum != tokenSum(binding, body) {
		return token{}, errBadToken
	}
	t := token{kind: tokenKind(body[1])}
	rest := body[2:]
	for _, v := range []*uint64{&t.a, &t.b, &t.c} {
		x, n := binary.Uvarint(rest)
		if n <= 0 || x > 1<<40 {
			return token{}, errBadToken
		}
		*v, rest = x, rest[n:]
	}
	if len(rest) != 0 || t.kind < tokNext || t.kind > tokEmpty || t.kind == tokCycle && (t.b < 1 || t.b > t.c) {
		return token{}, errBadToken
	}
	return t, nil
}

func tokenSum(binding string, payload []byte) uint64 {
	h := fnv.New64a()
	h.Write([]byte("sessionstest\x00"))
	h.Write([]byte(binding))
	h.Write([]byte{0})
	h.Write(payload)
	return h.Sum64()
}

// binding joins the parameters a token is bound to, each length-prefixed so
// that no two parameter lists give the same string.
func binding(parts ...string) string {
	var b []byte
	for _, p := range parts {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
	}
	return string(b)
}

// page decides which items [start, end) of the n matching ones a call
// serves and the token it returns, given the token it sent (nil or "" for
// the first page), the page size and the fault that fires on it. call is the
// call's number, unique within the service. errBadToken means the token is
// not one of this listing's.
func page(bind string, n, size int, sent *string, f *Fault, call int) (start, end int, next string, err error) {
	pos := token{kind: tokNext}
	if sent != nil && *sent != "" {
		if pos, err = decodeToken(*sent, bind); err != nil {
			return 0, 0, "", err
		}
	}
	at := func(off uint64) int { return int(min(off, uint64(n))) }
	switch pos.kind {
	case tokNext:
		start = at(pos.a)
	case tokCycle:
		// A cycle never ends, whatever the faults say.
		start = at(pos.a + (pos.b-1)*uint64(size))
		end = min(start+size, n)
		return start, end, token{tokCycle, pos.a, pos.b%pos.c + 1, pos.c}.encode(bind), nil
	case tokEmpty:
		start = at(pos.a)
		if pos.b > 0 {
			end, next = start, token{tokEmpty, pos.a, pos.b - 1, pos.c}.encode(bind)
		}
	}
	if next == "" {
		end = min(start+size, n)
		if end < n {
			next = token{kind: tokNext, a: uint64(end)}.encode(bind)
		}
	}
	if f == nil {
		return start, end, next, nil
	}
	switch f.kind {
	case faultRepeat:
		if sent == nil || *sent == "" {
			return 0, 0, "", fmt.Errorf("sessionstest: %v fired on call %d, which asked for the first page and so sent no token to repeat", *f, call)
		}
		next = *sent
	case faultCycle:
		next = token{tokCycle, uint64(end), 1, uint64(f.k)}.encode(bind)
	case faultEmpty:
		end, next = start, token{tokEmpty, uint64(start), uint64(f.k - 1), uint64(call)}.encode(bind)
	}
	return start, end, next, nil
}
