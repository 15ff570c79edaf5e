// LIVE page: re-render the cards when the live stream reports a change (at most once a second), keep the equity chart.
(function () {
  "use strict";
  // A button's write in flight keeps the panel in place: swapping it would detach the button, and htmx's
  // afterRequest from a detached element never reaches the handler below (the kill switch's report would be lost).
  let writesInFlight = 0;
  const isPanelWrite = event => {
    const source = event.detail.elt;
    const verb = ((event.detail.requestConfig && event.detail.requestConfig.verb) || "get").toLowerCase();
    return verb !== "get" && source && source.closest && source.closest("#live-panel");
  };
  document.addEventListener("htmx:beforeRequest", event => { if (isPanelWrite(event)) writesInFlight++; });
  document.addEventListener("htmx:afterRequest", event => { if (isPanelWrite(event)) writesInFlight = Math.max(0, writesInFlight - 1); });

  function refresh() {
    const panel = document.getElementById("live-panel");
    if (!panel || !window.htmx) return;
    if (writesInFlight > 0) { setTimeout(refresh, 200); return; }
    htmx.ajax("GET", "/live/panel", { target: "#live-panel", swap: "outerHTML" });
    if (document.getElementById("paper-panel")) htmx.ajax("GET", "/live/paper", { target: "#paper-panel", swap: "outerHTML" });
  }
  const schedule = tai2.throttle(refresh, 1000);

  let chart = null;
  function loadEquity() {
    const el = document.getElementById("equity-chart");
    if (!el || !window.echarts) return;
    fetch("/live/equity", { headers: { "Accept": "application/json" } })
      .then(r => r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status)))
      .then(body => {
        const points = (body.items || []).filter(s => s.total_eq_usd != null).map(s => [s.observed_at, Number(s.total_eq_usd)]);
        document.getElementById("equity-empty").hidden = points.length > 0;
        chart = chart || echarts.init(el, "dark");
        chart.setOption({
          backgroundColor: "transparent", animation: false, grid: { left: 60, right: 20, top: 20, bottom: 30 },
          tooltip: { trigger: "axis", formatter: tai2.time.tooltip }, xAxis: tai2.time.timeAxis(), yAxis: { type: "value", scale: true, name: "USDT" },
          series: [{ type: "line", showSymbol: false, data: points }]
        });
      })
      .catch(err => console.warn("equity history unavailable:", err.message));
  }

  // After a button's write (reset lock, clear alerts): show OKX/tai2's problem text when it failed, else refresh at once.
  document.addEventListener("htmx:afterRequest", event => {
    // only a button's write: the panel's own refreshes (GETs) must not hide the kill switch's report a moment later
    if (!isPanelWrite(event)) return;
    const box = document.getElementById("live-error");
    const result = document.getElementById("live-result");
    if (event.detail.successful) {
      if (box) box.hidden = true;
      const path = (event.detail.requestConfig && event.detail.requestConfig.path) || "";
      if (result && path.startsWith("/execution/kill") && !path.startsWith("/execution/kill/release")) {
        try { // the kill switch's report: what it did and what failed
          const report = JSON.parse(event.detail.xhr.responseText);
          result.textContent = "Kill switch engaged. " + (report.actions.length ? report.actions.join("; ") : "nothing was open") +
            (report.failures.length ? ". FAILED: " + report.failures.join("; ") + " — check OKX directly" : "");
          result.className = "card " + (report.failures.length ? "bad" : "ok");
          result.hidden = false;
        } catch (e) { /* the panel shows the switch either way */ }
      } else if (result) {
        result.hidden = true;
      }
      refresh();
      return;
    }
    if (box) { box.textContent = tai2.problem(event.detail.xhr.status, event.detail.xhr.responseText); box.hidden = false; }
  });

  // PAPER: reset a paper book (paper money, so no password; the confirm says what happens), then show the new book at once.
  function resetPaper(event) {
    event.preventDefault();
    const book = document.getElementById("paper-reset-book").value;
    const input = document.getElementById("paper-reset-equity");
    const error = document.getElementById("paper-reset-error");
    const result = document.getElementById("paper-reset-result");
    const equity = Number(input.value);
    error.hidden = true;
    result.hidden = true;
    if (input.value.trim() === "" || !Number.isFinite(equity)) {
      error.textContent = "equity_usdt must be a number of USDT (10 to 100,000,000)";
      error.hidden = false;
      return;
    }
    if (!window.confirm("Reset the paper book \"" + book + "\" to " + equity.toLocaleString("en-US") + " USDT? Its open paper positions close at " +
        "their last price (reason reset) and its PnL starts again from zero. Nothing is sent to OKX.")) return;
    tai2.busy(document.getElementById("paper-reset-button"), tai2.send("POST", "/api/paper/reset", { book: book, equity_usdt: equity }))
      .then(answer => {
        if (!answer.ok) {
          error.textContent = answer.body.detail;
          error.hidden = false;
          return;
        }
        result.textContent = "\"" + answer.body.name + "\" restarted with " + Number(answer.body.equity_usdt).toLocaleString("en-US") + " USDT";
        result.hidden = false;
        refresh();
      })
      .catch(err => { error.textContent = "the reset failed: " + err.message; error.hidden = false; });
  }

  document.addEventListener("tai2:market", schedule);
  document.addEventListener("tai2:snapshot", schedule);
  document.addEventListener("DOMContentLoaded", () => {
    const reset = document.getElementById("paper-reset");
    if (reset) reset.addEventListener("submit", resetPaper);
    loadEquity();
    setInterval(loadEquity, 60000);
    window.addEventListener("resize", () => chart && chart.resize());
  });
})();
