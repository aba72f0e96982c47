// Ticks and times for the page, in the chart's zone: a port of Ticks in
// axis.go. Times are seconds from the axis' start; D.tz lists the zone's
// offsets from the second each begins.
var DAY = 86400;
var STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 365 * DAY];
var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function zoneAt(t) {
  var z = D.tz, lo = 0, hi = z.length - 1;
  while (lo < hi) {
    var m = (lo + hi + 1) >> 1;
    if (z[m][0] <= t) lo = m; else hi = m - 1;
  }
  return z[lo];
}
// local returns t as a Date whose UTC fields are the wall clock in the zone.
function local(t) { return new Date((D.from + t + zoneAt(t)[1]) * 1000); }
// fromLocal returns the time whose wall clock is ms (a Date.UTC value).
function fromLocal(ms) {
  var s = ms / 1000 - D.from;
  return s - zoneAt(s - zoneAt(s)[1])[1];
}
function midnight(d) { return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()); }
function pad(n) { return n < 10 ? "0" + n : "" + n; }
function clockOf(d, secs) {
  return pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + (secs ? ":" + pad(d.getUTCSeconds()) : "");
}
function dayOf(d) { return MONTHS[d.getUTCMonth()] + " " + d.getUTCDate(); }
// fmtTime formats t as the tooltips do, to the minute.
function fmtTime(t) {
  var d = local(t);
  return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " + clockOf(d, false) + " " + zoneAt(t)[2];
}

function firstTick(a, step) {
  var d = local(a);
  if (step >= 3600 && step < DAY) { // whole hours on the wall clock
    for (var h = 0; ; h += step / 3600) {
      var c = fromLocal(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), h));
      if (c >= a) return c;
    }
  }
  if (step < DAY) {
    var m = fromLocal(midnight(d));
    return m + Math.ceil((a - m) / step) * step;
  }
  var x = new Date(midnight(d));
  if (fromLocal(x.getTime()) < a) x.setUTCDate(x.getUTCDate() + 1);
  var ok = function () { return true; };
  if (step >= 365 * DAY) ok = function () { return x.getUTCMonth() === 0 && x.getUTCDate() === 1; };
  else if (step >= 91 * DAY) ok = function () { return x.getUTCDate() === 1 && x.getUTCMonth() % 3 === 0; };
  else if (step >= 30 * DAY) ok = function () { return x.getUTCDate() === 1; };
  else if (step >= 7 * DAY) ok = function () { return x.getUTCDay() === 1; };
  while (!ok()) x.setUTCDate(x.getUTCDate() + 1);
  return fromLocal(x.getTime());
}

function nextTick(t, step) {
  if (step >= DAY) {
    var x = new Date(midnight(local(t)));
    if (step >= 365 * DAY) x.setUTCFullYear(x.getUTCFullYear() + 1);
    else if (step >= 91 * DAY) x.setUTCMonth(x.getUTCMonth() + 3);
    else if (step >= 30 * DAY) x.setUTCMonth(x.getUTCMonth() + 1);
    else x.setUTCDate(x.getUTCDate() + step / DAY);
    return fromLocal(x.getTime());
  }
  if (step >= 3600) {
    var lt = local(t);
    for (var h = lt.getUTCHours() + step / 3600; ; h += step / 3600) {
      var c = fromLocal(Date.UTC(lt.getUTCFullYear(), lt.getUTCMonth(), lt.getUTCDate(), h));
      if (c > t) return c;
    }
  }
  var n = t + step, dn = local(n);
  if (dn.getUTCDate() !== local(t).getUTCDate()) {
    var m = fromLocal(midnight(dn));
    if (m > t) return m;
  }
  return n;
}

// ticks returns [time, label, major] marks from a to b, at most max.
function ticks(a, b, max) {
  var span = b - a, step = STEPS[STEPS.length - 1];
  for (var i = 0; i < STEPS.length; i++) {
    if (Math.floor(span / STEPS[i]) + 1 <= max) { step = STEPS[i]; break; }
  }
  var out = [], prev = null;
  for (var t = firstTick(a, step); t <= b && out.length < 400; t = nextTick(t, step)) {
    var d = local(t), major, label;
    if (step >= DAY) {
      major = prev === null || d.getUTCFullYear() !== prev.getUTCFullYear();
      label = dayOf(d) + (major ? " " + d.getUTCFullYear() : "");
    } else {
      major = prev === null || midnight(d) !== midnight(prev);
      label = (major ? dayOf(d) + " " : "") + clockOf(d, step < 60);
    }
    out.push([t, label, major]);
    prev = d;
  }
  return out;
}
