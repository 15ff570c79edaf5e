// DEBUG's live-stream pane: every event the page receives from GET /events as it arrives, newest first and bounded;
// paused, arrivals are only counted; a type and a text filter; the JSON of an event on expand.
(function () {
  "use strict";
  const MAX_ROWS = 500;
  const list = document.getElementById("stream");
  if (!list) return;
  const typeFilter = document.getElementById("stream-type");
  const textFilter = document.getElementById("stream-text");
  const pauseButton = document.getElementById("stream-pause");
  const statusLine = document.getElementById("stream-status");
  const rawOf = new WeakMap(); // row → the event's data, kept out of the DOM until the row is opened
  let waiting = []; // arrived since the last draw (a snapshot stream brings several a second)
  let paused = false;
  let received = 0;
  let missed = 0;

  const clock = d => tai2.time.clock(d, true); // in the display zone, which the pane's heading names
  function shorten(text, max) { return text.length > max ? text.substring(0, max - 1) + "…" : text; }
  function num(v) { return v == null ? "–" : Number(v).toLocaleString("en-US", { maximumFractionDigits: 8 }); }

  // What a trader reads at a glance: the symbol (when the event has one) and a line about what it says.
  function describe(type, data) {
    let e;
    try { e = JSON.parse(data); } catch (err) { return { symbol: "", summary: shorten(String(data), 160) }; }
    const symbol = (e && typeof e.symbol === "string") ? e.symbol : "";
    switch (type) {
      case "hello": return { symbol: symbol, summary: "connected; server time " + tai2.time.label(e.server_time) };
      case "heartbeat": return { symbol: symbol, summary: "server time " + tai2.time.label(e.server_time) };
      case "market": {
        const markets = e.markets || [];
        const stale = markets.filter(m => m.stale).length;
        return { symbol: symbol, summary: markets.length + " markets: " +
          markets.slice(0, 4).map(m => m.symbol.replace(/-USDT-SWAP$/, "") + " " + num(m.last)).join(" · ") + (stale ? " · " + stale + " stale" : "") };
      }
      case "snapshot": {
        const t = e.ticker || {};
        const stale = Object.entries(e.freshness || {}).filter(([, f]) => f && f.stale).map(([k]) => k);
        return { symbol: symbol, summary: "last " + num(t.last) + " bid " + num(t.bid) + " ask " + num(t.ask) + (stale.length ? " · stale: " + stale.join(", ") : "") };
      }
      case "log": return { symbol: symbol, summary: e.level + " " + e.logger + ": " + shorten(String(e.message), 160) };
      case "decision": return { symbol: symbol, summary: "decision log changed: " + e.id };
      case "scheduler": return { symbol: symbol, summary: "scheduler outcome saved" };
      default: return { symbol: symbol, summary: shorten(data, 160) };
    }
  }

  function matches(li) {
    const type = typeFilter.value;
    if (type && li.dataset.type !== type) return false;
    const text = textFilter.value.trim().toLowerCase();
    return !text || li.textContent.toLowerCase().includes(text) || (rawOf.get(li) || "").toLowerCase().includes(text);
  }

  function row(event) {
    const seen = describe(event.type, event.data);
    const li = document.createElement("li");
    li.dataset.type = event.type;
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    const time = document.createElement("time"); time.textContent = clock(event.at);
    const type = document.createElement("b"); type.className = "type"; type.textContent = event.type;
    const symbol = document.createElement("span"); symbol.className = "symbol"; symbol.textContent = seen.symbol || "–";
    const msg = document.createElement("span"); msg.className = "msg"; msg.textContent = seen.summary;
    summary.append(time, " ", type, " ", symbol, " ", msg);
    const pre = document.createElement("pre");
    details.append(summary, pre);
    details.addEventListener("toggle", () => { // the JSON is laid out only when someone opens the row
      if (!details.open || pre.textContent) return;
      try { pre.textContent = JSON.stringify(JSON.parse(rawOf.get(li)), null, 2); } catch (e) { pre.textContent = rawOf.get(li); }
    });
    li.append(details);
    rawOf.set(li, event.data);
    li.hidden = !matches(li);
    return li;
  }

  function showStatus() {
    const shown = Array.from(list.children).filter(li => !li.hidden).length;
    statusLine.textContent = paused
      ? "paused: " + missed + " new event(s) not shown"
      : received + " received · " + list.children.length + " kept · " + shown + " shown";
  }

  function drawNow() {
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    const fragment = document.createDocumentFragment();
    batch.slice(-MAX_ROWS).reverse().forEach(event => fragment.append(row(event)));
    list.prepend(fragment);
    while (list.children.length > MAX_ROWS) list.lastElementChild.remove(); // bounded: the page never grows without end
    showStatus();
  }
  const draw = tai2.throttle(drawNow, 250);

  document.addEventListener("tai2:stream", event => {
    received++;
    if (paused) { missed++; showStatus(); return; }
    waiting.push({ at: new Date(), type: event.detail.type, data: event.detail.data });
    if (waiting.length > MAX_ROWS) waiting.shift();
    draw();
  });

  function refilter() {
    Array.from(list.children).forEach(li => { li.hidden = !matches(li); });
    showStatus();
  }
  typeFilter.addEventListener("change", refilter);
  textFilter.addEventListener("input", tai2.throttle(refilter, 200));
  pauseButton.addEventListener("click", () => {
    if (!paused) drawNow(); // what arrived before the click is shown; from now on only counted
    paused = !paused;
    pauseButton.textContent = paused ? "resume" : "pause";
    pauseButton.setAttribute("aria-pressed", String(paused));
    if (paused) missed = 0;
    showStatus();
  });
  document.getElementById("stream-clear").addEventListener("click", () => {
    list.replaceChildren();
    waiting = [];
    received = 0;
    missed = 0;
    showStatus();
  });
})();
