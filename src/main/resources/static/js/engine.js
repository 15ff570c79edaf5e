// ENGINE page: after the scheduler is switched, show its new state; a failed write shows the problem's text. (The
// decision log and the scheduler card refresh themselves on the live stream's "decision" and "scheduler" events.)
(function () {
  "use strict";
  document.addEventListener("htmx:afterRequest", event => {
    const path = event.detail.requestConfig && event.detail.requestConfig.path;
    if (!path || !path.startsWith("/scheduler/")) return;
    if (!event.detail.successful) {
      let detail = "the request failed (HTTP " + event.detail.xhr.status + ")";
      try { detail = JSON.parse(event.detail.xhr.responseText).detail || detail; } catch (e) { /* not JSON */ }
      window.alert(detail);
    }
    htmx.ajax("GET", "/engine/scheduler", { target: "#scheduler-card", swap: "outerHTML" });
  });
})();
