// CFG: reasoning.model as a searchable list of the endpoint's models (GET /cfg/models, the list of GET /llm/models: context length, prompt and
// completion price per million tokens, structured outputs) instead of a text box. The text box stays only when the
// endpoint lists no models or cannot be asked: then the server takes the model on trust, as it does for the save.
(function () {
  "use strict";
  const input = document.querySelector("#settings-form [name='reasoning.model']");
  if (!input) return;
  const control = input.closest(".control") || input;

  const picker = document.createElement("div");
  picker.className = "model-picker";
  picker.id = "model-picker";
  const note = document.createElement("p");
  note.className = "note";
  note.id = "model-note";
  note.setAttribute("role", "status");
  note.textContent = "loading the endpoint's models…";
  control.after(note);

  function price(v) { return v == null ? "?" : "$" + Number(v).toLocaleString("en-US", { maximumFractionDigits: 4 }); }
  function context(n) { return n ? (n >= 1000 ? Math.round(n / 1000) + "k" : String(n)) + " ctx" : "ctx ?"; }
  function describe(m) {
    return m.id + " — " + context(m.context_length) + " · " + price(m.prompt_usd_per_million) + " / " + price(m.completion_usd_per_million) +
      " per M tokens · structured outputs " + (m.structured_outputs ? "yes" : "no");
  }
  function details(m) {
    return (m.name || m.id) + ": context " + (m.context_length ? m.context_length.toLocaleString("en-US") + " tokens" : "unknown") +
      ", prompt " + price(m.prompt_usd_per_million) + " and completion " + price(m.completion_usd_per_million) +
      " per million tokens, structured outputs " + (m.structured_outputs ? "yes" : "no (the decision schema is only asked for in the prompt)");
  }

  function build(models) {
    const byId = new Map(models.map(m => [m.id, m]));
    const search = document.createElement("input");
    search.type = "search";
    search.id = "model-search";
    search.placeholder = "search " + models.length + " models…";
    search.setAttribute("aria-label", "search the models");
    const select = document.createElement("select");
    select.id = "model-select";
    select.setAttribute("aria-describedby", "model-details help-reasoning-model error-reasoning-model");
    const saved = input.value.trim();
    if (saved && !byId.has(saved)) { // the saved model is no longer listed: shown, but only a listed one can be saved
      const o = new Option(saved + " — saved, not listed by the endpoint", saved);
      o.dataset.unlisted = "true";
      select.append(o);
    }
    models.slice().sort((a, b) => a.id.localeCompare(b.id)).forEach(m => select.append(new Option(describe(m), m.id)));
    select.value = saved;
    const about = document.createElement("p");
    about.className = "note";
    about.id = "model-details";
    function show() {
      const m = byId.get(select.value);
      about.textContent = m ? details(m) : "this model is not listed by the endpoint: pick a listed one to change it";
    }
    select.addEventListener("change", () => {
      input.value = select.value;
      input.dispatchEvent(new Event("input", { bubbles: true })); // the form counts it as a change, like typing would
      show();
    });
    search.addEventListener("input", () => {
      const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      Array.from(select.options).forEach(o => {
        const hit = words.every(w => o.text.toLowerCase().includes(w));
        o.hidden = !hit && o.value !== select.value;
      });
      note.textContent = words.length ? Array.from(select.options).filter(o => !o.hidden).length + " model(s) match" : "";
    });
    input.addEventListener("input", () => { // "reset to default" sets the hidden text box: the list follows
      if (select.value === input.value.trim()) return;
      if (!Array.from(select.options).some(o => o.value === input.value.trim())) select.append(new Option(input.value.trim(), input.value.trim()));
      select.value = input.value.trim();
      show();
    });
    const row = document.createElement("span");
    row.className = "control";
    row.append(select);
    const reset = control.querySelector("button.reset");
    if (reset) row.append(reset);
    const error = document.getElementById("error-reasoning-model");
    picker.append(search, row, about, note);
    if (error) picker.append(error); // the server's refusal shows next to the list
    control.hidden = true; // the text box stays in the form as what is sent; the list writes into it
    control.after(picker);
    const label = document.getElementById("label-cfg-reasoning-model");
    if (label) label.htmlFor = "model-select";
    note.textContent = "";
    show();
  }

  // /cfg/models answers 200 with the reason when the endpoint is down (GET /llm/models would be a 502 in the console)
  // the one request for the endpoint's models: the shadow rows (cfg-reasoning.js) read the same answer
  const answered = fetch("/cfg/models", { headers: { "Accept": "application/json" } })
    .then(r => r.ok ? r.json() : r.text().then(t => Promise.reject(new Error(tai2.problem(r.status, t)))));
  tai2.cfgModels = answered;
  answered
    .then(answer => {
      if (!answer.models || answer.models.length === 0) {
        note.textContent = (answer.note || "the LLM endpoint lists no models") + ": type the model id (it is taken on trust)";
        return;
      }
      build(answer.models);
    })
    .catch(err => { note.textContent = "the model list is unavailable (" + err.message + "): type the model id"; });
})();
