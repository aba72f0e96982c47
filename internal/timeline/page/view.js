// Drawing the view: the page's SVG is the chart as WriteSVG draws it;
// this moves what depends on the time axis (ticks, the concurrency panel,
// bars, markers) to the view, fits the chart to the window, and restacks
// the lanes a search leaves.
var NS = "http://www.w3.org/2000/svg";
var svg = document.querySelector("#chart svg");
var view = [0, D.span];
var W = D.w, plotW = W - D.plotX - D.right, lanesBottom = D.lanesBottom;
// The panel counts the sessions of the lanes shown.
var steps = D.steps, panelPeak = D.peak[2];

function X(t) { return D.plotX + plotW * (t - view[0]) / (view[1] - view[0]); }
function T(x) { return view[0] + (x - D.plotX) * (view[1] - view[0]) / plotW; }
function byId(id) { return document.getElementById(id); }
function el(name, attrs, text) {
  var e = document.createElementNS(NS, name);
  for (var k in attrs) e.setAttribute(k, attrs[k]);
  if (text) e.textContent = text;
  return e;
}
function r1(v) { return Math.round(v * 10) / 10; }

var bars = [].map.call(svg.querySelectorAll("rect[data-s]"), function (r) {
  return { el: r, s: +r.getAttribute("data-s"), e: +r.getAttribute("data-e"), text: r.textContent.toLowerCase() };
});
var lanes = [].map.call(svg.querySelectorAll("g.lane"), function (g) {
  var band = g.querySelector("rect"), text = band.textContent.split("\n")[0];
  [].forEach.call(g.querySelectorAll("text"), function (t) { text += "\n" + t.textContent; });
  return {
    g: g, band: band, y: +band.getAttribute("y"), h: +band.getAttribute("height"),
    text: text.toLowerCase(), label: (g.querySelector("text") || band).textContent.split("\n")[0],
    bars: bars.filter(function (b) { return g.contains(b.el); })
  };
});

function drawTicks() {
  var g = byId("ticks"), top = D.panelY, bottom = lanesBottom;
  g.textContent = "";
  ticks(view[0], view[1], Math.max(3, Math.floor(plotW / 80))).forEach(function (tk) {
    var x = r1(X(tk[0])), c = tk[2] ? "tick maj" : "tick";
    g.appendChild(el("line", { "class": tk[2] ? "gridm" : "grid", x1: x, y1: top, x2: x, y2: bottom }));
    g.appendChild(el("text", { "class": c, x: x, y: D.topAxisY - 6, "text-anchor": "middle" }, tk[1]));
    g.appendChild(el("text", { "class": c, x: x, y: lanesBottom + 16, "text-anchor": "middle" }, tk[1]));
  });
}

// drawPanel draws the sessions at once, a column per pixel holding the
// most sessions at once within it, as WriteSVG does.
function drawPanel() {
  var base = D.panelY + 60, top = D.panelY + 14, peak = Math.max(1, panelPeak);
  var n = Math.ceil(plotW) + 1, cols = new Int32Array(n), st = steps;
  for (var i = 0; i < st.length; i++) {
    var end = i + 1 < st.length ? st[i + 1][0] : view[1];
    if (end < view[0] || st[i][0] > view[1] || st[i][1] === 0) continue;
    var a = Math.floor(X(st[i][0]) - D.plotX), b = Math.max(a, Math.ceil(X(end) - D.plotX) - 1);
    for (var c = Math.max(a, 0); c <= b && c < n; c++) if (cols[c] < st[i][1]) cols[c] = st[i][1];
  }
  var d = "M" + D.plotX + "," + base, prev = 0;
  for (c = 0; c < n; c++) {
    if (cols[c] === prev) continue;
    d += "H" + (D.plotX + c) + "V" + r1(base - (base - top) * cols[c] / peak);
    prev = cols[c];
  }
  byId("conc").setAttribute("d", d + "H" + (D.plotX + n - 1) + "V" + base + "Z");
}

function drawBars() {
  var lo = D.plotX, hi = D.plotX + plotW;
  for (var i = 0; i < bars.length; i++) {
    var b = bars[i], x1 = X(b.s), x2 = X(b.e);
    if (x2 < lo || x1 > hi) {
      if (!b.hidden) { b.el.setAttribute("display", "none"); b.hidden = true; }
      continue;
    }
    if (b.hidden) { b.el.removeAttribute("display"); b.hidden = false; }
    var x = Math.max(x1, lo);
    b.el.setAttribute("x", r1(x));
    b.el.setAttribute("width", r1(Math.max(1, Math.min(x2, hi) - x)));
  }
}

// place shows a marker at time t, or hides it when t is out of view.
function place(id, t, fn) {
  var e = byId(id);
  if (!e) return;
  var x = X(t), out = x < D.plotX - 0.5 || x > D.plotX + plotW + 0.5;
  if (out) e.setAttribute("display", "none"); else e.removeAttribute("display");
  if (!out) fn(e, r1(x));
}

function drawMarkers() {
  place("now", D.now, function (e, x) { e.setAttribute("x1", x); e.setAttribute("x2", x); e.setAttribute("y2", lanesBottom); });
  place("peakl", D.peak[0], function (e, x) { e.setAttribute("x1", x); e.setAttribute("x2", x); e.setAttribute("y2", lanesBottom); });
  place("peakt", D.peak[0], function (e, x) {
    var right = x > D.plotX + plotW * 0.6;
    e.setAttribute("x", right ? x - 5 : x + 5);
    e.setAttribute("text-anchor", right ? "end" : "start");
  });
  var z = byId("peakz");
  if (z) {
    var a = Math.max(X(D.peak[0]), D.plotX), b = Math.min(X(D.peak[1]), D.plotX + plotW);
    if (b - a < 2) z.setAttribute("display", "none"); else z.removeAttribute("display");
    z.setAttribute("x", r1(a)); z.setAttribute("width", r1(Math.max(0, b - a)));
    z.setAttribute("height", lanesBottom - +z.getAttribute("y"));
  }
}

function draw() {
  drawTicks(); drawPanel(); drawBars(); drawMarkers();
  byId("status").textContent = fmtTime(view[0]) + " to " + fmtTime(view[1]) +
    (view[0] > 0 || view[1] < D.span ? " (zoomed)" : "");
}

// fit sizes the chart to the page's width.
function fit() {
  W = Math.max(600, byId("chart").clientWidth);
  plotW = W - D.plotX - D.right;
  svg.setAttribute("width", W);
  lanes.forEach(function (l) { l.band.setAttribute("width", W); });
  var lg = byId("legend");
  if (lg) lg.setAttribute("transform", "translate(" + (W - D.w) + ",0)");
  var cut = byId("cutnote");
  if (cut) cut.setAttribute("x", D.plotX + plotW);
  resize();
}

// resize sets the chart's height from the lanes shown.
function resize() {
  var h = lanesBottom + 60;
  svg.setAttribute("height", h);
  svg.setAttribute("viewBox", "0 0 " + W + " " + h);
  var n = byId("notes"), note = byId("note");
  if (n) n.setAttribute("y", h - 22);
  if (note) note.setAttribute("y", h - 8);
  draw();
}

// filter shows the lanes whose names, or sessions, contain q, and marks
// the matching sessions; it returns what it found.
function filter(q) {
  var y = D.lanesY, shown = 0, hits = 0;
  lanes.forEach(function (l) {
    var any = false;
    l.bars.forEach(function (b) {
      var hit = q !== "" && b.text.indexOf(q) >= 0;
      b.el.classList.toggle("hit", hit);
      if (hit) { any = true; hits++; }
    });
    var show = q === "" || any || l.text.indexOf(q) >= 0;
    l.g.classList.toggle("dimmed", any);
    if (!show) { l.g.setAttribute("display", "none"); return; }
    l.g.removeAttribute("display");
    l.g.setAttribute("transform", "translate(0," + (y - l.y) + ")");
    y += l.h; shown++;
  });
  lanesBottom = y;
  countAtOnce(q === "" ? null : lanes.filter(function (l) { return l.g.getAttribute("display") !== "none"; }));
  resize();
  return { lanes: shown, sessions: hits };
}

// countAtOnce sets the panel's steps to the sessions of the lanes given
// (all: null), as Concurrency counts them: an end and a start at the same
// second make one step.
function countAtOnce(shown) {
  if (shown === null) {
    steps = D.steps; panelPeak = D.peak[2];
  } else {
    var ev = [];
    shown.forEach(function (l) { l.bars.forEach(function (b) { ev.push([b.s, 1], [Math.max(b.e, b.s + 1), -1]); }); });
    ev.sort(function (a, b) { return a[0] - b[0]; });
    steps = []; panelPeak = 0;
    for (var i = 0, n = 0; i < ev.length;) {
      var at = ev[i][0];
      for (; i < ev.length && ev[i][0] === at; i++) n += ev[i][1];
      steps.push([at, n]);
      if (n > panelPeak) panelPeak = n;
    }
  }
  var m = byId("pmax");
  if (m) m.textContent = panelPeak;
}
