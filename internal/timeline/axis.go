package timeline

import "time"

// A Tick is one labelled mark on the time axis.
type Tick struct {
	At    time.Time
	Label string
	Major bool // the first tick, or the first of a new day (or year, for day ticks)
}

// tickSteps are the steps the axis may use, smallest first. Months are
// approximated by 30 days; steps of a day or more are aligned to midnight.
var tickSteps = []time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 2 * 24 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour, 30 * 24 * time.Hour,
	91 * 24 * time.Hour, 365 * 24 * time.Hour,
}

const day = 24 * time.Hour

// Ticks returns the labelled marks for an axis from from to to, at the
// smallest step from a fixed list (1s … 1 year) that gives at most maxTicks
// marks, aligned to whole steps in loc (steps of a day or more to
// midnight, weeks to Mondays). Labels show the time of day for steps under
// a day ("15:04", "15:04:05" for steps under a minute), and the date on the
// first tick and on every tick that starts a new day ("Jan 2 15:04");
// day steps show the date, with the year on the first tick and at each new
// year. It returns nil when to is not after from or maxTicks < 1.
func Ticks(from, to time.Time, maxTicks int, loc *time.Location) []Tick {
	if !to.After(from) || maxTicks < 1 {
		return nil
	}
	if loc == nil {
		loc = time.UTC
	}
	span := to.Sub(from)
	step := tickSteps[len(tickSteps)-1]
	for _, s := range tickSteps {
		if span/s+1 <= time.Duration(maxTicks) {
			step = s
			break
		}
	}
	var ticks []Tick
	var prev time.Time
	for t := firstTick(from, step, loc); !t.After(to); t = nextTick(t, step, loc) {
		tk := Tick{At: t}
		switch {
		case step >= day:
			tk.Major = prev.IsZero() || t.Year() != prev.Year()
			tk.Label = t.Format("Jan 2")
			if tk.Major {
				tk.Label = t.Format("Jan 2 2006")
			}
		default:
			tk.Major = prev.IsZero() || t.YearDay() != prev.YearDay() || t.Year() != prev.Year()
			layout := "15:04"
			if step < time.Minute {
				layout = "15:04:05"
			}
			if tk.Major {
				layout = "Jan 2 " + layout
			}
			tk.Label = t.Format(layout)
		}
		ticks = append(ticks, tk)
		prev = t
	}
	return ticks
}

// firstTick returns the first whole step at or after from, in loc.
func firstTick(from time.Time, step time.Duration, loc *time.Location) time.Time {
	t := from.In(loc)
	if step >= time.Hour && step < day {
		// Whole hours on the wall clock, so that 6-hour ticks fall on
		// 00:00, 06:00, … also on a day of 23 or 25 hours.
		for h := 0; ; h += int(step / time.Hour) {
			if c := time.Date(t.Year(), t.Month(), t.Day(), h, 0, 0, 0, loc); !c.Before(from) {
				return c
			}
		}
	}
	if step < day {
		// Whole steps counted from local midnight, so that 6-hour ticks
		// fall on 00:00, 06:00, … even where the zone's offset is odd.
		midnight := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
		n := (t.Sub(midnight) + step - 1) / step
		return midnight.Add(n * step)
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	if d.Before(t) {
		d = d.AddDate(0, 0, 1)
	}
	switch {
	case step >= 365*day:
		for d.YearDay() != 1 {
			d = d.AddDate(0, 0, 1)
		}
	case step >= 91*day:
		for d.Day() != 1 || (d.Month()-1)%3 != 0 {
			d = d.AddDate(0, 0, 1)
		}
	case step >= 30*day:
		for d.Day() != 1 {
			d = d.AddDate(0, 0, 1)
		}
	case step >= 7*day:
		for d.Weekday() != time.Monday {
			d = d.AddDate(0, 0, 1)
		}
	}
	return d
}

// nextTick returns the tick after t: calendar days, months and years for
// the long steps, so ticks stay on midnight and on the first of a month.
func nextTick(t time.Time, step time.Duration, loc *time.Location) time.Time {
	switch {
	case step >= 365*day:
		return t.AddDate(1, 0, 0)
	case step >= 91*day:
		return t.AddDate(0, 3, 0)
	case step >= 30*day:
		return t.AddDate(0, 1, 0)
	case step >= day:
		return t.AddDate(0, 0, int(step/day))
	}
	if step >= time.Hour {
		lt := t.In(loc)
		for h := lt.Hour() + int(step/time.Hour); ; h += int(step / time.Hour) {
			if next := time.Date(lt.Year(), lt.Month(), lt.Day(), h, 0, 0, 0, loc); next.After(t) {
				return next
			}
		}
	}
	next := t.Add(step)
	if next.In(loc).YearDay() != t.In(loc).YearDay() {
		// Restart at midnight when a step does not divide the day (or a
		// daylight-saving change moved it), so every day starts on a tick.
		if m := time.Date(next.Year(), next.Month(), next.Day(), 0, 0, 0, 0, loc); m.After(t) {
			return m
		}
	}
	return next
}
