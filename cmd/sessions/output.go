package main

import (
	"io"
	"os"
	"time"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/awscli"
)

// A sink receives a listing and writes it in one output format. page gets
// each batch of sessions (after filters and cuts) and, for a page of the
// service, its own token; end gets the NextToken that continues the
// listing, "" at its end. Sinks are called from one goroutine; they write
// to a shared writer that is flushed after every page.
type sink interface {
	page(b batch, next string)
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
	// afterToken: the single request starts at a --next-token, so the
	// sessions of earlier pages are not in it.
	afterToken bool
	// mayResume: the listing may end with a NextToken (--max-items).
	mayResume bool
	// columns are the members the columns output shows.
	columns []string
	// parents are the stages or studios named, in the order given.
	parents []string
	// failed holds the first error of a --query evaluation; output stops
	// there, as the AWS CLI's does.
	failed *error
}

// A format is one --output value.
type format struct {
	name string
	// streamed: sessions are printed as they arrive, so the sessions of
	// several parents need no fixed order. The other formats list them
	// with an ordered fan-out, which hands out each parent's sessions
	// together, in the order given, so that a listing prints the same
	// document every time, also when --max-items cuts it.
	streamed bool
	// held: printed only once the listing succeeded, as the AWS CLI
	// prints it; the writer holds back its first MiB (see syncWriter).
	held bool
	sink func(sinkConfig) sink
}

// formats are the --output formats, in the order --output lists them: the
// AWS CLI's, then ours.
var formats = []format{
	{name: "json", held: true, sink: newJSONSink},
	{name: "text", streamed: true, sink: newTextSink},
	{name: "table", sink: newTableSink},
	{name: "yaml", held: true, sink: newYAMLSink},
	{name: "yaml-stream", streamed: true, sink: newYAMLStreamSink},
	{name: "off", streamed: true, sink: func(sinkConfig) sink { return offSink{} }},
	{name: "jsonl", streamed: true, sink: newJSONLSink},
	{name: "columns", sink: newColumnsSink},
	{name: "svg", sink: pictureFormat(writeSVG)},
	{name: "html", sink: pictureFormat(writeHTML)},
	{name: "summary", sink: pictureFormat(writeSummary)},
}

// lookupFormat returns the format called name, or nil.
func lookupFormat(name string) *format {
	for i := range formats {
		if formats[i].name == name {
			return &formats[i]
		}
	}
	return nil
}

func outputNames() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

// outputSpec is the output the command line asks for.
type outputSpec struct {
	format *format
	query  *awscli.Query
	color  bool
	width  int         // the terminal's width for table output
	lanes  string      // --lanes of the picture outputs (picture.go)
	window window      // --from, --to and --tz (picture_flags.go)
	names  *stageNames // finds the stages' names for the picture (picture_stages.go)
	// stamp formats times as the profile's cli_timestamp_format says.
	stamp func(time.Time) string
}

// parseOutputSpec settles --output (else AWS_DEFAULT_OUTPUT, else the
// profile's output, else json), --summary, --lanes, --query and --color.
func parseOutputSpec(a *args, stdout io.Writer) (outputSpec, error) {
	o := outputSpec{width: 80, lanes: a.str("lanes")}
	name := a.str("output")
	flagged := name != ""
	if name == "" {
		name = os.Getenv("AWS_DEFAULT_OUTPUT")
	}
	if name == "" {
		name = profileSetting(a.str("profile"), "output")
	}
	if name == "" {
		name = "json"
	}
	name, err := pictureOutput(a, &o, name)
	if err != nil {
		return o, err
	}
	if o.stamp, err = timestampFormat(a.str("profile")); err != nil {
		return o, err
	}
	if o.format = lookupFormat(name); o.format == nil {
		if !flagged {
			// From the environment or the profile: the AWS CLI fails
			// later, with status 255.
			return o, &failure{"Unknown output type: " + name}
		}
		return o, &choiceError{"output", name, outputNames()}
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

// pictureOutput turns --summary into --output summary, reads the options
// of the picture outputs into o and rejects what they cannot honour; it
// returns the output's name.
func pictureOutput(a *args, o *outputSpec, name string) (string, error) {
	if a.has("summary") {
		if a.has("output") && a.str("output") != "summary" {
			return name, paramf("--summary prints a summary; it cannot be combined with --output %s", a.str("output"))
		}
		name = "summary"
	}
	if isPicture(name) {
		o.names = &stageNames{seen: map[string]sessions.Stage{}}
	}
	if err := settleWindow(a, o, name); err != nil {
		return name, err
	}
	if isPicture(name) && a.has("query") {
		return name, paramf("--query does not apply to --output %s, which shows every session listed; use the filters (--active, --started-after, …) to choose them", name)
	}
	if a.has("lanes") && !isPicture(name) {
		return name, paramf("--lanes %s: only --output svg, html and summary have lanes", a.str("lanes"))
	}
	return name, nil
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
