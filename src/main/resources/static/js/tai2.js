// Shared page behaviour: times in the display zone, the ticking clock, the live-stream light and the CSRF header for htmx writes.
(function () {
  "use strict";

  // Every time a page script shows is written here: in the zone the operator chose (CFG ui.timezone, the body's
  // data-tz), which the value itself, its column header or its pane's heading names. The API's JSON stays UTC.
  const time = (function () {
    const dash = "–";
    const options = z => ({ timeZone: z, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit" });
    let zone = (document.body && document.body.dataset.tz) || "UTC";
    let format;
    try { format = new Intl.DateTimeFormat("en-US", options(zone)); } catch (e) { // a zone this browser does not know: UTC, named so
      zone = "UTC";
      format = new Intl.DateTimeFormat("en-US", options(zone));
    }
    // an ISO string, epoch milliseconds or a Date → its fields in the zone; null for anything else
    function parts(value) {
      if (value === null || value === undefined || value === "") return null;
      const d = value instanceof Date ? value : new Date(value);
      if (isNaN(d.getTime())) return null;
      const p = { ms: String(d.getUTCMilliseconds()).padStart(3, "0") }; // zones differ by whole seconds at most
      format.formatToParts(d).forEach(x => { p[x.type] = x.value; });
      return p;
    }
    const dateTime = v => { const p = parts(v); return p ? p.year + "-" + p.month + "-" + p.day + " " + p.hour + ":" + p.minute + ":" + p.second : dash; };
    const clock = (v, ms) => { const p = parts(v); return p ? p.hour + ":" + p.minute + ":" + p.second + (ms ? "." + p.ms : "") : dash; };
    const short = v => { const p = parts(v); return p ? p.month + "-" + p.day + " " + p.hour + ":" + p.minute : dash; };
    const label = v => { const s = dateTime(v); return s === dash ? s : s + " " + zone; };
    const escape = text => String(text).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c]));
    const number = v => typeof v === "number" ? v.toLocaleString("en-US", { maximumFractionDigits: 8 }) : String(v ?? dash);
    // ECharts "axis" tooltip: the hovered time labelled with the zone, then each series' value (plain text: no inline styles)
    function tooltip(params) {
      const list = Array.isArray(params) ? params : [params];
      if (list.length === 0) return "";
      const first = list[0];
      const head = typeof first.axisValue === "number" ? label(first.axisValue) : String(first.axisValueLabel ?? first.axisValue ?? "") + " " + zone;
      return [escape(head)].concat(list.map(p => escape(p.seriesName) + ": " + escape(number(Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value))))
        .join("<br>");
    }
    return {
      zone: zone,
      dateTime: dateTime, // 2026-12-04 07:00:05 (a column or pane whose heading names the zone)
      label: label,       // 2026-12-04 07:00:05 America/New_York
      clock: clock,       // 07:00:05 (or 07:00:05.123)
      short: short,       // 12-04 07:00 (a chart axis)
      tooltip: tooltip,
      // an ECharts time axis written in the zone
      timeAxis: extra => Object.assign({ type: "time", axisLabel: { formatter: v => short(v), hideOverlap: true } }, extra || {})
    };
  })();

  function tick() {
    const clock = document.getElementById("clock");
    if (!clock) return;
    const now = new Date();
    clock.textContent = time.clock(now) + " " + time.zone;
    clock.dateTime = now.toISOString();
  }

  function connectStream() {
    const light = document.getElementById("stream-light");
    if (!light || !window.EventSource) return;
    const source = new EventSource("/events");
    const set = (state, title) => {
      light.classList.remove("up", "down");
      if (state) light.classList.add(state);
      light.title = "live stream: " + title;
    };
    source.addEventListener("open", () => set("up", "connected"));
    source.addEventListener("error", () => set("down", "disconnected, retrying"));
    // each type as its own page event, and all of them as "tai2:stream" {type, data} (DEBUG's live-stream pane)
    ["hello", "heartbeat", "market", "snapshot", "log", "decision", "scheduler"].forEach(name =>
      source.addEventListener(name, event => {
        document.dispatchEvent(new CustomEvent("tai2:" + name, { detail: event.data }));
        document.dispatchEvent(new CustomEvent("tai2:stream", { detail: { type: name, data: event.data } }));
      }));
  }

  function csrf(headers) {
    const header = document.querySelector("meta[name=csrf-header]");
    const token = document.querySelector("meta[name=csrf-token]");
    if (header && token) headers[header.content] = token.content;
    return headers;
  }

  // A JSON write for the page scripts: resolves to {ok, status, body}; a problem's body carries detail and field.
  function send(method, url, body, headers) {
    const all = csrf(Object.assign({ "Content-Type": "application/json", "Accept": "application/json" }, headers || {}));
    return fetch(url, { method: method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(r => r.text().then(text => {
        let parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = { detail: text }; }
        if (!r.ok) parsed = Object.assign({}, parsed, { detail: problem(r.status, text) }); // keeps a problem's field
        return { ok: r.ok, status: r.status, body: parsed };
      }));
  }

  // What a failed request says: the problem's detail when the answer is one, else the status with what to do.
  function problem(status, text) {
    try {
      const detail = JSON.parse(text).detail;
      if (detail) return detail;
    } catch (e) { /* not JSON */ }
    return "the request failed (HTTP " + status + ")" + (status === 401 || status === 403 ? ": log in with the password" : "");
  }
  // Shows a write in progress: the button is disabled and marked busy until the request settled (whatever its outcome).
  function busy(button, promise) {
    button.disabled = true;
    button.classList.add("busy");
    const done = () => { button.disabled = false; button.classList.remove("busy"); };
    promise.then(done, done);
    return promise;
  }
  // Runs fn at most once every ms milliseconds; a call during the wait is not lost: fn runs once at its end.
  function throttle(fn, ms) {
    let pending = false;
    let last = 0;
    return () => {
      if (pending) return;
      pending = true;
      setTimeout(() => { pending = false; last = Date.now(); fn(); }, Math.max(0, ms - (Date.now() - last)));
    };
  }

  // The symbol of a snapshot event without parsing it whole (snapshots start with their symbol; large and frequent).
  function symbolOf(json) {
    const m = /^\{"symbol":"([^"]*)"/.exec(json);
    return m ? m[1] : null;
  }
  window.tai2 = { send: send, busy: busy, problem: problem, throttle: throttle, symbolOf: symbolOf, time: time };

  // The header's ticker strip: the tracked symbols' last prices from the live stream's market view, at most once a second.
  let latestView = null;
  const drawStrip = throttle(() => {
    const strip = document.getElementById("ticker-strip");
    let view;
    try { view = JSON.parse(latestView); } catch (e) { return; }
    strip.replaceChildren(...(view.markets || []).slice(0, 8).map(m => {
      const li = document.createElement("li");
      li.dataset.symbol = m.symbol;
      li.title = m.symbol + (m.stale ? ": stale data" : "") + " (bid " + (m.bid ?? "–") + ", ask " + (m.ask ?? "–") + ")";
      li.className = m.stale ? "stale" : "";
      const name = document.createElement("span");
      name.textContent = m.symbol.replace(/-USDT-SWAP$/, "") + " ";
      const last = document.createElement("span");
      last.className = "last";
      last.textContent = m.last == null ? "–" : Number(m.last).toLocaleString("en-US", { maximumFractionDigits: 8 });
      li.append(name, last);
      return li;
    }));
  }, 1000);
  document.addEventListener("tai2:market", event => {
    if (!document.getElementById("ticker-strip")) return;
    latestView = event.detail;
    drawStrip();
  });

  document.addEventListener("htmx:configRequest", event => csrf(event.detail.headers));

  // A button's risky action (the daily-loss reset while locked, the scheduler on with live execution) answered 403
  // "password needed": ask for the password in a masked box and send the same request once more with it. This listener
  // runs before the pages' own, so they only see the retried request's outcome.
  const CONFIRM = "X-Tai2-Confirm-Password";
  document.addEventListener("htmx:afterRequest", event => {
    const xhr = event.detail.xhr;
    const config = event.detail.requestConfig;
    if (!xhr || xhr.status !== 403 || !config) return;
    let answer;
    try { answer = JSON.parse(xhr.responseText); } catch (e) { return; }
    if (!answer || answer.title !== "password needed") return;
    event.stopImmediatePropagation();
    askPassword(answer.detail).then(password => {
      if (password === null) return;
      htmx.ajax(config.verb.toUpperCase(), config.path, { source: event.detail.elt, swap: "none", headers: { [CONFIRM]: password } });
    });
  });
  // the retry was confirmed already: no second hx-confirm question
  document.addEventListener("htmx:confirm", event => {
    const headers = event.detail.etc && event.detail.etc.headers;
    if (!headers || !headers[CONFIRM]) return;
    event.preventDefault();
    event.detail.issueRequest(true);
  });

  function askPassword(message) {
    return new Promise(resolve => {
      const dialog = document.createElement("dialog");
      dialog.id = "password-dialog";
      const form = document.createElement("form");
      form.method = "dialog";
      const text = document.createElement("p");
      text.textContent = message;
      const input = document.createElement("input");
      input.type = "password";
      input.id = "password-dialog-input";
      input.autocomplete = "current-password";
      input.setAttribute("aria-label", "your password again");
      const ok = document.createElement("button");
      ok.id = "password-dialog-ok";
      ok.value = "ok";
      ok.textContent = "confirm";
      const cancel = document.createElement("button");
      cancel.value = "cancel";
      cancel.textContent = "cancel";
      form.append(text, input, ok, cancel);
      dialog.append(form);
      dialog.addEventListener("close", () => {
        const password = dialog.returnValue === "ok" && input.value ? input.value : null;
        input.value = "";
        dialog.remove();
        resolve(password);
      });
      document.body.append(dialog);
      dialog.showModal();
      input.focus();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    tick();
    setInterval(tick, 1000);
    connectStream();
  });
})();
