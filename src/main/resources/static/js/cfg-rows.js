// CFG: the per-symbol maps (position caps, minimum sizes, auto-seed per symbol) and the trading pairs as rows — a symbol
// picker, the value in the field's unit, remove, "add row" — never a JSON text box. Each editor writes the JSON the API
// takes into its hidden input, so the form's one Save sends it; a row the page can refuse already (no symbol, a symbol
// twice, no value, a swap OKX does not list) marks the input invalid, and Save shows the reason beside the row.
(function () {
  "use strict";
  const form = document.getElementById("settings-form");
  if (!form || !window.tai2 || !tai2.cfg) return;
  const cfg = tai2.cfg;

  // OKX's USDT swaps and the tracked pairs: one request for the pair rows and the size helper (cfg-tools.js)
  tai2.cfgInstruments = fetch("/cfg/instruments", { headers: { "Accept": "application/json" } })
    .then(r => r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status)));
  let listed = null; // the swaps OKX lists, once known (else a typed pair is left to the server)
  const options = document.createElement("datalist");
  options.id = "pair-options";
  document.body.append(options);

  const pairsInput = form.querySelector("input[data-rows='pairs']");
  const tracked = () => {
    try { return pairsInput ? JSON.parse(pairsInput.value) : []; } catch (e) { return []; }
  };
  const mapEditors = [];

  function element(tag, props) {
    return Object.assign(document.createElement(tag), props || {});
  }

  function editor(input) {
    const pairs = input.dataset.rows === "pairs";
    const box = document.getElementById("rows-" + input.id);
    const shift = Number(input.dataset.shift || 0);
    const label = input.dataset.label || input.name;
    const unit = input.dataset.unit || "";
    const describedBy = input.dataset.help || "";
    let rows = [];
    let written = input.value;

    function load() {
      let v;
      try { v = JSON.parse(input.value); } catch (e) { v = null; }
      rows = pairs ? (Array.isArray(v) ? v : []).map(s => ({ symbol: String(s), value: "" }))
        : Object.keys(v && typeof v === "object" ? v : {}).sort().map(s => ({ symbol: s, value: cfg.toShown(String(v[s]), shift) }));
    }

    const symbolOf = r => r.symbol.trim().toUpperCase();
    const rowPath = (r, i) => input.name + "." + (pairs ? i : symbolOf(r));

    /** The first row the page refuses itself, with the path its reason shows under. */
    function problem() {
      const seen = new Set();
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        const symbol = symbolOf(r);
        if (!symbol) return { field: input.name, message: label + ", row " + (i + 1) + ": choose " + (pairs ? "a swap" : "a symbol") };
        if (seen.has(symbol)) return { field: rowPath(r, i), message: symbol + " is listed twice" };
        seen.add(symbol);
        if (pairs && listed && !listed.has(symbol)) {
          return { field: rowPath(r, i), message: symbol + " is not an OKX USDT swap (pick one from the list)" };
        }
        if (!pairs && (r.value.trim() === "" || cfg.toStored(r.value, shift) === null)) {
          return { field: rowPath(r, i), message: symbol + ": enter a value" + (unit ? " in " + unit : "") };
        }
      }
      return null;
    }

    function write() {
      let json;
      if (pairs) {
        json = JSON.stringify(rows.map(symbolOf).filter(Boolean));
      } else {
        const map = {};
        rows.forEach(r => {
          const stored = cfg.toStored(r.value, shift);
          if (symbolOf(r) && stored !== null) map[symbolOf(r)] = Number(stored);
        });
        json = JSON.stringify(Object.fromEntries(Object.keys(map).sort().map(k => [k, map[k]])));
      }
      const p = problem();
      if (p) { input.dataset.invalid = p.message; input.dataset.invalidField = p.field; }
      else { delete input.dataset.invalid; delete input.dataset.invalidField; }
      written = json;
      cfg.set(input, json);
    }

    function symbolControl(r, i) {
      let control;
      if (pairs) {
        control = element("input", { type: "text", value: r.symbol, autocomplete: "off", placeholder: "e.g. ETH-USDT-SWAP", size: 18 });
        control.setAttribute("list", "pair-options");
        control.addEventListener("input", () => { rows[i].symbol = control.value; write(); });
      } else {
        control = element("select");
        control.append(new Option("choose a symbol…", ""));
        const choices = tracked().slice();
        rows.forEach(x => { if (x.symbol && !choices.includes(x.symbol)) choices.push(x.symbol); });
        choices.forEach(s => control.append(new Option(s + (tracked().includes(s) ? "" : " (not tracked)"), s)));
        control.value = r.symbol;
        control.addEventListener("change", () => { rows[i].symbol = control.value; write(); draw(); focus(i, "symbol"); });
      }
      control.id = input.id + "-symbol-" + i;
      control.className = "row-symbol";
      control.setAttribute("aria-label", (pairs ? "trading pair " : label + ": symbol of row ") + (i + 1));
      if (describedBy) control.setAttribute("aria-describedby", describedBy);
      return control;
    }

    function valueControl(r, i) {
      const control = element("input", { type: "number", value: r.value, className: "row-value", id: input.id + "-value-" + i });
      control.setAttribute("inputmode", "decimal");
      ["min", "max", "step"].forEach(a => { if (input.dataset[a]) control.setAttribute(a, cfg.toShown(input.dataset[a], shift)); });
      control.setAttribute("aria-label", label + " for " + (r.symbol || "row " + (i + 1)) + (unit ? " (" + unit + ")" : ""));
      if (describedBy) control.setAttribute("aria-describedby", describedBy);
      control.addEventListener("input", () => { rows[i].value = control.value; write(); });
      return control;
    }

    function focus(i, part) {
      const el = document.getElementById(input.id + "-" + part + "-" + i);
      if (el) el.focus();
    }

    function draw() {
      box.replaceChildren();
      if (rows.length === 0) {
        box.append(element("p", { className: "note", textContent: pairs ? "no pairs: nothing is tracked" : "no rows: every symbol uses the setting above" }));
      }
      rows.forEach((r, i) => {
        const line = element("div", { className: "row-line" });
        line.dataset.index = String(i);
        line.append(symbolControl(r, i));
        if (!pairs) line.append(valueControl(r, i), element("span", { className: "unit", textContent: unit }));
        const remove = element("button", { type: "button", className: "row-remove", textContent: "remove" });
        remove.setAttribute("aria-label", "remove " + (symbolOf(r) || "row " + (i + 1)) + " from " + label);
        remove.addEventListener("click", () => {
          rows.splice(i, 1);
          draw();
          write();
          const next = box.querySelectorAll(".row-remove")[Math.min(i, rows.length - 1)];
          (next || document.querySelector(".add-row[data-for='" + input.id + "']")).focus(); // the keyboard stays in the list
        });
        const error = element("span", { className: "field-error bad", hidden: true });
        error.id = "error-" + rowPath(r, i).replace(/\./g, "-");
        line.append(remove, error);
        box.append(line);
      });
    }

    input.addEventListener("input", () => { // a reset or the size helper set the JSON: show it
      if (input.value !== written) { written = input.value; load(); draw(); }
    });
    const add = document.querySelector(".add-row[data-for='" + input.id + "']");
    if (add) {
      add.addEventListener("click", () => {
        rows.push({ symbol: "", value: "" });
        draw();
        write();
        focus(rows.length - 1, "symbol");
      });
    }
    load();
    draw();
    return { draw: draw, recheck: () => { if (problem() || input.dataset.invalid) write(); } };
  }

  let pairsEditor = null;
  form.querySelectorAll("input[data-rows]").forEach(input => {
    const e = editor(input);
    if (input.dataset.rows === "map") mapEditors.push(e);
    else pairsEditor = e;
  });
  if (pairsInput) pairsInput.addEventListener("input", () => mapEditors.forEach(m => m.draw())); // a pair added there gets a row here
  tai2.cfgInstruments.then(body => {
    (body.available || []).forEach(i => options.append(new Option(i.inst_id, i.inst_id)));
    listed = body.available && body.available.length ? new Set(body.available.map(i => i.inst_id)) : null; // none: the engine is off here
    if (pairsEditor) pairsEditor.recheck();
  }).catch(() => { /* the size helper says why; the server checks the pairs */ });
})();
