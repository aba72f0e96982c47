package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/sessionkit/sessions/internal/fakeaws"
	"github.com/sessionkit/sessions/internal/fakesvc"
)

// A dataSet is the data that "sessions serve --data" serves, read from
// files in the shapes the AWS CLI and sessions print: a JSON document
// ({"stageSessions":[…]}, {"sessions":[…]}, {"stages":[…]}) or JSON Lines,
// one session, stage or page per line.
type dataSet struct {
	stageARN, studioID string // for items that name no parent

	stages      map[string]*fakeaws.Stage
	stageItems  map[string][]fakeaws.StageSession
	stageWhere  map[string][]where // the file and line of each of stageItems
	stageOrder  []string
	studios     map[string][]fakeaws.StreamingSession
	studioOrder []string
	seen        map[string]string // kind, parent and session ID → where first seen
	file        string            // the file being read
	sessions    int
	streaming   int
}

func newDataSet(stageARN, studioID string) *dataSet {
	return &dataSet{
		stageARN: stageARN, studioID: studioID,
		stages: map[string]*fakeaws.Stage{}, stageItems: map[string][]fakeaws.StageSession{}, stageWhere: map[string][]where{},
		studios: map[string][]fakeaws.StreamingSession{}, seen: map[string]string{},
	}
}

// options serves the data, each stage's sessions most recent first, as
// the service lists them, whatever the order of the files.
func (d *dataSet) options() []fakeaws.Option {
	var opts []fakeaws.Option
	for _, arn := range d.stageOrder {
		st := *d.stages[arn]
		items := slices.Clone(d.stageItems[arn])
		slices.SortStableFunc(items, func(a, b fakeaws.StageSession) int {
			return fakesvc.NewestFirst(fakesvc.Span{Start: a.StartTime}, fakesvc.Span{Start: b.StartTime})
		})
		st.Sessions = fakeaws.FromSlice(items)
		opts = append(opts, fakeaws.WithStages(st))
	}
	for _, id := range d.studioOrder {
		opts = append(opts, fakeaws.WithStudio(id, fakeaws.FromSlice(d.studios[id])))
	}
	return opts
}

func (d *dataSet) summary() string {
	var parts []string
	if len(d.stages) > 0 {
		parts = append(parts, count(len(d.stages), "stage")+" with "+count(d.sessions, "session"))
	}
	if len(d.studios) > 0 {
		parts = append(parts, count(len(d.studios), "studio")+" with "+count(d.streaming, "streaming session"))
	}
	return strings.Join(parts, ", ")
}

// A dataError is a problem with a data file, at a line.
type dataError struct {
	file string
	line int
	msg  string
}

func (e *dataError) Error() string {
	if e.line == 0 {
		return fmt.Sprintf("--data %s: %s", e.file, e.msg)
	}
	return fmt.Sprintf("--data %s: line %d: %s", e.file, e.line, e.msg)
}

// load reads one file: a JSON document, or JSON Lines when it holds more
// than one value.
func (d *dataSet) load(name string) error {
	d.file = name
	b, err := os.ReadFile(name)
	if err != nil {
		return &dataError{file: name, msg: "cannot read it: " + strings.TrimPrefix(err.Error(), "open "+name+": ")}
	}
	fail := func(line int, format string, a ...any) error {
		return &dataError{file: name, line: line, msg: fmt.Sprintf(format, a...)}
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return fail(0, "the file is empty; want JSON or JSON Lines as the AWS CLI or sessions print them")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	var first json.RawMessage
	if err := dec.Decode(&first); err != nil {
		return fail(lineOf(b, errOffset(err, dec)), "not JSON: %v", err)
	}
	if !dec.More() {
		return d.value(first, lineOf(b, int64(len(b)-len(bytes.TrimLeft(b, " \t\r\n")))), fail, true)
	}
	// JSON Lines: one value per non-blank line.
	for i, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if !json.Valid(line) {
			var v any
			err := json.Unmarshal(line, &v)
			return fail(i+1, "not JSON: %v (a JSON Lines file holds one JSON value per line)", err)
		}
		if err := d.value(line, i+1, fail, false); err != nil {
			return err
		}
	}
	return nil
}

// errOffset returns where a decoding error happened.
func errOffset(err error, dec *json.Decoder) int64 {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return se.Offset
	case errors.As(err, &te):
		return te.Offset
	}
	return dec.InputOffset()
}

// lineOf returns the line, counting from 1, of byte offset off of b.
func lineOf(b []byte, off int64) int {
	off = min(max(off, 0), int64(len(b)))
	return 1 + bytes.Count(b[:off], []byte("\n"))
}

// value reads one JSON value at line: a page or listing ({"stageSessions":
// […]}, {"sessions":[…]}, {"stages":[…]}) or, in JSON Lines, one item. In a
// whole-file document, items are located on their own lines.
func (d *dataSet) value(raw []byte, line int, fail func(int, string, ...any) error, document bool) error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return fail(line, "want a JSON object, got %s", kindOf(raw))
	}
	lists := 0
	for _, key := range []string{"stageSessions", "sessions", "stages"} {
		list, ok := obj[key]
		if !ok {
			continue
		}
		lists++
		var items []json.RawMessage
		if err := json.Unmarshal(list, &items); err != nil {
			return fail(line, "%q must be a list, got %s", key, kindOf(list))
		}
		parent := ""
		for _, k := range []string{"stageArn", "studioId"} {
			if v, ok := obj[k]; ok {
				json.Unmarshal(v, &parent)
			}
		}
		pos := bytes.Index(raw, list) // where the items are searched for their lines
		for _, it := range items {
			at := line
			if document {
				pos += bytes.Index(raw[pos:], it)
				at = line + bytes.Count(raw[:pos], []byte("\n"))
				pos += len(it)
			}
			var err error
			switch key {
			case "stageSessions":
				err = d.stageSession(it, parent, at, fail)
			case "sessions":
				err = d.streamingSession(it, parent, at, fail)
			case "stages":
				err = d.stage(it, at, fail)
			}
			if err != nil {
				return err
			}
		}
	}
	if lists > 0 {
		return nil
	}
	// One item (a line of JSON Lines), told apart by its members.
	has := func(k string) bool { _, ok := obj[k]; return ok }
	switch {
	case has("stageArn") || has("startTime") || has("endTime") || stageSessionID(obj["sessionId"]):
		return d.stageSession(raw, "", line, fail)
	case has("studioId") || has("sessionId"):
		return d.streamingSession(raw, "", line, fail)
	case has("arn"):
		return d.stage(raw, line, fail)
	case len(obj) == 1 && (has("NextToken") || has("nextToken")):
		return nil // the token line that ends a truncated listing
	}
	return fail(line, `want an object with "stageSessions", "sessions" or "stages", as the AWS CLI prints, or JSON Lines of stage sessions (sessionId, startTime), streaming sessions (sessionId, state, …) or stages (arn, name)`)
}

// stageSessionID reports whether a sessionId member names a stage session
// ("st-…"), which tells a stage session from a streaming session that
// lacks its other members.
func stageSessionID(raw json.RawMessage) bool {
	var id string
	return json.Unmarshal(raw, &id) == nil && strings.HasPrefix(id, "st-")
}

func kindOf(raw []byte) string {
	switch t := bytes.TrimSpace(raw); {
	case len(t) == 0:
		return "nothing"
	case t[0] == '[':
		return "a list"
	case t[0] == '"':
		return "a string"
	case t[0] == '{':
		return "an object"
	case t[0] == 'n':
		return "null"
	case t[0] == 't' || t[0] == 'f':
		return "a boolean"
	}
	return "a number"
}
