package serve

import (
	"fmt"

	"github.com/sessionkit/sessions/internal/fakesvc"
)

// where is a place in a data file.
type where struct {
	file string
	line int
}

// check refuses a stage whose sessions could not happen on IVS: two at
// once, or an active one that is not the newest.
func (d *dataSet) check() error {
	for _, arn := range d.stageOrder {
		items := d.stageItems[arn]
		spans := make([]fakesvc.Span, len(items))
		for i, s := range items {
			spans[i] = fakesvc.Span{ID: s.SessionID, Start: s.StartTime, End: s.EndTime}
		}
		if err := fakesvc.CheckHistory(spans); err != nil {
			at := d.stageWhere[arn][err.Index]
			msg := "stage " + arn + ": " + err.Reason
			if err.Other >= 0 {
				o := d.stageWhere[arn][err.Other]
				msg += fmt.Sprintf(" (line %d of %s)", o.line, o.file)
			}
			return &dataError{file: at.file, line: at.line, msg: msg}
		}
	}
	return nil
}
