package sessions

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"io"
	"strconv"
	"strings"
	"sync"
)

// A fan-out cursor records where every source of a [Fanout] stands: the
// sources still to start, the finished ones and, for the others, their
// paginator's cursor. It also holds what it is bound to (the operation, and
// for an account listing the query that chose the stages), and for an
// account listing where its stage discovery stands in each region. The
// sources' cursors are stored decoded, so that the stage ARNs they repeat
// compress away; the whole is deflated, checksummed and base64url-encoded
// after a prefix that neither a service token nor a paginator cursor has.
const fanoutPrefix = "sessions.fanout.v1."

// maxFanoutCursor bounds a decoded cursor, so that a forged one cannot make
// decoding allocate without limit.
const maxFanoutCursor = 64 << 20

// A real cursor inflates to at most about 21 times its deflated size (the
// most compressible one measured: thousands of sequential stage ARNs, all
// finished), and spends more than 2.5 deflated bytes on each source, whose
// IDs all differ. A forged cursor may claim far more of either; decoding
// stops at maxInflation times its size and at one entry per deflated byte,
// so that what it allocates is bounded by the cursor's length.
const maxInflation = 64

// An entry is one source of a fan-out, or one region's stage discovery, as
// a fan-out cursor records it.
type entry struct {
	id   string // the parent (stage ARN, studio ID) or region
	done bool   // finished
	at   []byte // where it stands: its paginator's cursor body; nil for the start (or when done)
}

// fanoutState is what a fan-out cursor holds.
type fanoutState struct {
	bind    []string // key, value, key, value, …
	lists   []entry  // stage discovery, one entry per region
	sources []entry
}

// Entry states, as encoded. A source not started is recorded at its
// paginator's first cursor (entryAt), which binds it to its filters;
// entryStart, unbound, comes only from cursors made before that.
const (
	entryStart byte = iota
	entryDone
	entryAt
)

func encodeFanout(st *fanoutState) string {
	buf := binary.AppendUvarint(nil, uint64(len(st.bind)))
	for _, s := range st.bind {
		buf = appendString(buf, s)
	}
	for _, es := range [][]entry{st.lists, st.sources} {
		buf = binary.AppendUvarint(buf, uint64(len(es)))
		for _, e := range es {
			buf = appendString(buf, e.id)
			switch {
			case e.done:
				buf = append(buf, entryDone)
			case e.at == nil:
				buf = append(buf, entryStart)
			default:
				buf = append(buf, entryAt)
				buf = binary.AppendUvarint(buf, uint64(len(e.at)))
				buf = append(buf, e.at...)
			}
		}
	}
	var z bytes.Buffer
	w := flaters.Get().(*flate.Writer)
	w.Reset(&z)
	w.Write(buf)
	w.Close()
	flaters.Put(w)
	z.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(buf)))
	return fanoutPrefix + base64.RawURLEncoding.EncodeToString(z.Bytes())
}

// flaters keeps deflate writers for reuse: a new one allocates hundreds of
// kilobytes, and a caller may take a cursor after every item.
var flaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed) // the level is valid
	return w
}}

// isFanoutCursor reports whether s claims to be a fan-out cursor.
func isFanoutCursor(s string) bool { return strings.HasPrefix(s, fanoutPrefix) }

func decodeFanout(s string) (*fanoutState, error) {
	bad := func(reason string) (*fanoutState, error) {
		return nil, &InputError{Field: "StartingToken", Value: s, Reason: reason}
	}
	if !isFanoutCursor(s) {
		if isCursor(s) {
			return bad("a paginator's cursor; a fan-out resumes from the cursor of a Fanout (Fanout.Cursor)")
		}
		return bad("not a cursor from Fanout.Cursor")
	}
	z, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(s, fanoutPrefix))
	if err != nil || len(z) < 4 {
		return bad("not a valid fan-out cursor (corrupt or truncated)")
	}
	limit := min(maxFanoutCursor, maxInflation*len(z))
	buf, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(z[:len(z)-4])), int64(limit)+1))
	if err != nil || len(buf) > limit {
		return bad("not a valid fan-out cursor (corrupt, truncated or forged)")
	}
	if crc32.ChecksumIEEE(buf) != binary.BigEndian.Uint32(z[len(z)-4:]) {
		return bad("not a valid fan-out cursor (checksum mismatch: corrupt, truncated or edited)")
	}
	d := decoder{buf: buf}
	st := &fanoutState{}
	for range d.count(1) {
		st.bind = append(st.bind, d.string())
	}
	entries := len(z) // at most, one a deflated byte
	for _, es := range []*[]entry{&st.lists, &st.sources} {
		n := d.count(2)
		if entries -= n; entries < 0 {
			return bad("not a valid fan-out cursor (forged: more sources than its size can hold)")
		}
		for range n {
			e := entry{id: d.string()}
			switch d.byte() {
			case entryStart:
			case entryDone:
				e.done = true
			case entryAt:
				e.at = d.bytes()
			default:
				d.failed = true
			}
			*es = append(*es, e)
		}
	}
	if d.failed || len(d.buf) != 0 || len(st.bind)%2 != 0 {
		return bad("not a valid fan-out cursor (malformed)")
	}
	return st, nil
}

// count reads a number of elements of at least min bytes each, failing if
// the buffer cannot hold that many.
func (d *decoder) count(min int) int {
	n := d.uvarint()
	if n > uint64(len(d.buf)/min) {
		d.failed, d.buf = true, nil
		return 0
	}
	return int(n)
}

func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if n > uint64(len(d.buf)) {
		d.failed, d.buf = true, nil
		return nil
	}
	b := d.buf[:n]
	d.buf = d.buf[n:]
	return b
}

// checkBinding compares the binding a cursor was made with to want, and
// names the first difference.
func checkBinding(tok string, got, want []string) error {
	for i := 0; i+1 < len(want); i += 2 {
		v, found := "", false
		for j := 0; j+1 < len(got); j += 2 {
			if got[j] == want[i] {
				v, found = got[j+1], true
				break
			}
		}
		if !found || v != want[i+1] {
			return &InputError{Field: "StartingToken", Value: tok, Reason: "the cursor was made with " + want[i] + " " + strconv.Quote(v) + ", not " + strconv.Quote(want[i+1])}
		}
	}
	if len(got) != len(want) {
		return &InputError{Field: "StartingToken", Value: tok, Reason: "the cursor was made for another kind of fan-out"}
	}
	return nil
}
