package fakesvc

import (
	"encoding/base64"
	"encoding/binary"
	"hash/fnv"
	"strconv"
)

// Tokens are base64url (no padding) of a small binary payload followed by an
// 8-byte checksum over the payload and the listing's binding: the operation,
// the parent and the server-side filters. A token from another listing or an
// edited token fails the checksum, which is how a fake tells "foreign or
// forged" apart from a valid position. The alphabet fits the services'
// documented pattern ^[a-zA-Z0-9+/=_-]*$ and needs no escaping in a query.
//
// Tokens are deterministic: the same position in the same listing always
// gives the same string, which the repeat and cycle faults rely on.

type tokenKind byte

const (
	// kindNext resumes at an item index.
	kindNext tokenKind = 1 + iota
	// kindCycle is step a (1..b) of a token cycle started at the page at
	// offset: it serves the page a pages after that one.
	kindCycle
	// kindEmpty resumes at offset after b more empty pages; the nonce a
	// keeps the tokens of separate runs of empty pages distinct.
	kindEmpty
)

const (
	tokenVersion = 1
	maxTokenLen  = 1024
)

type token struct {
	kind   tokenKind
	offset int
	a, b   uint64
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

func decodeToken(s, binding string) (token, bool) {
	if len(s) > maxTokenLen {
		return token{}, false
	}
	p, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil || len(p) < 2+3+8 {
		return token{}, false
	}
	body, sum := p[:len(p)-8], binary.BigEndian.Uint64(p[len(p)-8:])
	if body[0] != tokenVersion || sum != tokenSum(binding, body) {
		return token{}, false
	}
	t := token{kind: tokenKind(body[1])}
	rest := body[2:]
	var vals [3]uint64
	for i := range vals {
		v, n := binary.Uvarint(rest)
		if n <= 0 || v > 1<<40 {
			return token{}, false
		}
		vals[i], rest = v, rest[n:]
	}
	t.offset, t.a, t.b = int(vals[0]), vals[1], vals[2]
	switch {
	case len(rest) != 0:
		return token{}, false
	case t.kind == kindNext, t.kind == kindEmpty:
	case t.kind == kindCycle && t.a >= 1 && t.a <= t.b:
	default:
		return token{}, false
	}
	return t, true
}

func tokenSum(binding string, payload []byte) uint64 {
	h := fnv.New64a()
	// The salt predates the shared engine; keeping it keeps the tokens
	// that recorded outputs show.
	h.Write([]byte("fakeaws-token\x00"))
	h.Write([]byte(binding))
	h.Write([]byte{0})
	h.Write(payload)
	return h.Sum64()
}

// Binding joins what a listing's tokens are bound to: the operation, the
// parent (stage ARN, studio ID, or region for ListStages) and the
// server-side filters, each filter either absent or length-prefixed, so that
// no two listings give the same string and a filter sent empty differs from
// one not sent.
func Binding(op Op, parent string, filters ...*string) string {
	b := append([]byte(op), 0)
	b = append(b, parent...)
	for _, f := range filters {
		if f == nil {
			b = append(b, "\x00-"...)
			continue
		}
		b = append(b, 0)
		b = strconv.AppendInt(b, int64(len(*f)), 10)
		b = append(b, ':')
		b = append(b, *f...)
	}
	return string(b)
}
