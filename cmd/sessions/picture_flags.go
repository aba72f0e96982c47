package main

// The picture's window and time zone: --from, --to and --tz. Times on the
// command line (these and --started-after/--started-before) are dates or
// RFC 3339 times; a date is midnight in the --tz zone.

import (
	"time"
	_ "time/tzdata" // --tz works on machines without a zoneinfo database (Windows, scratch images)
)

// window is what --from, --to and --tz ask of the picture outputs.
type window struct {
	from, to time.Time // zero when not given
	loc      *time.Location
}

// settleWindow reads --tz, --from and --to; format is the --output asked
// for.
func settleWindow(a *args, o *outputSpec, format string) error {
	loc, err := zoneOption(a)
	if err != nil {
		return err
	}
	o.window = window{loc: loc}
	if (a.has("from") || a.has("to")) && !isPicture(format) {
		return paramf("--from and --to set the window of the picture outputs: pass --output svg, html or summary (to choose sessions for other outputs, use --started-after and --started-before)")
	}
	if o.window.from, err = a.when("from", loc, false); err != nil {
		return err
	}
	if o.window.to, err = a.when("to", loc, true); err != nil {
		return err
	}
	if f, t := o.window.from, o.window.to; !f.IsZero() && !t.IsZero() && !t.After(f) {
		return paramf("--to %s: must be later than --from (%s)", isoTime(t), isoTime(f))
	}
	return nil
}

// zoneOption returns the zone --tz names, UTC when it is not given.
func zoneOption(a *args) (*time.Location, error) {
	if !a.has("tz") {
		return time.UTC, nil
	}
	name := a.str("tz")
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" {
		return nil, paramf("--tz %q: not a time zone; pass an IANA zone name such as UTC, Europe/Berlin or America/New_York", name)
	}
	return loc, nil
}

// when returns the time an option gives: an RFC 3339 time, or a date,
// midnight in loc at its start (or, with endOfDay, at its end). It is
// the zero time when the option is not given.
func (a *args) when(name string, loc *time.Location, endOfDay bool) (time.Time, error) {
	if !a.has(name) {
		return time.Time{}, nil
	}
	s := a.str(name)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil {
		return time.Time{}, usagef("argument --%s: %q is neither a date such as 2026-11-30 nor an RFC 3339 time such as 2026-11-30T10:00:00Z", name, s)
	}
	if endOfDay {
		d = d.AddDate(0, 0, 1)
	}
	return d, nil
}
