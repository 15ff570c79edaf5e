// ENGINE page: after the scheduler is switched, show its new state; a failed write shows the problem's text. The
// scheduler card also follows the decisions it makes (live stream event "decision", at most every 2 s).
(function () {
  "use strict";
  let cardAt = 0;
  let cardPending = false;
  function refreshCard() {
    cardPending = false;
    cardAt = Date.now();
    if (document.getElementById("scheduler-card")) htmx.ajax("GET", "/engine/scheduler", { target: "#scheduler-card", swap: "outerHTML" });
  }
  document.addEventListener("tai2:decision", () => {
    if (cardPending) return;
    cardPending = true;
    setTimeout(refreshCard, Math.max(0, 2000 - (Date.now() - cardAt)));
  });
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
