// DEBUG: backend log lines from the live stream and this page's own events; bounded, filterable, pausable, copyable.
(function () {
  "use strict";
  const MAX_ROWS = 500;
  const RANK = { ALL: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };
  let paused = false;
  const held = [];

  function now() { return tai2.time.clock(new Date()); } // in the display zone, which the panes' headings name

  function visible(li) {
    const min = RANK[document.getElementById("level-filter").value] || 0;
    return (RANK[li.dataset.level] || 0) >= min;
  }

  function row(at, level, source, message) {
    const li = document.createElement("li");
    li.dataset.level = level;
    li.className = level;
    const time = document.createElement("time"); time.textContent = at;
    const b = document.createElement("b"); b.textContent = level;
    const src = document.createElement("span"); src.className = "logger"; src.textContent = source;
    const msg = document.createElement("span"); msg.className = "msg"; msg.textContent = message;
    li.append(time, " ", b, " ", src, " ", msg);
    li.hidden = !visible(li);
    return li;
  }

  function append(listId, li) {
    const list = document.getElementById(listId);
    if (!list) return;
    list.appendChild(li);
    while (list.children.length > MAX_ROWS) list.removeChild(list.firstChild); // bounded: the page never grows without end
    if (!paused) list.scrollTop = list.scrollHeight;
  }

  function add(listId, li) {
    if (paused) {
      held.push([listId, li]);
      if (held.length > MAX_ROWS) held.shift();
      document.getElementById("debug-status").textContent = "paused: " + held.length + " new";
      return;
    }
    append(listId, li);
  }

  function ui(level, message) { add("frontend", row(now(), level, "ui", message)); }

  document.addEventListener("tai2:log", event => {
    try {
      const e = JSON.parse(event.detail);
      add("backend", row(tai2.time.clock(e.at), e.level, e.logger, e.message));
    } catch (err) { ui("WARN", "unreadable backend event: " + err.message); }
  });
  // market data: one row per symbol at most every 5 s (the stream carries several updates a second)
  const lastMarketRow = {};
  document.addEventListener("tai2:snapshot", event => {
    const symbol = tai2.symbolOf(event.detail);
    if (!symbol || Date.now() - (lastMarketRow[symbol] || 0) < 5000) return;
    lastMarketRow[symbol] = Date.now();
    try {
      const s = JSON.parse(event.detail);
      const t = s.ticker || {};
      const stale = Object.entries(s.freshness || {}).filter(([, f]) => f && f.stale).map(([k]) => k);
      add("backend", row(now(), "DEBUG", "market", s.symbol + " last " + (t.last ?? "–") + " bid " + (t.bid ?? "–") + " ask " + (t.ask ?? "–") +
        (stale.length ? " · stale: " + stale.join(", ") : "")));
    } catch (err) { /* not a symbol snapshot */ }
  });
  document.addEventListener("tai2:decision", event => {
    try { add("backend", row(now(), "INFO", "engine", "decision log changed: " + JSON.parse(event.detail).id)); } catch (err) { /* ignore */ }
  });
  document.addEventListener("htmx:afterRequest", e => {
    const cfg = e.detail.requestConfig || {};
    ui(e.detail.successful ? "INFO" : "ERROR", (cfg.verb || "").toUpperCase() + " " + (cfg.path || "") + " → " + e.detail.xhr.status);
  });
  window.addEventListener("error", e => ui("ERROR", "script error: " + e.message));

  document.addEventListener("DOMContentLoaded", () => {
    const filter = document.getElementById("level-filter");
    filter.addEventListener("change", () => {
      document.querySelectorAll(".events li").forEach(li => { li.hidden = !visible(li); });
      ui("INFO", "level filter: " + filter.value);
    });
    document.getElementById("pause").addEventListener("click", event => {
      paused = !paused;
      event.target.textContent = paused ? "resume" : "pause";
      if (!paused) {
        held.splice(0).forEach(([listId, li]) => append(listId, li));
        document.getElementById("debug-status").textContent = "live";
        ui("INFO", "resumed");
      } else {
        document.getElementById("debug-status").textContent = "paused";
      }
    });
    document.getElementById("copy").addEventListener("click", () => {
      const text = Array.from(document.querySelectorAll(".events li")).filter(li => !li.hidden).map(li => li.textContent.trim()).join("\n");
      const done = () => { document.getElementById("debug-status").textContent = "copied " + text.split("\n").length + " lines"; };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, done);
      else { const area = document.createElement("textarea"); area.value = text; document.body.appendChild(area); area.select();
        try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ } area.remove(); done(); }
    });
    ui("INFO", "page opened");
  });
})();
