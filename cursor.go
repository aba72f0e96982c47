package sessions

import (
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"strconv"
	"strings"
)

// A cursor is an opaque resume point: the token of the page being read, how
// many raw items of it were consumed, and the request parameters that decide
// what the service returns for that token (the binding). Its prefix contains
// a '.', which no IVS token can hold, and a checksum guards against truncated
// or edited values.
const cursorPrefix = "sessions.v1."

// binding is what a cursor is bound to: a cursor is only valid for a listing
// that sends the same parameters, because the service's pages depend on them.
type binding struct {
	op        byte // opStage or opStudio
	parent    string
	pageSize  int // as sent; 0 when left to the service
	createdBy string
	ownedBy   string
	sessionID string
}

const (
	opStage  byte = 's'
	opStudio byte = 'n'
	opStages byte = 't'
)

// The bits of a cursor's flags byte.
const (
	flagLooped     byte = 1 << iota // position.looped
	flagClosesLoop                  // position.closesLoop
	flagOccurrence                  // position.occ > 1 follows the flags
)

// position is a point in a listing: the page fetched with token (the first
// page when token is ""), after its first skip raw items.
type position struct {
	token  string
	skip   int
	lastID string // the ID of the item delivered last, when skip > 0
	// occ counts the items of the page up to the last one delivered that
	// share its ID (0 or 1: the first), so that an ID the service repeats
	// on a page still names one item.
	occ int
	// looped marks the end of a listing stopped by ErrTokenLoop: the
	// tokens seen before are not in the cursor, so it cannot be resumed.
	looped bool
	// closesLoop marks a stop inside a page whose next token was seen
	// before: a resumed listing delivers the rest of the page, then
	// ErrTokenLoop, instead of following the cycle.
	closesLoop bool
}

func encodeCursor(b *binding, pos position) string {
	return cursorString(cursorBody(b, pos))
}

// cursorString returns the cursor whose body (with its checksum) is body.
// A fan-out cursor stores bodies: a source's cursor is made a string only
// to be passed to StartingToken.
func cursorString(body []byte) string {
	return cursorPrefix + base64.RawURLEncoding.EncodeToString(body)
}

// cursorBody returns the body of the cursor of pos, checksum included.
func cursorBody(b *binding, pos position) []byte {
	buf := make([]byte, 0, 32+len(b.parent)+len(pos.token)+len(pos.lastID))
	buf = append(buf, b.op)
	buf = appendString(buf, b.parent)
	buf = binary.AppendUvarint(buf, uint64(b.pageSize))
	buf = appendString(buf, b.createdBy)
	buf = appendString(buf, b.ownedBy)
	buf = appendString(buf, b.sessionID)
	buf = appendString(buf, pos.token)
	buf = binary.AppendUvarint(buf, uint64(pos.skip))
	buf = appendString(buf, pos.lastID)
	var flags byte
	if pos.looped {
		flags |= flagLooped
	}
	if pos.closesLoop {
		flags |= flagClosesLoop
	}
	if pos.occ > 1 {
		flags |= flagOccurrence
	}
	buf = append(buf, flags)
	if pos.occ > 1 {
		buf = binary.AppendUvarint(buf, uint64(pos.occ))
	}
	return binary.BigEndian.AppendUint32(buf, crc32.ChecksumIEEE(buf))
}

func appendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// isCursor reports whether s claims to be a cursor (it may still be corrupt).
func isCursor(s string) bool { return strings.HasPrefix(s, cursorPrefix) }

// IsCursor reports whether token is one of this package's resume points, a
// value of [Paginator.Cursor] or [Fanout.Cursor] (or a corrupt copy of one),
// rather than a page token of the service. A program that takes both in one
// place, as [StartingToken] does, uses it to treat each as it needs.
func IsCursor(token string) bool { return isCursor(token) || isFanoutCursor(token) }

// decodeCursor parses a cursor and checks it against want, the binding of
// the paginator it is given to.
func decodeCursor(s string, want *binding) (position, error) {
	got, pos, err := parseCursor(s)
	if err != nil {
		return position{}, err
	}
	return pos, checkCursor(s, &got, want, pos)
}

// parseCursor returns what cursor s is bound to and the position it holds.
func parseCursor(s string) (binding, position, error) {
	bad := func(reason string) (binding, position, error) {
		return binding{}, position{}, &InputError{Field: "StartingToken", Value: s, Reason: reason}
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(s, cursorPrefix))
	if err != nil || len(raw) < 5 {
		return bad("not a valid cursor (corrupt or truncated)")
	}
	body, sum := raw[:len(raw)-4], binary.BigEndian.Uint32(raw[len(raw)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return bad("not a valid cursor (checksum mismatch: corrupt, truncated or edited)")
	}
	d := decoder{buf: body[1:]}
	got := binding{op: body[0]}
	got.parent = d.string()
	got.pageSize = int(d.uvarint())
	got.createdBy = d.string()
	got.ownedBy = d.string()
	got.sessionID = d.string()
	pos := position{token: d.string(), skip: int(d.uvarint()), lastID: d.string()}
	flags := d.byte()
	pos.looped, pos.closesLoop = flags&flagLooped != 0, flags&flagClosesLoop != 0
	if flags&flagOccurrence != 0 {
		if pos.occ = int(d.uvarint()); pos.occ < 2 {
			d.failed = true
		}
	}
	if d.failed || len(d.buf) != 0 || pos.skip < 0 || flags&^(flagLooped|flagClosesLoop|flagOccurrence) != 0 {
		return bad("not a valid cursor (malformed)")
	}
	return got, pos, nil
}

// checkCursor checks got, what cursor s is bound to, against want, the
// binding of the paginator it is given to; pos is the cursor's position.
func checkCursor(s string, got, want *binding, pos position) error {
	bad := func(reason string) error {
		return &InputError{Field: "StartingToken", Value: s, Reason: reason}
	}
	switch {
	case got.op != want.op:
		return bad("the cursor is for " + opName(got.op) + ", not " + opName(want.op))
	case got.parent != want.parent:
		return bad("the cursor is for " + parentKind(got.op) + " " + strconv.Quote(got.parent) + ", not " + strconv.Quote(want.parent))
	case got.pageSize != want.pageSize:
		return bad("the cursor was made with page size " + pageSizeName(got.pageSize) + ", not " + pageSizeName(want.pageSize))
	case got.createdBy != want.createdBy:
		return bad("the cursor was made with CreatedBy " + strconv.Quote(got.createdBy) + ", not " + strconv.Quote(want.createdBy))
	case got.ownedBy != want.ownedBy:
		return bad("the cursor was made with OwnedBy " + strconv.Quote(got.ownedBy) + ", not " + strconv.Quote(want.ownedBy))
	case got.sessionID != want.sessionID:
		return bad("the cursor was made with the single SessionIDs filter " + strconv.Quote(got.sessionID) + ", not " + strconv.Quote(want.sessionID))
	case pos.looped:
		return &InputError{Field: "StartingToken", Value: s, Reason: "the cursor marks a listing that ended because the service repeated a page token; it cannot be resumed, start again without it", Err: ErrTokenLoop}
	}
	return nil
}

func opName(op byte) string {
	switch op {
	case opStage:
		return "ListStageSessions"
	case opStudio:
		return "ListStreamingSessions"
	case opStages:
		return "ListStages"
	}
	return "an unknown operation"
}

func parentKind(op byte) string {
	switch op {
	case opStage:
		return "stage"
	case opStages:
		return "region"
	}
	return "studio"
}

func pageSizeName(n int) string {
	if n == 0 {
		return "the service's default"
	}
	return strconv.Itoa(n)
}

// decoder reads the fields appended by encodeCursor; a short buffer sets
// failed instead of panicking, so any input is safe.
type decoder struct {
	buf    []byte
	failed bool
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.buf)
	if n <= 0 || v > 1<<31 {
		d.failed = true
		d.buf = nil
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *decoder) byte() byte {
	if len(d.buf) == 0 {
		d.failed = true
		return 0
	}
	b := d.buf[0]
	d.buf = d.buf[1:]
	return b
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.buf)) {
		d.failed = true
		d.buf = nil
		return ""
	}
	s := string(d.buf[:n])
	d.buf = d.buf[n:]
	return s
}
