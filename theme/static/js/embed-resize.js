/* nutgraf's optional resize script for pages that embed its charts: fits each nutgraf chart iframe
 * (iframe[data-nutgraf-embed]) to its content's height. Without it, the iframe's box keeps the chart's aspect.
 * Each embed code loads it; it may run several times on one page and watches every frame once.
 * A height is taken only from a frame's own window, at the origin of that frame's address. */
(function () {
  "use strict";
  if (!window.postMessage || !window.URL) return;
  var HELLO = { nutgraf: "embed-host" };

  function greet(frame) {
    // Nothing private is said, so any origin may hear it (a frame not yet loaded hears it on load).
    if (frame.contentWindow) frame.contentWindow.postMessage(HELLO, "*");
  }

  function scan() {
    var frames = document.querySelectorAll("iframe[data-nutgraf-embed]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.nutgrafWatched) continue;
      frame.nutgrafWatched = true;
      frame.addEventListener("load", greet.bind(null, frame));
      greet(frame);
    }
  }

  function fit(event) {
    var data = event.data;
    if (!data || data.nutgraf !== "embed-height" || typeof data.height !== "number" || !(data.height > 0)) return;
    var frames = document.querySelectorAll("iframe[data-nutgraf-embed]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source || new URL(frame.src, location.href).origin !== event.origin) continue;
      // The embed code's box keeps the chart's aspect by its padding: the frame now sets the height itself.
      if (frame.parentElement && frame.parentElement.style.paddingTop) frame.parentElement.style.paddingTop = "0";
      frame.style.position = "static";
      frame.style.display = "block";
      frame.style.height = Math.min(Math.ceil(data.height), 20000) + "px";
    }
  }

  if (!window.nutgrafEmbedResize) {
    window.nutgrafEmbedResize = true;
    window.addEventListener("message", fit);
    document.addEventListener("DOMContentLoaded", scan);
  }
  scan();
})();
