package serve

import (
	"fmt"
	"io"
	"strings"

	"github.com/sessionkit/sessions/internal/fakeaws"
	"github.com/sessionkit/sessions/internal/stagearn"
)

// A banner is what sessions serve prints when it starts: what it serves,
// the environment that points a terminal at it, in a region the data has,
// and commands to try.
type banner struct {
	region   string
	lines    []string // what is served
	stageARN string   // a stage to try, or ""
	studioID string   // a studio to try, or ""
}

// generated describes the generated stages and c's studios.
func (b *banner) generated(c serveConfig, stages []fakeaws.Stage) {
	idle := 0
	for _, st := range stages {
		if st.Sessions.Len() == 0 {
			idle++
		}
	}
	if len(stages) > 0 {
		line := fmt.Sprintf("%s in %s: ", count(len(stages), "stage"), strings.Join(c.regions, ", "))
		if busy := len(stages) - idle; busy > 0 {
			line += fmt.Sprintf("%d with %s each", busy, count(c.sessions, "session"))
		}
		if idle > 0 {
			line += fmt.Sprintf(", %d idle", idle)
		}
		b.lines = append(b.lines, line+", up to "+c.now.Format("2006-01-02 15:04 MST"))
		b.stageARN = stages[0].ARN
	}
	if c.studios > 0 {
		ids := StudioID(1)
		if c.studios > 1 {
			ids += " … " + StudioID(c.studios)
		}
		each := ""
		if c.studios > 1 {
			each = " each"
		}
		b.lines = append(b.lines, fmt.Sprintf("%s with %s%s (%s)", count(c.studios, "studio"), count(c.streaming, "streaming session"), each, ids))
		if b.stageARN == "" {
			b.studioID = StudioID(1)
		}
	}
}

// loaded describes the data files of c; without generated data, a stage
// or studio of the files is the one to try, and its region the one to use.
func (b *banner) loaded(c serveConfig, d *dataSet, generate bool) {
	b.lines = append(b.lines, strings.Join(c.data, ", ")+": "+d.summary())
	if generate {
		return
	}
	b.stageARN, b.studioID = "", ""
	if len(d.stageOrder) > 0 {
		b.stageARN = d.stageOrder[0]
		b.region = stagearn.Region(b.stageARN)
	} else if len(d.studioOrder) > 0 {
		b.studioID = d.studioOrder[0]
	}
}

// write prints the banner for the endpoint at url.
func (b *banner) write(w io.Writer, url string) {
	for _, l := range b.lines {
		fmt.Fprintf(w, "  %s\n", l)
	}
	fmt.Fprintf(w, "In another terminal:\n%s", Env(url, b.region))
	switch {
	case b.stageARN != "":
		fmt.Fprintf(w, "  sessions stage --stage-arn %s --max-items 5 --output table\n", b.stageARN)
		fmt.Fprintf(w, "  aws ivs-realtime list-stage-sessions --stage-arn %s --max-results 5 --endpoint-url %s\n", b.stageARN, url)
	case b.studioID != "":
		fmt.Fprintf(w, "  sessions studio --studio-id %s --max-items 5 --output table\n", b.studioID)
	}
}
