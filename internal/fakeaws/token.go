package fakeaws

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash/fnv"
)

// Tokens are base64url (no padding) of a small binary payload followed by an
// 8-byte checksum over the payload and the listing's binding: the operation,
// the parent and the server-side filters. A token from another listing or an
// edited token fails the checksum, which is how the server tells "foreign or
// forged" apart from a valid position. The alphabet fits the services'
// documented pattern ^[a-zA-Z0-9+/=_-]*$ and needs no escaping in a query.
//
// Tokens are deterministic: the same position in the same listing always
// gives the same string, which the repeat and cycle faults rely on.

type tokenKind byte

const (
	// kindNext resumes at an item index.
	kindNext tokenKind = 1 + iota
	// kindCycle is position step (1..k) of a token cycle started at a page:
	// it serves the page step pages after that one and returns the token
	// of the next step, wrapping from k back to 1.
	kindCycle
	// kindEmpty resumes at an item index after an injected empty page; the
	// nonce keeps consecutive empty-page tokens distinct.
	kindEmpty
)

const (
	tokenVersion = 1
	maxTokenLen  = 1024
)

var errBadToken = errors.New("the nextToken is not valid for this request")

type token struct {
	kind   tokenKind
	offset int    // item index the page starts at (cycle: index of the faulted page)
	a, b   uint64 // cycle: step, length; empty: nonce
}

func (t token) encode(binding string) string {
	var buf [2 + 3*binary.MaxVarintLen64 + 8]byte
	p := append(buf[:0], tokenVersion, byte(t.kind))
	p = binary.AppendUvarint(p, uint64(t.offset))
	p = binary.AppendUvarint(p, t.a)
	p = binary.AppendUvarint(p, t.b)
	p = binary.BigEndian.AppendUint64(p, tokenSum(binding, p))
	return base64.RawURLEncoding.EncodeToString(p)
}

func decodeToken(s, binding string) (token, error) {
	if len(s) > maxTokenLen {
		return token{}, errBadToken
	}
	p, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(p) < 2+3+8 {
		return token{}, errBadToken
	}
	body, sum := p[:len(p)-8], binary.BigEndian.Uint64(p[len(p)-8:])
	if body[0] != tokenVersion || sum != tokenSum(binding, body) {
		return token{}, errBadToken
	}
	t := token{kind: tokenKind(body[1])}
	rest := body[2:]
	var vals [3]uint64
	for i := range vals {
		v, n := binary.Uvarint(rest)
		if n <= 0 {
			return token{}, errBadToken
		}
		vals[i], rest = v, rest[n:]
	}
	if len(rest) != 0 || vals[0] > 1<<40 {
		return token{}, errBadToken
	}
	t.offset, t.a, t.b = int(vals[0]), vals[1], vals[2]
	switch t.kind {
	case kindNext, kindEmpty:
	case kindCycle:
		if t.b == 0 || t.a == 0 || t.a > t.b {
			return token{}, errBadToken
		}
	default:
		return token{}, errBadToken
	}
	return t, nil
}

func tokenSum(binding string, payload []byte) uint64 {
	h := fnv.New64a()
	h.Write([]byte("fakeaws-token\x00"))
	h.Write([]byte(binding))
	h.Write([]byte{0})
	h.Write(payload)
	return h.Sum64()
}
