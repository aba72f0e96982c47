package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
	"unicode/utf8"
)

// A record is one session as the service's JSON names it, in the order the
// output shows its members. Values are string, int, record or
// map[string]string; members the service left out are not in the record,
// as the AWS CLI leaves out null members.
type record []field

type field struct {
	key string
	val any
}

func (r record) get(key string) (any, bool) {
	for _, f := range r {
		if f.key == key {
			return f.val, true
		}
	}
	return nil, false
}

// A kind describes how one item type is printed.
type kind[T any] struct {
	cmd       string   // the subcommand
	listKey   string   // the response member holding the items, e.g. "stageSessions"
	parentKey string   // the member added for the parent when several are listed
	scalars   []string // every scalar member a record can have, for text output
	record    func(T) record
	parent    func(T) string
	tableHead []string
	tableRow  func(T) []string
}

// isoTime formats t as the AWS CLI v2 prints timestamps: botocore parses
// the wire value into a datetime that keeps the wire's UTC offset, and the
// CLI prints datetime.isoformat(): "+00:00" for UTC, and microseconds (six
// digits) only when they are not zero.
func isoTime(t time.Time) string {
	b := t.AppendFormat(make([]byte, 0, 32), "2006-01-02T15:04:05")
	if us := t.Nanosecond() / 1000; us != 0 {
		b = fmt.Appendf(b, ".%06d", us)
	}
	_, off := t.Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b = fmt.Appendf(b, "%c%02d:%02d", sign, off/3600, off/60%60)
	if off%60 != 0 {
		b = fmt.Appendf(b, ":%02d", off%60)
	}
	return string(b)
}

// tableTime formats t for people: UTC, to the second.
func tableTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05")
}

// appendJSON appends v as JSON. With indent ≥ 0 it is laid out like
// Python's json.dumps(v, indent=4), as the AWS CLI prints it, with the
// value starting at that depth; with indent < 0 it is compact.
func appendJSON(b []byte, v any, indent int) []byte {
	nl := func(b []byte, depth int) []byte {
		if indent < 0 {
			return b
		}
		b = append(b, '\n')
		for range depth {
			b = append(b, "    "...)
		}
		return b
	}
	sep, child := ":", indent
	if indent >= 0 {
		sep, child = ": ", indent+1
	}
	switch v := v.(type) {
	case string:
		return appendJSONString(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case record:
		if len(v) == 0 {
			return append(b, "{}"...)
		}
		b = append(b, '{')
		for i, f := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = nl(b, child)
			b = appendJSONString(b, f.key)
			b = append(b, sep...)
			b = appendJSON(b, f.val, child)
		}
		b = nl(b, indent)
		return append(b, '}')
	case map[string]string:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		r := make(record, len(keys))
		for i, k := range keys {
			r[i] = field{k, v[k]}
		}
		return appendJSON(b, r, indent)
	}
	panic(fmt.Sprintf("appendJSON: unexpected %T", v))
}

// appendJSONString quotes s like Python's json.dumps with ensure_ascii off:
// non-ASCII text stays as it is.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r < 0x20:
			b = fmt.Appendf(b, `\u%04x`, r)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

// A sink receives the items of a listing and writes them in one format.
// add and page are called from the listing's goroutine; flush may be
// called from another one.
type sink[T any] interface {
	add(parent int, v T) // an item of the parent with this index
	page()               // a page ended: streamed output is flushed
	flush()              // streamed output so far is written out
	finish(next string)  // the listing succeeded; next is its NextToken or ""
	abort()              // the listing failed: keep what was streamed, drop the rest
}

// newSink returns the sink for format; multi tells whether items carry
// their parent.
func newSink[T any](format string, k *kind[T], multi bool, parents int, w io.Writer) sink[T] {
	rec := func(v T) record {
		r := k.record(v)
		if multi {
			r = slices.Insert(r, 0, field{k.parentKey, k.parent(v)})
		}
		return r
	}
	switch format {
	case "jsonl":
		return &jsonlSink[T]{out: newStream(w), rec: rec}
	case "text":
		keys := k.scalars
		if multi {
			keys = append(slices.Clone(keys), k.parentKey)
			sort.Strings(keys)
		}
		return &textSink[T]{out: newStream(w), rec: rec, keys: keys, id: strings.ToUpper(k.listKey)}
	case "table":
		return &tableSink[T]{w: w, k: k, multi: multi, rows: make([][][]string, parents)}
	}
	return &jsonSink[T]{w: w, rec: rec, listKey: k.listKey, items: make([][]byte, parents)}
}

// jsonSink prints the AWS CLI's JSON document once the listing is done,
// items grouped by parent in the order the parents were given, so that a
// complete listing prints the same document every time.
type jsonSink[T any] struct {
	w       io.Writer
	rec     func(T) record
	listKey string
	items   [][]byte // per parent: items rendered at depth 2, each followed by ",\n"
}

func (s *jsonSink[T]) add(parent int, v T) {
	b := append(s.items[parent], "        "...)
	b = appendJSON(b, s.rec(v), 2)
	s.items[parent] = append(b, ",\n"...)
}

func (s *jsonSink[T]) page()  {}
func (s *jsonSink[T]) flush() {}
func (s *jsonSink[T]) abort() {}

func (s *jsonSink[T]) finish(next string) {
	all := bytes.Join(s.items, nil)
	b := append([]byte("{\n    "), appendJSONString(nil, s.listKey)...)
	if len(all) == 0 {
		b = append(b, ": []"...)
	} else {
		b = append(b, ": [\n"...)
		b = append(b, all[:len(all)-2]...) // without the last ",\n"
		b = append(b, "\n    ]"...)
	}
	if next != "" {
		b = append(b, ",\n    \"NextToken\": "...)
		b = appendJSONString(b, next)
	}
	b = append(b, "\n}\n"...)
	s.w.Write(b)
}

// A stream is a buffered writer that another goroutine may flush.
type stream struct {
	mu  sync.Mutex
	buf *bufio.Writer
}

func newStream(w io.Writer) *stream { return &stream{buf: bufio.NewWriterSize(w, 64<<10)} }

func (s *stream) write(b []byte) {
	s.mu.Lock()
	s.buf.Write(b)
	s.mu.Unlock()
}

func (s *stream) flush() {
	s.mu.Lock()
	s.buf.Flush()
	s.mu.Unlock()
}

// jsonlSink streams one compact object per line, and a last line
// {"NextToken": …} when the listing was cut by --max-items.
type jsonlSink[T any] struct {
	out *stream
	rec func(T) record
	b   []byte
}

func (s *jsonlSink[T]) add(_ int, v T) {
	s.b = append(appendJSON(s.b[:0], s.rec(v), -1), '\n')
	s.out.write(s.b)
}

func (s *jsonlSink[T]) page()  { s.out.flush() }
func (s *jsonlSink[T]) flush() { s.out.flush() }
func (s *jsonlSink[T]) abort() { s.out.flush() }

func (s *jsonlSink[T]) finish(next string) {
	if next != "" {
		s.out.write(appendJSON(nil, record{{"NextToken", next}}, -1))
		s.out.write([]byte{'\n'})
	}
	s.out.flush()
}

// textSink streams the AWS CLI's text output: per item, the list's name in
// upper case and the scalar members in the order of their names, tab
// separated, "None" for a member the item lacks; then a line per nested
// member (TAGS, VOLUMECONFIGURATION) with its values in the order of their
// names. Unlike the CLI, which takes the columns from the members present
// in each page, every line has every column, so columns never shift.
type textSink[T any] struct {
	out  *stream
	rec  func(T) record
	keys []string
	id   string
	b    []byte
}

func (s *textSink[T]) add(_ int, v T) {
	r := s.rec(v)
	b := append(s.b[:0], s.id...)
	for _, k := range s.keys {
		b = append(b, '\t')
		if val, ok := r.get(k); ok {
			b = appendText(b, val)
		} else {
			b = append(b, "None"...)
		}
	}
	b = append(b, '\n')
	nested := make([]field, 0, 2)
	for _, f := range r {
		switch f.val.(type) {
		case record, map[string]string:
			nested = append(nested, f)
		}
	}
	sort.Slice(nested, func(i, j int) bool { return nested[i].key < nested[j].key })
	for _, f := range nested {
		b = append(b, strings.ToUpper(f.key)...)
		switch val := f.val.(type) {
		case record:
			sorted := slices.Clone(val)
			sort.Slice(sorted, func(i, j int) bool { return sorted[i].key < sorted[j].key })
			for _, g := range sorted {
				b = appendText(append(b, '\t'), g.val)
			}
		case map[string]string:
			keys := make([]string, 0, len(val))
			for k := range val {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				b = append(append(b, '\t'), val[k]...)
			}
		}
		b = append(b, '\n')
	}
	s.b = b
	s.out.write(b)
}

func appendText(b []byte, v any) []byte {
	switch v := v.(type) {
	case string:
		return append(b, v...)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	}
	return b
}

func (s *textSink[T]) page()  { s.out.flush() }
func (s *textSink[T]) flush() { s.out.flush() }
func (s *textSink[T]) abort() { s.out.flush() }

func (s *textSink[T]) finish(next string) {
	if next != "" {
		s.out.write([]byte("NEXTTOKEN\t" + next + "\n"))
	}
	s.out.flush()
}

// tableSink prints aligned columns once the listing is done, since the
// widths depend on every row; rows are grouped by parent like jsonSink's.
type tableSink[T any] struct {
	w     io.Writer
	k     *kind[T]
	multi bool
	rows  [][][]string
}

func (s *tableSink[T]) add(parent int, v T) {
	row := s.k.tableRow(v)
	if s.multi {
		row = slices.Insert(row, 0, s.k.parent(v))
	}
	s.rows[parent] = append(s.rows[parent], row)
}

func (s *tableSink[T]) page()  {}
func (s *tableSink[T]) flush() {}
func (s *tableSink[T]) abort() {}

func (s *tableSink[T]) finish(next string) {
	tw := tabwriter.NewWriter(s.w, 0, 0, 2, ' ', 0)
	head := s.k.tableHead
	if s.multi {
		head = slices.Insert(slices.Clone(head), 0, strings.ToUpper(s.k.cmd))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	n := 0
	for _, rows := range s.rows {
		for _, row := range rows {
			fmt.Fprintln(tw, strings.Join(row, "\t"))
			n++
		}
	}
	tw.Flush()
	if n == 0 {
		fmt.Fprintln(s.w, "(no sessions)")
	}
	if next != "" {
		fmt.Fprintln(s.w, "NextToken: "+next)
	}
}
