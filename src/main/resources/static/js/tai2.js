// Shared page behaviour: the ticking UTC clock, the live-stream light and the CSRF header for htmx writes.
(function () {
  "use strict";

  function pad(n) { return String(n).padStart(2, "0"); }

  function tick() {
    const clock = document.getElementById("clock");
    if (!clock) return;
    const now = new Date();
    clock.textContent = pad(now.getUTCHours()) + ":" + pad(now.getUTCMinutes()) + ":" + pad(now.getUTCSeconds()) + " UTC";
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
  window.tai2 = { send: send, busy: busy, problem: problem, throttle: throttle, symbolOf: symbolOf };

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
