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
    ["hello", "heartbeat", "market", "snapshot", "log"].forEach(name =>
      source.addEventListener(name, event => document.dispatchEvent(new CustomEvent("tai2:" + name, { detail: event.data }))));
  }

  document.addEventListener("htmx:configRequest", event => {
    const header = document.querySelector("meta[name=csrf-header]");
    const token = document.querySelector("meta[name=csrf-token]");
    if (header && token) event.detail.headers[header.content] = token.content;
  });

  document.addEventListener("DOMContentLoaded", () => {
    tick();
    setInterval(tick, 1000);
    connectStream();
  });
})();
