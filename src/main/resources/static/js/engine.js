// ENGINE page: the decision log and the scheduler card follow the live stream's "decision" and "scheduler" events (at
// most twice a second, the last change of a burst always shown); a failed scheduler switch shows the problem's text.
(function () {
  "use strict";
  const refreshLog = tai2.throttle(() => {
    const filters = document.getElementById("log-filters");
    if (filters) htmx.ajax("GET", "/engine/log?" + new URLSearchParams(new FormData(filters)), { target: "#decision-log", swap: "outerHTML" });
  }, 500);
  const refreshCard = tai2.throttle(() => {
    if (document.getElementById("scheduler-card")) htmx.ajax("GET", "/engine/scheduler", { target: "#scheduler-card", swap: "outerHTML" });
  }, 500);
  document.addEventListener("tai2:decision", refreshLog);
  document.addEventListener("tai2:scheduler", refreshCard);
  document.addEventListener("htmx:afterRequest", event => {
    const path = event.detail.requestConfig && event.detail.requestConfig.path;
    if (!path || !path.startsWith("/scheduler/")) return;
    if (!event.detail.successful) {
      window.alert(tai2.problem(event.detail.xhr.status, event.detail.xhr.responseText));
    }
    refreshCard();
  });
})();
