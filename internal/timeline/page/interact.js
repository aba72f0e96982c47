// What a person does: drag across the chart to zoom, Shift+drag (or the
// arrows, or a sideways wheel) to pan, Ctrl+wheel to zoom around the
// pointer, Reset, a search box, and a click on a session for its details.
var MIN_SPAN = 10; // seconds: the narrowest view

function setView(a, b) {
  var span = Math.min(D.span, Math.max(MIN_SPAN, b - a));
  a = Math.max(0, Math.min(a, D.span - span));
  view = [a, a + span];
  draw();
}
function zoom(f, at) {
  if (at === undefined) at = (view[0] + view[1]) / 2;
  setView(at - (at - view[0]) * f, at + (view[1] - at) * f);
}
function pan(f) {
  var d = (view[1] - view[0]) * f;
  setView(view[0] + d, view[1] + d);
}
function reset() { setView(0, D.span); }

// svgX returns the chart's x of a mouse event.
function svgX(ev) {
  var r = svg.getBoundingClientRect();
  return (ev.clientX - r.left) * W / r.width;
}
function inPlot(x) { return x >= D.plotX && x <= D.plotX + plotW; }

var drag = null, dragged = false;
svg.classList.add("zoomable");
svg.addEventListener("mousedown", function (ev) {
  var x = svgX(ev);
  if (ev.button !== 0 || !inPlot(x)) return;
  ev.preventDefault();
  drag = { x: x, view: view.slice(), pan: ev.shiftKey, sel: null };
  dragged = false;
});
window.addEventListener("mousemove", function (ev) {
  if (!drag) return;
  var x = Math.max(D.plotX, Math.min(D.plotX + plotW, svgX(ev)));
  if (Math.abs(x - drag.x) >= 4) dragged = true;
  if (!dragged) return;
  if (drag.pan) {
    var d = (drag.x - x) * (drag.view[1] - drag.view[0]) / plotW;
    setView(drag.view[0] + d, drag.view[1] + d);
    return;
  }
  if (!drag.sel) {
    drag.sel = el("rect", { id: "selection", y: D.panelY, height: lanesBottom - D.panelY });
    svg.appendChild(drag.sel);
  }
  drag.sel.setAttribute("x", Math.min(x, drag.x));
  drag.sel.setAttribute("width", Math.abs(x - drag.x));
});
window.addEventListener("mouseup", function (ev) {
  if (!drag) return;
  var d = drag;
  drag = null;
  // The click that ends a drag is not a click on a session; later ones are.
  if (dragged) setTimeout(function () { dragged = false; }, 0);
  if (d.sel) {
    d.sel.remove();
    var x = Math.max(D.plotX, Math.min(D.plotX + plotW, svgX(ev)));
    setView(T(Math.min(x, d.x)), T(Math.max(x, d.x)));
  }
});
svg.addEventListener("wheel", function (ev) {
  var x = svgX(ev);
  if ((ev.ctrlKey || ev.metaKey) && inPlot(x)) {
    ev.preventDefault();
    zoom(ev.deltaY > 0 ? 1.25 : 0.8, T(x));
  } else if (ev.shiftKey || Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) {
    ev.preventDefault();
    pan(((ev.shiftKey ? ev.deltaY : 0) + ev.deltaX) > 0 ? 0.1 : -0.1);
  }
}, { passive: false });

// Details of the session clicked.
var details = byId("details"), selected = null;
function closeDetails() {
  details.hidden = true;
  if (selected) selected.classList.remove("sel");
  selected = null;
}
function showDetails(bar, ev) {
  closeDetails();
  var lane = lanes.filter(function (l) { return l.g.contains(bar.el); })[0];
  details.textContent = "";
  var b = document.createElement("b");
  b.textContent = lane ? lane.label : "";
  details.appendChild(b);
  details.appendChild(document.createTextNode(bar.el.textContent));
  var close = document.createElement("button");
  close.textContent = "×";
  close.title = "Close (Esc)";
  close.onclick = closeDetails;
  details.appendChild(close);
  var box = byId("chart").getBoundingClientRect();
  details.style.left = Math.min(ev.clientX - box.left + 12, box.width - 380) + "px";
  details.style.top = (ev.clientY - box.top + 12) + "px";
  details.hidden = false;
  selected = bar.el;
  selected.classList.add("sel");
}
svg.addEventListener("click", function (ev) {
  if (dragged) { dragged = false; return; }
  var bar = bars.filter(function (b) { return b.el === ev.target; })[0];
  if (bar) showDetails(bar, ev); else closeDetails();
});

var search = byId("q");
search.addEventListener("input", function () {
  var q = search.value.trim().toLowerCase(), r = filter(q);
  byId("found").textContent = q === "" ? "" :
    r.lanes + " of " + lanes.length + " lanes, " + r.sessions + (r.sessions === 1 ? " session matches" : " sessions match");
});
byId("zin").onclick = function () { zoom(0.5); };
byId("zout").onclick = function () { zoom(2); };
byId("left").onclick = function () { pan(-0.25); };
byId("right").onclick = function () { pan(0.25); };
byId("reset").onclick = reset;
document.addEventListener("keydown", function (ev) {
  if (ev.target === search || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  var k = { ArrowLeft: function () { pan(-0.25); }, ArrowRight: function () { pan(0.25); },
    "+": function () { zoom(0.5); }, "=": function () { zoom(0.5); }, "-": function () { zoom(2); },
    "0": reset, Escape: function () { if (details.hidden) reset(); else closeDetails(); } }[ev.key];
  if (k) { ev.preventDefault(); k(); }
});
window.addEventListener("resize", fit);
fit();
