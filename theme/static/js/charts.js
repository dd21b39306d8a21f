/* nutgraf charts: upgrade a static chart to an interactive Vega view once the reader shows intent.
 * The static SVG is complete, and tooltips need an interaction anyway, so the runtime (Vega +
 * vega-interpreter, no eval: works under script-src 'self') is not fetched at load, which would
 * block the main thread while the page is still settling. It loads on the first pointer, touch or
 * focus on a chart figure (or a key pressed while focus is in one), and, once the reader has
 * scrolled, for charts that come near the viewport. Anything failing leaves the static SVG in
 * place; the interactive view sits in the same box. */
(function () {
  "use strict";
  var figures = document.querySelectorAll("figure.chart[data-chart-wide]");
  var script = document.currentScript;
  var runtimeUrl = script && script.getAttribute("data-runtime");
  if (!figures.length || !runtimeUrl || !window.fetch || !window.Promise) return;
  var runtime = null;
  var tooltip = null;

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
      tooltip.setAttribute("role", "tooltip");
      tooltip.hidden = true;
      document.body.appendChild(tooltip);
    }
    return tooltip;
  }

  // Vega's tooltip handler: a plain element, positioned through the CSSOM (allowed by style-src 'self').
  function showTooltip(handler, event, item, value) {
    var element = tooltipElement();
    if (value == null || value === "") { element.hidden = true; return; }
    element.textContent = "";
    var entries = typeof value === "object" ? Object.keys(value).map(function (k) { return [k, value[k]]; }) : [[null, value]];
    entries.forEach(function (entry) {
      var line = document.createElement("div");
      if (entry[0] !== null) {
        var key = document.createElement("span");
        key.className = "chart-tooltip-key";
        key.textContent = entry[0] + ": ";
        line.appendChild(key);
      }
      line.appendChild(document.createTextNode(String(entry[1])));
      element.appendChild(line);
    });
    element.hidden = false;
    var x = event.clientX + 12, y = event.clientY + 12;
    var box = element.getBoundingClientRect();
    if (x + box.width > window.innerWidth - 8) x = Math.max(8, event.clientX - box.width - 12);
    if (y + box.height > window.innerHeight - 8) y = Math.max(8, event.clientY - box.height - 12);
    element.style.left = x + window.scrollX + "px";
    element.style.top = y + window.scrollY + "px";
  }

  function visibleVariant(figure) {
    var narrow = figure.querySelector(".chart-svg-narrow");
    return narrow && narrow.getClientRects().length ? "narrow" : "wide";
  }

  function upgrade(figure) {
    var graphic = figure.querySelector(".chart-graphic");
    var url = figure.getAttribute("data-chart-" + visibleVariant(figure));
    if (!graphic || !url) return;
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
        hover: true,
      });
      view.tooltip(showTooltip);
      return view.runAsync().then(function () {
        var svg = holder.querySelector("svg");
        if (!svg) throw new Error("nothing was drawn");
        if (!svg.getAttribute("viewBox")) {
          svg.setAttribute("viewBox", "0 0 " + svg.getAttribute("width") + " " + svg.getAttribute("height"));
        }
        svg.setAttribute("aria-hidden", "true");
        graphic.classList.add("chart-is-interactive");
      });
    }).catch(function (error) {
      if (holder.parentNode) holder.parentNode.removeChild(holder);
      if (window.console) console.info("nutgraf: chart stays static (" + (error && error.message) + ")");
    });
  }

  // Intent on a figure: the pointer reaching it, a touch, focus arriving in it (its links or data
  // table), or a key pressed while focus is inside it.
  var INTENT = ["pointerover", "pointerdown", "touchstart", "focusin", "keydown"];
  var listenerOptions = { passive: true };
  var started = [];
  var observer = null;

  function start(figure) {
    if (started.indexOf(figure) !== -1) return;
    started.push(figure);
    INTENT.forEach(function (type) { figure.removeEventListener(type, onIntent, listenerOptions); });
    if (observer) observer.unobserve(figure);
    upgrade(figure);
  }

  function onIntent(event) { start(event.currentTarget); }

  // After the reader's first scroll, charts that come near the viewport upgrade before they are reached.
  function onFirstScroll() {
    window.removeEventListener("scroll", onFirstScroll, listenerOptions);
    if (!("IntersectionObserver" in window)) return;
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) start(entry.target);
      });
    }, { rootMargin: "300px 0px" });
    Array.prototype.forEach.call(figures, function (figure) {
      if (started.indexOf(figure) === -1) observer.observe(figure);
    });
  }

  Array.prototype.forEach.call(figures, function (figure) {
    INTENT.forEach(function (type) { figure.addEventListener(type, onIntent, listenerOptions); });
  });
  window.addEventListener("scroll", onFirstScroll, listenerOptions);
})();
