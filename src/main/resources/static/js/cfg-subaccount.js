// CFG "OKX sub-account": the declared name and its check against OKX, the master keys (write-only), both balances and
// master ⇄ sub-account transfers. Every write goes through the API; the server checks everything again.
(function () {
  "use strict";
  const section = document.getElementById("section-subaccount");
  if (!section) return;
  const $ = id => document.getElementById(id);
  const loggedIn = !!document.querySelector("form.logout");
  let balances = null;
  let clientId = null; // kept for an identical retry, so a retry after a lost answer never moves money twice
  let clientIdFor = "";

  function status(el, text, ok) {
    el.textContent = text;
    el.className = ok ? "ok" : "bad";
  }
  function usdt(value) {
    return value == null ? "–" : Number(value).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 8 });
  }
  function passwordHeaders() {
    const headers = {};
    if ($("sub-password").value) headers["X-Tai2-Confirm-Password"] = $("sub-password").value;
    return headers;
  }
  function newClientId() {
    const letters = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    const bytes = new Uint8Array(24);
    crypto.getRandomValues(bytes);
    return "cfg" + Array.from(bytes, b => letters[b % letters.length]).join("");
  }

  function draw(view) {
    const check = view.check;
    const verdict = $("sub-verdict");
    verdict.textContent = check.verdict.replace(/_/g, " ") + (check.verdict === "matches" ? (check.confirmed ? " (confirmed)" : " (name not confirmed)") : "");
    verdict.className = check.verdict === "matches" || check.verdict === "not_declared" ? "ok" : "bad";
    $("sub-check-message").textContent = check.message;
    const live = $("sub-live-entries");
    live.textContent = view.live_entries === "allowed" ? "allowed" : "refused: " + view.refusal;
    live.className = view.live_entries === "allowed" ? "ok" : "bad";
    $("sub-master-keys").textContent = view.master_keys;
    $("sub-master-clear").hidden = view.master_keys === "none";
    drawBalances(view.balances, view.sub_account, view.balances_problem);
    drawTransfers(view.transfers || []);
  }
  function drawBalances(b, name, problem) {
    balances = b;
    $("sub-balance-name").textContent = name ? "sub-account " + name : "sub-account";
    $("sub-master-funding").textContent = b ? usdt(b.master_funding_usdt) : "–";
    $("sub-master-trading").textContent = b ? usdt(b.master_trading_usdt) : "–";
    $("sub-sub-funding").textContent = b ? usdt(b.sub_funding_usdt) : "–";
    $("sub-sub-trading").textContent = b ? usdt(b.sub_trading_usdt) : "–";
    $("sub-balances-note").textContent = b ? "read from OKX at " + tai2.time.label(b.read_at) : (problem || "");
  }
  function drawTransfers(list) {
    const body = $("sub-transfers").tBodies[0];
    body.replaceChildren(...list.map(t => {
      const row = document.createElement("tr");
      const okx = t.trans_id ? "id " + t.trans_id : t.okx_code ? t.okx_code + " " + (t.okx_message || "") : "";
      [tai2.time.dateTime(t.requested_at), t.direction.replace(/_/g, " ") + " (" + t.master_account + ")", usdt(t.amount), t.state,
        okx, t.actor].forEach(text => {
        const cell = document.createElement("td");
        cell.textContent = text;
        row.appendChild(cell);
      });
      return row;
    }));
  }

  function load(path, method) {
    const request = method === "POST" ? tai2.send("POST", path) : fetch(path, { headers: { "Accept": "application/json" } })
      .then(r => r.json().then(body => ({ ok: r.ok, body: body })));
    return request.then(({ ok, body }) => {
      if (!ok) { status($("sub-check-message"), body.detail || "the sub-account status did not load", false); return; }
      draw(body);
    }).catch(err => status($("sub-check-message"), "the sub-account status did not load (" + err.message + ")", false));
  }

  function saveSettings(okx, button, result, question, done) {
    if (!window.confirm(question)) return;
    const headers = passwordHeaders();
    tai2.busy(button, tai2.send("PUT", "/api/settings", { okx: okx }, headers)).then(({ ok, body }) => {
      if (!ok) { status(result, body.detail, false); return; }
      $("sub-password").value = "";
      done(body.okx);
      load("/api/okx/sub-account");
    }).catch(err => status(result, "not saved: " + err.message, false));
  }

  $("sub-name-save").addEventListener("click", () => {
    const name = $("sub-name").value.trim();
    saveSettings({ sub_account: name }, $("sub-name-save"), $("sub-name-result"),
      name ? "Declare that the OKX trading keys belong to sub-account " + name + "? tai2 checks it with OKX now." :
        "Declare no sub-account? tai2 then trades whatever account its OKX keys belong to, unchecked.",
      okx => status($("sub-name-result"), okx.sub_account ? "saved: sub-account " + okx.sub_account : "saved: no sub-account declared", true));
  });
  $("sub-recheck").addEventListener("click", () => tai2.busy($("sub-recheck"), load("/api/okx/sub-account/check", "POST")));

  $("sub-master-form").addEventListener("submit", event => {
    event.preventDefault();
    const keys = { master_api_key: $("sub-master-api-key").value.trim(), master_secret_key: $("sub-master-secret-key").value.trim(),
      master_passphrase: $("sub-master-passphrase").value.trim() };
    if (!keys.master_api_key || !keys.master_secret_key || !keys.master_passphrase) {
      status($("sub-master-result"), "enter the master account's API key, secret key and passphrase", false);
      return;
    }
    saveSettings(keys, $("sub-master-save"), $("sub-master-result"),
      "Save the master account's keys? tai2 uses them only to read balances and move money between master and sub-account, never for orders.",
      okx => {
        ["sub-master-api-key", "sub-master-secret-key", "sub-master-passphrase"].forEach(id => { $(id).value = ""; });
        status($("sub-master-result"), "saved: master keys " + okx.master_keys, true);
      });
  });
  $("sub-master-clear").addEventListener("click", () => saveSettings({ clear_master_keys: true }, $("sub-master-clear"), $("sub-master-result"),
    "Forget the master keys? Balances and transfers then need them entered again.",
    okx => status($("sub-master-result"), "forgotten: master keys " + okx.master_keys, true)));

  // ---- transfer: checked here against the balances shown, and by the server against OKX's
  function source(direction, side) {
    if (!balances) return null;
    return direction === "sub_to_master" ? Number(balances.sub_trading_usdt)
      : Number(side === "trading" ? balances.master_trading_usdt : balances.master_funding_usdt);
  }
  $("sub-direction").addEventListener("change", () => {
    $("sub-master-account").previousElementSibling.textContent = $("sub-direction").value === "master_to_sub" ? "from the master's" : "to the master's";
  });
  $("sub-transfer-form").addEventListener("submit", event => {
    event.preventDefault();
    const result = $("sub-transfer-result");
    const direction = $("sub-direction").value;
    const side = $("sub-master-account").value;
    const text = $("sub-amount").value.trim();
    const amount = Number(text);
    if (!/^[0-9]+(\.[0-9]{1,8})?$/.test(text) || !(amount > 0)) {
      status(result, "enter an amount of USDT above 0, at most 8 decimals", false);
      return;
    }
    const available = source(direction, side);
    if (available != null && amount > available) {
      status(result, "at most " + usdt(available) + " USDT is available there", false);
      return;
    }
    const what = direction + "|" + side + "|" + text;
    if (clientId === null || clientIdFor !== what) { clientId = newClientId(); clientIdFor = what; }
    const from = direction === "master_to_sub" ? "the master's " + side + " account" : "the sub-account's trading account";
    const to = direction === "master_to_sub" ? "the sub-account's trading account" : "the master's " + side + " account";
    if (!window.confirm("Move " + text + " USDT from " + from + " to " + to + "?")) return;
    const body = { direction: direction, amount: amount, master_account: side, client_id: clientId };
    if ($("sub-password").value) body.password = $("sub-password").value;
    tai2.busy($("sub-transfer"), tai2.send("POST", "/api/okx/sub-account/transfer", body)).then(({ ok, status: code, body: answer }) => {
      $("sub-password").value = "";
      if (!ok) {
        const okx = answer.okx_code ? " (OKX " + answer.okx_code + ")" : "";
        status(result, "not moved: " + answer.detail + okx, false);
        if (code !== 502) clientId = null; // settled: the next try is a new transfer; a lost answer keeps the id to ask again
        return;
      }
      clientId = null;
      status(result, (answer.replayed ? "already done: " : "done: ") + answer.transfer.amount + " USDT " + answer.transfer.direction.replace(/_/g, " ")
        + " (" + answer.transfer.state + (answer.transfer.trans_id ? ", OKX transfer " + answer.transfer.trans_id : "") + ")", true);
      $("sub-amount").value = "";
      drawBalances(answer.balances, $("sub-name").value.trim(), null);
      load("/api/okx/sub-account");
    }).catch(err => status(result, "no answer (" + err.message + "): press transfer again to ask OKX; it is never sent twice", false));
  });

  $("sub-password-box").hidden = !loggedIn;
  load("/api/okx/sub-account");
})();
