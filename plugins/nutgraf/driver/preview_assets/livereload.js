// nutgraf's live preview (development only: the preview server adds this script to each page it sends; it is
// never in the built site). It listens to the server's build events: after a good build the page reloads
// itself; after a failed one, the build's messages cover the page until the fix is saved. A saved explainer's
// page is rendered first: that build lists the pages it changed ("only"), and the others wait for the full
// rebuild, which lists the pages it left as the first render wrote them ("same"): those do not reload again.
(() => {
  "use strict";
  const script = document.currentScript;
  let shownBuild = script.dataset.build;
  const here = window.location.pathname.replace(/index\.html$/, "");
  const overlayId = "nutgraf-build-errors";

  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = "/_nutgraf/livereload.css";
  document.head.append(style);

  function showErrors(errors) {
    let overlay = document.getElementById(overlayId);
    if (!overlay) {
      overlay = document.createElement("section");
      overlay.id = overlayId;
      overlay.setAttribute("role", "alert");
      document.body.prepend(overlay);
    }
    const heading = document.createElement("h2");
    heading.textContent = "The last build failed";
    const note = document.createElement("p");
    note.textContent = "This page is the last good build. Fix the file and save: the page refreshes itself.";
    const list = document.createElement("ul");
    for (const error of errors) {
      const item = document.createElement("li");
      item.textContent = error;  // text, never markup: a message may quote the file
      list.append(item);
    }
    overlay.replaceChildren(heading, list, note);
  }

  const events = new EventSource("/_nutgraf/events");
  events.onmessage = (message) => {
    const status = JSON.parse(message.data);
    if (status.errors.length) {
      showErrors(status.errors);
    } else if (status.build === shownBuild) {
      document.getElementById(overlayId)?.remove();
    } else if (status.only.length && !status.only.includes(here)) {
      // another page's first render: this page changes, if at all, with the full rebuild
    } else if (status.base === shownBuild && status.same.includes(here)) {
      shownBuild = status.build;
      document.getElementById(overlayId)?.remove();
    } else {
      events.close();
      window.location.reload();
    }
  };
})();
