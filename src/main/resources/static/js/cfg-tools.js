// CFG helpers: the USDT → contracts helper, the OKX keys form and the prompt-version editor.
(function () {
  "use strict";
  if (!document.getElementById("settings-form")) return;
  const $ = id => document.getElementById(id);
  const loggedIn = () => !!document.querySelector("form.logout");
  let instruments = [];

  function status(el, text, ok) {
    el.textContent = text;
    el.className = ok ? "ok" : "bad";
  }

  // Changes a settings input the way typing would, so the main form counts it and its row editor shows it.
  const setSetting = (el, value) => tai2.cfg.set(el, value);

  // ---- USDT → contracts at the last price, rounded down to the lot size
  const decimals = step => { const s = String(step); return s.includes(".") ? s.split(".")[1].length : 0; };
  function contractsFor(inst, usdt) {
    const perContract = Number(inst.last) * Number(inst.ct_val);
    const lot = Number(inst.lot_sz);
    const lots = Math.floor(usdt / perContract / lot + 1e-9);
    return { contracts: (lots * lot).toFixed(decimals(inst.lot_sz)), perContract: perContract };
  }
  function sizeHelper() {
    const out = $("size-result");
    const use = $("size-use");
    use.disabled = true;
    const inst = instruments.find(i => i.inst_id === $("size-symbol").value);
    const usdt = Number($("size-usdt").value.trim());
    if (!inst) { out.textContent = "no instrument data yet for this symbol (OKX has not answered)"; return; }
    if (inst.last == null) { out.textContent = "no price yet for " + inst.inst_id + "; wait for the ticker"; return; }
    const unit = "1 contract = " + inst.ct_val + " " + inst.ct_val_ccy + " ≈ " ;
    if (!(usdt > 0)) { out.textContent = unit + (Number(inst.last) * Number(inst.ct_val)).toFixed(2) + " USDT at " + inst.last + "; enter an amount"; return; }
    const r = contractsFor(inst, usdt);
    const below = Number(r.contracts) < Number(inst.min_sz);
    out.textContent = usdt + " USDT = " + r.contracts + " contracts (" + unit + r.perContract.toFixed(2) + " USDT at " + inst.last +
      "; lot " + inst.lot_sz + ", OKX minimum " + inst.min_sz + (below ? " — below OKX's minimum, OKX would refuse it" : "") + ")";
    out.className = below ? "figures bad" : "figures";
    use.disabled = below || Number(r.contracts) <= 0;
    use.dataset.contracts = r.contracts;
  }
  $("size-symbol").addEventListener("change", sizeHelper);
  $("size-usdt").addEventListener("input", sizeHelper);
  $("size-use").addEventListener("click", () => {
    const input = document.querySelector("[name='execution.min_contracts']");
    let map = {};
    try { map = JSON.parse(input.value) || {}; } catch (e) { /* replaced below */ }
    map[$("size-symbol").value] = Number($("size-use").dataset.contracts);
    setSetting(input, JSON.stringify(map));
    status($("size-result"), "execution.min_contracts now sets " + $("size-symbol").value + " to " + $("size-use").dataset.contracts +
      " contracts: press save at the top to keep it", true);
  });

  (tai2.cfgInstruments || Promise.reject(new Error("not asked"))) // asked once by cfg-rows.js
    .then(body => {
      instruments = body.available || [];
      sizeHelper();
    })
    .catch(err => { $("size-result").textContent = "the instrument list did not load (" + err.message + "); reload the page"; });

  // ---- OKX keys: write-only, sent once, never read back
  const demoChoice = $("okx-demo");
  const wasDemo = demoChoice.value === "true";
  function okxBoxes() {
    const toLive = demoChoice.value === "false" && wasDemo;
    $("okx-confirm-live-box").hidden = !toLive;
    $("okx-password-box").hidden = !(toLive && loggedIn());
  }
  demoChoice.addEventListener("change", okxBoxes);
  function saveOkx(section, question) {
    if (!window.confirm(question)) return;
    const headers = {};
    if ($("okx-password").value) headers["X-Tai2-Confirm-Password"] = $("okx-password").value;
    $("okx-password").value = "";
    tai2.busy($(section.clear_keys ? "okx-clear" : "okx-save"), tai2.send("PUT", "/api/settings", { okx: section }, headers)).then(({ ok, body }) => {
      if (!ok) { status($("okx-result"), body.detail, false); return; }
      ["okx-api-key", "okx-secret-key", "okx-passphrase", "okx-confirm-live"].forEach(id => { $(id).value = ""; });
      $("okx-environment").textContent = body.okx.environment;
      $("okx-keys-source").textContent = body.okx.keys;
      status($("okx-result"), "saved: tai2 now trades the " + body.okx.environment + " account with " +
        (body.okx.keys === "saved" ? "the keys saved here" : "the keys from its environment variables"), true);
    }).catch(err => status($("okx-result"), "not saved: " + err.message, false));
  }
  $("okx-form").addEventListener("submit", event => {
    event.preventDefault();
    const keys = { api_key: $("okx-api-key").value.trim(), secret_key: $("okx-secret-key").value.trim(), passphrase: $("okx-passphrase").value.trim() };
    if (!keys.api_key || !keys.secret_key || !keys.passphrase) {
      status($("okx-result"), "enter the API key, the secret key and the passphrase of one OKX account", false);
      return;
    }
    const demo = demoChoice.value === "true";
    const section = Object.assign({ demo: demo }, keys);
    if (!demo && wasDemo) section.confirm_live = $("okx-confirm-live").value.trim();
    saveOkx(section, demo ? "Use these keys of an OKX DEMO account?"
      : "Use these keys of a LIVE OKX account? Approved decisions then trade real money once live execution is on.");
  });
  if ($("okx-clear")) {
    $("okx-clear").addEventListener("click", () =>
      saveOkx({ clear_keys: true }, "Forget the stored keys? tai2 goes back to the keys and the environment set in its environment variables."));
  }
  okxBoxes();

  // ---- prompt versions: load, clone, edit, live preview, save as new
  const editor = ["prompt-name", "prompt-notes", "prompt-system", "prompt-decision", "prompt-schema"].map($);
  let loaded = "";
  const draftText = () => editor.map(el => el.value).join("\u0000");
  function promptDirty() {
    $("prompt-save").disabled = draftText() === loaded || !$("prompt-name").value.trim();
  }
  let previewTimer = null;
  function preview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => {
      if (!$("prompt-symbol").value) {
        $("prompt-preview").textContent = "no preview: it needs a tracked symbol with market data (the market engine is off in this process or has not started)";
        return;
      }
      htmx.ajax("POST", "/cfg/prompt-preview", {
        target: "#prompt-preview", swap: "outerHTML", indicator: "#prompt-progress",
        values: { symbol: $("prompt-symbol").value, name: $("prompt-name").value, system: $("prompt-system").value, decision: $("prompt-decision").value }
      });
    }, 400);
  }
  function load(id, asClone) {
    return fetch("/cfg/versions/" + encodeURIComponent(id), { headers: { "Accept": "application/json" } })
      .then(r => r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status)))
      .then(v => {
        $("prompt-name").value = asClone ? "copy of " + v.name : v.name;
        $("prompt-notes").value = v.notes || "";
        $("prompt-system").value = v.system_prompt;
        $("prompt-decision").value = v.decision_prompt;
        $("prompt-schema").value = v.response_schema || "";
        $("prompt-parent").value = id === "defaults" ? "" : id;
        loaded = asClone ? "" : draftText();
        status($("prompt-result"), asClone ? "a copy of " + v.name + ": edit it and save it as a new version" : "", true);
        promptDirty();
        preview();
      })
      .catch(err => status($("prompt-result"), "the version did not load (" + err.message + ")", false));
  }
  $("prompt-version").addEventListener("change", () => load($("prompt-version").value, false));
  $("prompt-clone").addEventListener("click", () => load($("prompt-version").value, true));
  $("prompt-symbol").addEventListener("change", preview);
  editor.forEach(el => el.addEventListener("input", () => { promptDirty(); if (el.id !== "prompt-notes" && el.id !== "prompt-schema") preview(); }));
  $("prompt-form").addEventListener("submit", event => {
    event.preventDefault();
    const activate = $("prompt-activate").checked;
    const body = {
      name: $("prompt-name").value.trim(), system_prompt: $("prompt-system").value, decision_prompt: $("prompt-decision").value,
      response_schema: $("prompt-schema").value.trim() || null, notes: $("prompt-notes").value.trim() || null,
      parent_id: $("prompt-parent").value || null, activate: activate
    };
    if (!window.confirm("Save \"" + body.name + "\" as a new prompt version" + (activate ? " and make it the active one (the next cycles use it)" : "") + "?")) return;
    tai2.busy($("prompt-save"), tai2.send("POST", "/llm/versions", body)).then(({ ok, body: saved }) => {
      if (!ok) { status($("prompt-result"), saved.detail, false); return; }
      const option = document.createElement("option");
      option.value = saved.id;
      option.textContent = saved.name + " · just saved" + (activate ? " · active" : "");
      $("prompt-version").prepend(option);
      $("prompt-version").value = saved.id;
      $("prompt-parent").value = saved.id;
      loaded = draftText();
      promptDirty();
      status($("prompt-result"), "saved as version " + saved.name + (activate ? ", now active" : ""), true);
    }).catch(err => status($("prompt-result"), "not saved: " + err.message, false));
  });
  if ($("prompt-version").value) load($("prompt-version").value, false);
})();
