package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/sessionkit/sessions/internal/awscli"
)

// jsonSink streams the AWS CLI's json document as pages arrive: the list's
// items, then "NextToken". With --query it needs the whole result first.
type jsonSink struct {
	sinkConfig
	n   int
	all []any // with --query or a single response
	b   []byte
}

func newJSONSink(c sinkConfig) sink { return &jsonSink{sinkConfig: c} }

func (s *jsonSink) page(b batch, next string) {
	items := b.records(s.out.stamp)
	if s.single {
		s.dump(s.apply(s.shape.Response(items, next)))
		return
	}
	if s.out.query != nil {
		s.all = append(s.all, items...)
		return
	}
	for _, it := range items {
		b := s.b[:0]
		if s.n == 0 {
			b = append(b, "{\n    "...)
			b = awscli.AppendJSONString(b, s.shape.ListKey)
			b = append(b, ": [\n        "...)
		} else {
			b = append(b, ",\n        "...)
		}
		b = awscli.AppendJSON(b, it, 2)
		s.w.Write(b)
		s.b = b
		s.n++
	}
}

func (s *jsonSink) dump(v any) {
	if m, ok := v.(awscli.Map); ok && len(m) == 0 {
		return // the AWS CLI prints nothing for an empty object
	}
	s.w.Write(append(awscli.AppendJSON(nil, v, 0), '\n'))
}

func (s *jsonSink) end(resume string) {
	switch {
	case s.single:
	case s.out.query != nil:
		s.dump(s.apply(s.shape.Full(s.all, resume)))
	default:
		var b []byte
		if s.n == 0 {
			b = append(b, "{\n    "...)
			b = awscli.AppendJSONString(b, s.shape.ListKey)
			b = append(b, ": []"...)
		} else {
			b = append(b, "\n    ]"...)
		}
		if resume != "" {
			b = append(b, ",\n    \"NextToken\": "...)
			b = awscli.AppendJSONString(b, resume)
		}
		s.w.Write(append(b, "\n}\n"...))
	}
}

// textSink prints the AWS CLI's text output page by page, the --query
// applied to each page, then the NextToken.
type textSink struct{ sinkConfig }

func newTextSink(c sinkConfig) sink { return &textSink{c} }

func (s *textSink) page(b batch, next string) {
	items := b.records(s.out.stamp)
	v := awscli.Map{{Key: s.shape.ListKey, Value: items}}
	if s.single {
		v = s.shape.Response(items, next)
	}
	s.w.Write(awscli.AppendText(nil, s.apply(v)))
}

func (s *textSink) end(resume string) {
	if resume != "" && !s.single {
		v := awscli.Map{{Key: "NextToken", Value: awscli.Map{{Key: "NextToken", Value: resume}}}}
		s.w.Write(awscli.AppendText(nil, s.apply(v)))
	}
}

// collector keeps the whole listing for the formats that need all of it.
type collector struct {
	sinkConfig
	items []any
	next  string
}

func (c *collector) page(b batch, next string) {
	c.items = append(c.items, b.records(c.out.stamp)...)
	c.next = next
}

func (c *collector) result(resume string) any {
	if c.single {
		return c.apply(c.shape.Response(c.items, c.next))
	}
	return c.apply(c.shape.Full(c.items, resume))
}

// tableSink prints the AWS CLI's boxed table, which needs every row to
// size its columns.
type tableSink struct{ collector }

func newTableSink(c sinkConfig) sink { return &tableSink{collector{sinkConfig: c}} }

func (s *tableSink) end(resume string) {
	v := s.result(resume)
	s.items = nil // the table keeps what it prints: the records can go
	err := awscli.WriteTable(s.w, s.shape.Operation, v, s.out.width, s.out.color)
	if err != nil && s.failed != nil && *s.failed == nil {
		*s.failed = err // as a --query failure: nothing printed, 255
	}
}

// yamlSink prints the AWS CLI's yaml output. Keys are sorted, so a
// NextToken comes before the items: with --max-items the items are kept,
// as YAML text, until the listing ends; otherwise they stream. With
// --query or a single response it needs the whole result.
type yamlSink struct {
	collector
	n     int
	items []byte // the items' YAML, when a NextToken may come first
}

func newYAMLSink(c sinkConfig) sink { return &yamlSink{collector: collector{sinkConfig: c}} }

func (s *yamlSink) whole() bool { return s.single || s.out.query != nil }

func (s *yamlSink) page(b batch, next string) {
	if s.whole() {
		s.collector.page(b, next)
		return
	}
	for _, it := range b.records(s.out.stamp) {
		var b []byte
		if s.n == 0 {
			b = append(b, s.shape.ListKey+":\n"...)
		}
		s.n++
		b = awscli.AppendYAML(b, []any{it})
		if s.mayResume {
			s.items = append(s.items, b...)
		} else {
			s.w.Write(b)
		}
	}
}

func (s *yamlSink) end(resume string) {
	if s.whole() {
		v := s.result(resume)
		if m, ok := v.(awscli.Map); ok && len(m) == 0 {
			return
		}
		s.w.Write(awscli.AppendYAML(nil, v))
		return
	}
	if resume != "" {
		s.w.Write(awscli.AppendYAML(nil, awscli.Map{{Key: "NextToken", Value: resume}}))
	}
	if s.n == 0 {
		s.w.Write([]byte(s.shape.ListKey + ": []\n"))
	}
	s.w.Write(s.items)
}

// yamlStreamSink prints each response as it arrives, as a one-element
// YAML list, with --query applied to each.
type yamlStreamSink struct{ sinkConfig }

func newYAMLStreamSink(c sinkConfig) sink { return &yamlStreamSink{c} }

func (s *yamlStreamSink) page(b batch, next string) {
	s.w.Write(awscli.AppendYAML(nil, []any{s.apply(s.shape.Response(b.records(s.out.stamp), next))}))
}

func (s *yamlStreamSink) end(string) {}

// offSink prints nothing, as --output off in the AWS CLI v2.
type offSink struct{}

func (offSink) page(batch, string) {}
func (offSink) end(string)         {}

// jsonlSink streams one compact object per line (the --query applied to
// each), and a last line {"NextToken": …} when the listing was cut.
type jsonlSink struct {
	sinkConfig
	b []byte
}

func newJSONLSink(c sinkConfig) sink { return &jsonlSink{sinkConfig: c} }

func (s *jsonlSink) page(b batch, next string) {
	for _, it := range b.records(s.out.stamp) {
		s.b = append(awscli.AppendJSON(s.b[:0], s.apply(it), -1), '\n')
		s.w.Write(s.b)
	}
	if s.single && next != "" {
		s.w.Write(append(awscli.AppendJSON(nil, awscli.Map{{Key: "nextToken", Value: next}}, -1), '\n'))
	}
}

func (s *jsonlSink) end(resume string) {
	if resume != "" {
		s.w.Write(append(awscli.AppendJSON(nil, awscli.Map{{Key: "NextToken", Value: resume}}, -1), '\n'))
	}
}

// columnsSink prints aligned columns for people, one session a line, once
// the listing is done (the widths depend on every row), then the
// NextToken. The columns are the shape's, and the parent's when several
// are listed.
type columnsSink struct{ collector }

func newColumnsSink(c sinkConfig) sink { return &columnsSink{collector{sinkConfig: c}} }

func (s *columnsSink) end(resume string) {
	cols := s.columns
	if len(s.items) > 0 {
		if m, ok := s.items[0].(awscli.Map); ok && len(m) > 0 && !slices.Contains(cols, m[0].Key) {
			cols = append([]string{m[0].Key}, cols...)
		}
	}
	tw := tabwriter.NewWriter(s.w, 0, 0, 2, ' ', 0)
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = strings.ToUpper(c)
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, it := range s.items {
		m, _ := it.(awscli.Map)
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = "-"
			if v, ok := m.Get(c); ok {
				row[i] = fmt.Sprint(v)
			}
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	tw.Flush()
	if len(s.items) == 0 {
		fmt.Fprintln(s.w, "(no sessions)")
	}
	if resume != "" {
		fmt.Fprintln(s.w, "NextToken: "+resume)
	}
}

func sortedStrings(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}
