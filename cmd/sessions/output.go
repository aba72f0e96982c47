package main

import (
	"io"
	"os"

	"github.com/sessionkit/sessions/internal/awscli"
)

// A sink receives a listing and writes it in one output format. page gets
// each page's items (records, after filters and cuts) and the page's own
// service token; end gets the NextToken that continues the listing, "" at
// its end. Sinks are called from one goroutine; they write to a shared
// writer that is flushed after every page.
type sink interface {
	page(items []any, next string)
	end(resume string)
}

// sinkConfig is what a format is made with.
type sinkConfig struct {
	w     io.Writer
	shape *awscli.Shape
	out   *outputSpec
	// single: the listing is one request printed as the service's
	// response, as the AWS CLI prints an operation it does not paginate.
	single bool
	// mayResume: the listing may end with a NextToken (--max-items).
	mayResume bool
	// columns are the members the columns output shows.
	columns []string
	// failed holds the first error of a --query evaluation; output stops
	// there, as the AWS CLI's does.
	failed *error
	// parents are the stages or studios listed, in the order given.
	parents []string
}

// formats are the --output formats. Another format is one more entry
// (see registerFormat).
var formats = map[string]func(sinkConfig) sink{
	"json":        newJSONSink,
	"text":        newTextSink,
	"table":       newTableSink,
	"yaml":        newYAMLSink,
	"yaml-stream": newYAMLStreamSink,
	"off":         func(sinkConfig) sink { return offSink{} },
}

// formatOrder is the order --output's choices are listed in: the AWS
// CLI's, then the registered ones.
var formatOrder = []string{"json", "text", "table", "yaml", "yaml-stream", "off"}

// Formats of our own.
func init() {
	registerFormat("jsonl", newJSONLSink)
	registerFormat("columns", newColumnsSink)
}

// registerFormat adds an --output format.
func registerFormat(name string, f func(sinkConfig) sink) {
	formats[name] = f
	formatOrder = append(formatOrder, name)
}

func outputNames() []string { return formatOrder }

// outputSpec is the output the command line asks for.
type outputSpec struct {
	format string
	query  *awscli.Query
	color  bool
	width  int         // the terminal's width for table output
	lanes  string      // --lanes of the picture outputs (picture.go)
	window window      // --from, --to and --tz (picture_flags.go)
	names  *stageNames // finds the stages' names for the picture (picture_stages.go)
}

// newOutputSpec settles --output (else AWS_DEFAULT_OUTPUT, else the
// profile's output, else json), --query and --color.
func newOutputSpec(a *args, stdout io.Writer) (outputSpec, error) {
	o := outputSpec{format: a.str("output"), width: 80}
	flagged := o.format != ""
	if o.format == "" {
		o.format = os.Getenv("AWS_DEFAULT_OUTPUT")
	}
	if o.format == "" {
		o.format = profileSetting(a.str("profile"), "output")
	}
	if o.format == "" {
		o.format = "json"
	}
	if err := settlePicture(a, &o); err != nil {
		return o, err
	}
	if _, ok := formats[o.format]; !ok {
		if !flagged {
			// From the environment or the profile: the AWS CLI fails
			// later, with status 255.
			return o, &failure{"Unknown output type: " + o.format}
		}
		return o, &choiceError{"output", o.format, outputNames()}
	}
	if a.has("query") {
		q, err := awscli.CompileQuery(a.str("query"))
		if err != nil {
			return o, paramf("%s", err.Error())
		}
		o.query = q
	}
	tty := isTerminal(stdout)
	switch a.str("color") {
	case "on":
		o.color = true
	case "", "auto":
		o.color = tty
	}
	if tty {
		if w := terminalWidth(stdout); w > 0 {
			o.width = w
		}
	}
	return o, nil
}

func (c *sinkConfig) apply(v any) any {
	if c.out.query == nil {
		return v
	}
	if *c.failed != nil {
		return nil
	}
	r, err := c.out.query.Search(v)
	if err != nil {
		*c.failed = err
		return nil
	}
	return r
}
