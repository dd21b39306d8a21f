/* nutgraf charts: upgrade a static chart to an interactive Vega view once the reader shows intent,
 * and let every reader read its data: by pointer, by touch and by keyboard.
 *
 * The static SVG is complete, so the runtime (Vega + vega-interpreter, no eval: works under
 * script-src 'self') is not fetched at load, which would block the main thread while the page is
 * still settling. It loads on the first pointer, touch or focus on a chart figure (or a key pressed
 * while focus is in one), and, once the reader has scrolled, for charts that come near the viewport.
 * Anything failing leaves the static SVG in place; the interactive view sits in the same box.
 *
 * Reading the data: the point nearest the pointer or the tap (by x for series over time or
 * categories, by y for horizontal bars, by distance for scatter plots) gets its tooltip from
 * anywhere over the chart, marked by a rule and a ring (or an outline for a bar). Each chart is one
 * tab stop: arrow keys step through its points (Home and End go to the ends, Up and Down change
 * series where there are several), each point announced through an aria-live region in the
 * tooltip's words; Escape leaves. The points are read from Vega's scenegraph, so this works for
 * any chart whose marks carry a tooltip, without touching the spec. */
(function () {
  "use strict";
  var figures = document.querySelectorAll("figure.chart[data-chart-wide]");
  var script = document.currentScript;
  var runtimeUrl = script && script.getAttribute("data-runtime");
  if (!figures.length || !runtimeUrl || !window.fetch || !window.Promise) return;
  var SVG = "http://www.w3.org/2000/svg";
  var runtime = null;
  var tooltip = null;
  var charts = [];

  function loadRuntime() {
    runtime = runtime || new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = runtimeUrl;
      element.onload = function () {
        if (window.vega && window.vegaExpressionInterpreter) resolve(window.vega);
        else reject(new Error("the chart runtime did not load"));
      };
      element.onerror = function () { reject(new Error("the chart runtime did not load")); };
      document.head.appendChild(element);
    });
    return runtime;
  }

  function tooltipElement() {
    if (!tooltip) {
      tooltip = document.createElement("div");
      tooltip.className = "chart-tooltip";
      tooltip.setAttribute("aria-hidden", "true"); // the live region says the same words
      tooltip.hidden = true;
      document.body.appendChild(tooltip);
    }
    return tooltip;
  }

  // A tooltip value (Vega-Lite's {title: formatted value}, or a string) as [key, value] pairs.
  function entries(value) {
    if (value == null || value === "") return [];
    if (typeof value !== "object") return [[null, String(value)]];
    return Object.keys(value).map(function (key) { return [key, value[key] == null ? "" : String(value[key])]; });
  }

  function spoken(pairs) {
    return pairs.map(function (pair) { return pair[0] === null ? pair[1] : pair[0] + ": " + pair[1]; }).join(", ");
  }

  // Every mark item carrying a tooltip, with where it is in the SVG's user space and its plot frame.
  var SKIPPED_ROLES = { axis: 1, legend: 1, title: 1 };

  function collectPoints(view) {
    var points = [];
    var seen = {};
    var origin = view.origin(); // the plot's top left, inside the view's padding
    var padding = view.padding();

    function visit(mark, ox, oy, frame) {
      if (!mark || !mark.items || SKIPPED_ROLES[mark.role]) return;
      mark.items.forEach(function (item) {
        if (mark.marktype === "group") {
          var gx = ox + (item.x || 0);
          var gy = oy + (item.y || 0);
          var inner = item.width && item.height ? { x: gx, y: gy, width: item.width, height: item.height } : frame;
          (item.items || []).forEach(function (child) { visit(child, gx, gy, inner); });
          return;
        }
        var pairs = entries(item.tooltip);
        if (!pairs.length || mark.role === "axis-label") return;
        var point = anchor(mark.marktype, item, ox, oy);
        var key = spoken(pairs) + "|" + Math.round(point.x) + "|" + Math.round(point.y);
        if (seen[key]) return; // a line and its points carry the same tooltip
        seen[key] = true;
        point.pairs = pairs;
        point.frame = frame;
        point.marktype = mark.marktype;
        point.color = item.stroke || item.fill || "currentColor";
        points.push(point);
      });
    }
    visit(view.scenegraph().root, origin[0] + (padding.left || 0), origin[1] + (padding.top || 0), null);
    return points;
  }

  // Where an item is: its point (x, y) and the span it covers (x0..x1, y0..y1), in SVG user units.
  function anchor(marktype, item, ox, oy) {
    var x = ox + (item.x || 0);
    var y = oy + (item.y || 0);
    if (marktype === "rect") {
      var x2 = item.x2 != null ? ox + item.x2 : x + (item.width || 0);
      var y2 = item.y2 != null ? oy + item.y2 : y + (item.height || 0);
      return {
        x: (x + x2) / 2, y: (y + y2) / 2,
        x0: Math.min(x, x2), x1: Math.max(x, x2), y0: Math.min(y, y2), y1: Math.max(y, y2), box: true,
      };
    }
    if (marktype === "shape" && item.bounds && !item.bounds.empty()) {
      // A map's region has no x or y of its own: the centre of its bounds (the pointer picks the nearest centre).
      var cx = ox + (item.bounds.x1 + item.bounds.x2) / 2;
      var cy = oy + (item.bounds.y1 + item.bounds.y2) / 2;
      return { x: cx, y: cy, x0: cx, x1: cx, y0: cy, y1: cy };
    }
    var yEnd = item.y2 != null ? oy + item.y2 : y;
    var xEnd = item.x2 != null ? ox + item.x2 : x;
    return { x: x, y: y, x0: Math.min(x, xEnd), x1: Math.max(x, xEnd), y0: Math.min(y, yEnd), y1: Math.max(y, yEnd) };
  }

  // How a reader moves through the data: along x (time, categories), along y (horizontal bars) or by distance.
  function readingAxis(view) {
    function type(name) {
      try { return view.scale(name).type; } catch (error) { return ""; }
    }
    var discrete = /^(band|point|time|utc|ordinal)$/;
    if (discrete.test(type("x"))) return "x";
    if (discrete.test(type("y"))) return "y";
    return "xy";
  }

  function distance(value, low, high) {
    return value < low ? low - value : value > high ? value - high : 0;
  }

  // The points as series (sorted along the reading axis) and columns (points at one x, or one y).
  function organise(points, axis) {
    var along = axis === "y" ? "y" : "x";
    var across = along === "x" ? "y" : "x";
    var columns = {};
    points.forEach(function (point) {
      var key = Math.round(point[along]);
      (columns[key] = columns[key] || []).push(point);
    });
    var stacked = Object.keys(columns).some(function (key) { return columns[key].length > 1; });
    var series = [];
    var byColour = {};
    points.forEach(function (point) {
      var key = stacked ? point.color : "all";
      if (!byColour[key]) { byColour[key] = []; series.push(byColour[key]); }
      byColour[key].push(point);
    });
    series.forEach(function (list) {
      list.sort(function (a, b) { return a[along] - b[along] || a[across] - b[across]; });
      list.forEach(function (point, index) { point.series = list; point.index = index; });
    });
    // Series in reading order down the chart: by where each starts across the reading axis.
    series.sort(function (a, b) { return a[0][across] - b[0][across]; });
    return { along: along, across: across, series: series };
  }

  function Chart(figure, graphic) {
    this.figure = figure;
    this.graphic = graphic;
    this.points = null;
    this.current = null;
    this.pending = null; // what the reader did before the view was ready: a pointer position or a key
    this.live = document.createElement("div");
    this.live.className = "visually-hidden chart-live";
    this.live.setAttribute("aria-live", "polite");
    figure.appendChild(this.live);
    graphic.tabIndex = 0;
    var help = figure.getAttribute("data-chart-help");
    if (help) {
      var hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.id = figure.id + "-keys";
      hint.textContent = help;
      graphic.appendChild(hint);
      graphic.setAttribute("aria-describedby", hint.id);
    }
    var chart = this;
    graphic.addEventListener("pointermove", function (event) {
      if (event.pointerType === "mouse" || event.pointerType === "pen") chart.pointer(event);
    });
    graphic.addEventListener("pointerdown", function (event) { chart.pointer(event); });
    graphic.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse") { chart.pending = null; chart.hide(); }
    });
    graphic.addEventListener("keydown", function (event) { chart.key(event); });
    graphic.addEventListener("focus", function () {
      if (chart.points && graphic.matches(":focus-visible")) chart.select(chart.first(), true);
    });
    graphic.addEventListener("blur", function () { chart.hide(); });
  }

  Chart.prototype.ready = function (view, svg) {
    this.view = view;
    this.svg = svg;
    this.axis = readingAxis(view);
    this.points = collectPoints(view);
    this.layout = organise(this.points, this.axis);
    this.overlay = document.createElementNS(SVG, "svg");
    this.overlay.setAttribute("class", "chart-focus");
    this.overlay.setAttribute("aria-hidden", "true");
    this.overlay.setAttribute("viewBox", svg.getAttribute("viewBox"));
    svg.parentNode.appendChild(this.overlay);
    var pending = this.pending;
    this.pending = null;
    if (!this.points.length) return;
    if (pending && pending.clientX != null) this.pointer(pending);
    else if (pending && pending.key) this.key(pending);
    else if (document.activeElement === this.graphic && this.graphic.matches(":focus-visible")) {
      this.select(this.first(), true);
    }
  };

  Chart.prototype.first = function () {
    return this.layout.series[0][0];
  };

  // Client coordinates to the SVG's user units (the view is scaled to its box, aspect ratio kept).
  Chart.prototype.toUser = function (clientX, clientY) {
    var box = this.svg.getBoundingClientRect();
    var view = this.svg.viewBox.baseVal;
    var scale = Math.min(box.width / view.width, box.height / view.height);
    var left = box.left + (box.width - view.width * scale) / 2;
    var top = box.top + (box.height - view.height * scale) / 2;
    return { x: (clientX - left) / scale, y: (clientY - top) / scale, scale: scale, left: left, top: top };
  };

  Chart.prototype.nearest = function (x, y) {
    var layout = this.layout;
    var best = null;
    var bestAlong = Infinity;
    var bestAcross = Infinity;
    this.points.forEach(function (point) {
      var dx = distance(x, point.x0, point.x1);
      var dy = distance(y, point.y0, point.y1);
      var along = layout.along === "x" ? dx : dy;
      var across = layout.along === "x" ? dy : dx;
      if (this.axis === "xy") { along = dx * dx + dy * dy; across = 0; }
      if (along < bestAlong - 0.5 || (Math.abs(along - bestAlong) <= 0.5 && across < bestAcross)) {
        best = point; bestAlong = along; bestAcross = across;
      }
    }, this);
    return best;
  };

  Chart.prototype.pointer = function (event) {
    if (!this.points) { this.pending = { clientX: event.clientX, clientY: event.clientY }; return; }
    if (!this.points.length) return;
    var at = this.toUser(event.clientX, event.clientY);
    this.select(this.nearest(at.x, at.y), false);
  };

  var KEYS = { ArrowRight: 1, ArrowLeft: 1, ArrowUp: 1, ArrowDown: 1, Home: 1, End: 1, Escape: 1 };

  Chart.prototype.key = function (event) {
    if (!KEYS[event.key] || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape") {
      if (this.current || this.pending) { this.pending = null; this.hide(); if (event.preventDefault) event.preventDefault(); }
      return;
    }
    if (event.preventDefault) event.preventDefault(); // the page does not scroll while the reader steps
    if (!this.points) { this.pending = { key: event.key }; return; }
    if (!this.points.length) return;
    var point = this.current;
    if (!point) { this.select(event.key === "End" ? this.last() : this.first(), true); return; }
    var list = point.series;
    var next = point;
    var vertical = this.layout.along === "y";
    var forward = vertical ? "ArrowDown" : "ArrowRight";
    var back = vertical ? "ArrowUp" : "ArrowLeft";
    if (event.key === "Home") next = list[0];
    else if (event.key === "End") next = list[list.length - 1];
    else if (event.key === forward || (vertical && event.key === "ArrowRight")) next = list[Math.min(point.index + 1, list.length - 1)];
    else if (event.key === back || (vertical && event.key === "ArrowLeft")) next = list[Math.max(point.index - 1, 0)];
    else next = this.otherSeries(point, event.key === "ArrowDown" ? 1 : -1);
    this.select(next, true);
  };

  Chart.prototype.last = function () {
    var list = this.layout.series[0];
    return list[list.length - 1];
  };

  // Up and Down: the neighbouring series' point nearest along the reading axis.
  Chart.prototype.otherSeries = function (point, step) {
    var series = this.layout.series;
    var along = this.layout.along;
    var index = series.indexOf(point.series) + step;
    if (index < 0 || index >= series.length) return point;
    var best = series[index][0];
    series[index].forEach(function (candidate) {
      if (Math.abs(candidate[along] - point[along]) < Math.abs(best[along] - point[along])) best = candidate;
    });
    return best;
  };

  Chart.prototype.select = function (point, announce) {
    if (!point) return;
    charts.forEach(function (other) { if (other !== this && other.current) other.hide(); }, this);
    this.current = point;
    this.highlight(point);
    this.showTooltip(point);
    if (announce) this.live.textContent = spoken(point.pairs);
  };

  Chart.prototype.hide = function () {
    this.current = null;
    if (this.overlay) this.overlay.textContent = "";
    if (tooltip) tooltip.hidden = true;
  };

  function shape(name, attributes) {
    var element = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { element.setAttribute(key, attributes[key]); });
    return element;
  }

  Chart.prototype.highlight = function (point) {
    var overlay = this.overlay;
    overlay.textContent = "";
    var frame = point.frame;
    if (point.box) {
      overlay.appendChild(shape("rect", {
        class: "chart-focus-outline", x: point.x0 - 2, y: point.y0 - 2,
        width: point.x1 - point.x0 + 4, height: point.y1 - point.y0 + 4,
      }));
      return;
    }
    if (frame && this.axis === "x") {
      overlay.appendChild(shape("line", { class: "chart-focus-rule", x1: point.x, x2: point.x, y1: frame.y, y2: frame.y + frame.height }));
    } else if (frame && this.axis === "y") {
      overlay.appendChild(shape("line", { class: "chart-focus-rule", x1: frame.x, x2: frame.x + frame.width, y1: point.y, y2: point.y }));
    }
    overlay.appendChild(shape("circle", { class: "chart-focus-ring", cx: point.x, cy: point.y, r: 6, stroke: point.color }));
  };

  Chart.prototype.showTooltip = function (point) {
    var element = tooltipElement();
    element.textContent = "";
    point.pairs.forEach(function (pair) {
      var line = document.createElement("div");
      if (pair[0] !== null) {
        var key = document.createElement("span");
        key.className = "chart-tooltip-key";
        key.textContent = pair[0] + ": ";
        line.appendChild(key);
      }
      line.appendChild(document.createTextNode(pair[1]));
      element.appendChild(line);
    });
    element.hidden = false;
    // Beside the point, never under the reader's finger: above it, flipped below or aside at the edges.
    var at = this.toUser(0, 0);
    var x = at.left + (point.box ? point.x1 : point.x) * at.scale;
    var y = at.top + (point.box ? point.y0 : point.y) * at.scale;
    var box = element.getBoundingClientRect();
    var left = x + 12;
    if (left + box.width > window.innerWidth - 8) left = Math.max(8, x - box.width - 12);
    var top = y - box.height - 12;
    if (top < 8) top = Math.min(y + 16, window.innerHeight - box.height - 8);
    element.style.left = left + window.scrollX + "px";
    element.style.top = top + window.scrollY + "px";
  };

  function visibleVariant(figure) {
    var narrow = figure.querySelector(".chart-svg-narrow");
    return narrow && narrow.getClientRects().length ? "narrow" : "wide";
  }

  function upgrade(chart) {
    var figure = chart.figure;
    var graphic = chart.graphic;
    var url = figure.getAttribute("data-chart-" + visibleVariant(figure));
    if (!url) return;
    var holder = document.createElement("div");
    holder.className = "chart-interactive";
    Promise.all([
      loadRuntime(),
      fetch(url).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
        return response.json();
      }),
    ]).then(function (loaded) {
      var vega = loaded[0];
      graphic.appendChild(holder);
      var view = new vega.View(vega.parse(loaded[1], null, { ast: true }), {
        expr: window.vegaExpressionInterpreter,
        renderer: "svg",
        container: holder,
        hover: false,
      });
      view.tooltip(function () {}); // ours follows the nearest point; Vega's own would need the exact mark
      return view.runAsync().then(function () {
        var svg = holder.querySelector("svg");
        if (!svg) throw new Error("nothing was drawn");
        if (!svg.getAttribute("viewBox")) {
          svg.setAttribute("viewBox", "0 0 " + svg.getAttribute("width") + " " + svg.getAttribute("height"));
        }
        svg.setAttribute("aria-hidden", "true");
        graphic.classList.add("chart-is-interactive");
        chart.ready(view, svg);
      });
    }).catch(function (error) {
      if (holder.parentNode) holder.parentNode.removeChild(holder);
      chart.pending = null;
      if (window.console) console.info("nutgraf: chart stays static (" + (error && error.message) + ")");
    });
  }

  // Intent on a figure: the pointer reaching it, a touch, focus arriving in it (the chart, its links or
  // data table), or a key pressed while focus is inside it.
  var INTENT = ["pointerover", "pointerdown", "touchstart", "focusin", "keydown"];
  var listenerOptions = { passive: true };
  var started = [];
  var observer = null;

  function start(chart) {
    if (started.indexOf(chart) !== -1) return;
    started.push(chart);
    INTENT.forEach(function (type) { chart.figure.removeEventListener(type, chart.onIntent, listenerOptions); });
    if (observer) observer.unobserve(chart.figure);
    upgrade(chart);
  }

  // After the reader's first scroll, charts that come near the viewport upgrade before they are reached.
  function onFirstScroll() {
    window.removeEventListener("scroll", onFirstScroll, listenerOptions);
    if (!("IntersectionObserver" in window)) return;
    observer = new IntersectionObserver(function (list) {
      list.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        charts.forEach(function (chart) { if (chart.figure === entry.target) start(chart); });
      });
    }, { rootMargin: "300px 0px" });
    charts.forEach(function (chart) {
      if (started.indexOf(chart) === -1) observer.observe(chart.figure);
    });
  }

  Array.prototype.forEach.call(figures, function (figure) {
    var graphic = figure.querySelector(".chart-graphic");
    if (!graphic) return;
    var chart = new Chart(figure, graphic);
    chart.onIntent = function () { start(chart); };
    charts.push(chart);
    INTENT.forEach(function (type) { figure.addEventListener(type, chart.onIntent, listenerOptions); });
  });
  // A tap (or click) outside every chart puts its tooltip away.
  document.addEventListener("pointerdown", function (event) {
    charts.forEach(function (chart) {
      if (chart.current && !chart.graphic.contains(event.target)) chart.hide();
    });
  }, listenerOptions);
  window.addEventListener("scroll", onFirstScroll, listenerOptions);
})();
