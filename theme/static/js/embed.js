/* nutgraf embed page: once the page that frames it says it runs nutgraf's resize script (embed-resize.js),
 * uses the phone render where the frame is narrow (embed.css) and tells that page the height of its content,
 * again whenever it changes (the interactive view arriving, the data table opened, a new width). Only the
 * frame's own parent is answered, and only at the origin it spoke from. */
(function () {
  "use strict";
  var frame = document.querySelector(".embed-frame");
  if (window.parent === window || !frame || !window.ResizeObserver) return;
  var host = null;

  function post() {
    var height = Math.ceil(frame.getBoundingClientRect().height);
    window.parent.postMessage({ nutgraf: "embed-height", height: height }, host);
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.source !== window.parent || !data || data.nutgraf !== "embed-host") return;
    if (host === null) {
      host = event.origin;
      document.documentElement.classList.add("embed-fitted");
      new ResizeObserver(post).observe(frame);
    }
    post();
  });
})();
