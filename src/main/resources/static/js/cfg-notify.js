// CFG notifications group: event switches and thresholds, write-only Telegram and webhook secrets, and the test button.
// Reads the group from GET /api/settings and writes it with PUT /api/settings {"notify": …}; the secrets are never read back.
(function () {
  "use strict";
  const form = document.getElementById("notify-form");
  if (!form) return;
  const $ = id => document.getElementById(id);
  const loggedIn = () => !!document.querySelector("form.logout");
  let saved = null;

  function status(text, ok) {
    $("notify-result").textContent = text;
    $("notify-result").className = ok ? "ok" : "bad";
  }

  function show(group) {
    saved = group;
    $("notify-telegram-source").textContent = group.telegram;
    $("notify-webhooks-source").textContent = group.webhooks === "off" ? "off" : group.webhooks + " (" + group.webhook_count + ")";
    $("notify-stale").value = group.stale_data_seconds;
    $("notify-llm").value = group.llm_failures_in_a_row;
    const box = $("notify-events");
    box.querySelectorAll("label").forEach(l => l.remove());
    Object.keys(group.events).forEach(id => {
      const label = document.createElement("label");
      label.className = "field";
      const input = document.createElement("input");
      input.type = "checkbox";
      input.dataset.event = id;
      input.checked = group.events[id];
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = id.replaceAll("_", " ");
      label.append(input, name);
      box.appendChild(label);
    });
    $("notify-clear-telegram").hidden = group.telegram !== "saved";
    $("notify-clear-webhooks").hidden = group.webhooks !== "saved";
  }

  // What changed against the saved group: only those fields are sent.
  function change() {
    const section = {};
    const events = {};
    $("notify-events").querySelectorAll("input[data-event]").forEach(input => {
      if (input.checked !== saved.events[input.dataset.event]) events[input.dataset.event] = input.checked;
    });
    if (Object.keys(events).length) section.events = events;
    const number = (id, field) => {
      const text = $(id).value.trim();
      if (text !== String(saved[field])) section[field] = /^-?\d+$/.test(text) ? Number(text) : text; // a non-number is refused by the server, by name
    };
    number("notify-stale", "stale_data_seconds");
    number("notify-llm", "llm_failures_in_a_row");
    const token = $("notify-bot-token").value.trim();
    const chat = $("notify-chat-id").value.trim();
    if (token || chat) {
      section.telegram_bot_token = token;
      section.telegram_chat_id = chat;
    }
    const hooks = $("notify-webhooks").value.split("\n").map(s => s.trim()).filter(s => s);
    if (hooks.length) section.webhook_urls = hooks;
    return section;
  }

  function save(section, button) {
    if (!Object.keys(section).length) { status("no changes", true); return; }
    const headers = {};
    if ($("notify-password").value) headers["X-Tai2-Confirm-Password"] = $("notify-password").value;
    $("notify-password").value = "";
    tai2.busy(button, tai2.send("PUT", "/api/settings", { notify: section }, headers)).then(({ ok, status: code, body }) => {
      if (!ok) {
        if (code === 403 && body.field === "confirm_password" && loggedIn()) $("notify-password-box").hidden = false;
        const fields = (body.errors || []).map(e => e.field + ": " + e.message);
        status(fields.length ? fields.join("; ") : body.detail, false);
        return;
      }
      ["notify-bot-token", "notify-chat-id", "notify-webhooks"].forEach(id => { $(id).value = ""; });
      $("notify-password-box").hidden = true;
      show(body.notify);
      status("saved: Telegram " + body.notify.telegram + ", webhooks " + body.notify.webhooks, true);
    }).catch(err => status("not saved: " + err.message, false));
  }

  form.addEventListener("submit", event => {
    event.preventDefault();
    save(change(), $("notify-save"));
  });
  $("notify-clear-telegram").addEventListener("click", () => {
    if (window.confirm("Forget the saved Telegram bot? tai2 goes back to TAI2_TELEGRAM_BOT_TOKEN and TAI2_TELEGRAM_CHAT_ID, if set.")) {
      save({ clear_telegram: true }, $("notify-clear-telegram"));
    }
  });
  $("notify-clear-webhooks").addEventListener("click", () => {
    if (window.confirm("Forget the saved webhook URLs? tai2 goes back to TAI2_WEBHOOK_URLS, if set.")) {
      save({ clear_webhooks: true }, $("notify-clear-webhooks"));
    }
  });
  $("notify-test").addEventListener("click", () => {
    const list = $("notify-test-result");
    list.replaceChildren();
    tai2.busy($("notify-test"), tai2.send("POST", "/api/notify/test")).then(({ ok, body }) => {
      if (!ok) { status(body.detail, false); return; }
      status(body.delivered + " of " + body.channels.length + " channel(s) got the test message", body.delivered === body.channels.length);
      body.channels.forEach(c => {
        const item = document.createElement("li");
        item.className = c.delivered ? "ok" : "bad";
        item.textContent = c.channel + ": " + (c.delivered ? "delivered" : c.error);
        list.appendChild(item);
      });
    }).catch(err => status("not sent: " + err.message, false));
  });

  fetch("/api/settings", { headers: { "Accept": "application/json" } })
    .then(r => r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status)))
    .then(all => show(all.notify))
    .catch(err => status("the notification settings did not load (" + err.message + "); reload the page", false));
})();
