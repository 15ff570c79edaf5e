// CFG: the A/B split and the shadow models as selects instead of JSON. Each editor writes the JSON the API takes into a
// hidden input of the settings form, so the page's one Save flow sends it (only when changed, after the confirmation
// list) and a refusal shows beside the field the server names (reasoning.ab_split.version_b, reasoning.shadows.0.model).
// A check the page can make itself (A = B, a row without a model) marks the input invalid and the form refuses to send.
(function () {
  "use strict";
  const form = document.getElementById("settings-form");
  if (!form) return;
  const $ = id => document.getElementById(id);
  const MAX_SHADOWS = 3;

  const written = new WeakMap(); // what each editor last wrote into its hidden input: anything else came from "reset"

  function setSetting(el, value, invalid, invalidField) {
    if (invalid) { el.dataset.invalid = invalid; el.dataset.invalidField = invalidField; }
    else { delete el.dataset.invalid; delete el.dataset.invalidField; }
    written.set(el, value);
    el.value = value;
    el.dispatchEvent(new Event("input", { bubbles: true })); // the form counts it as a change, like typing would
  }

  /** Calls {@code redraw} when something else than the editor (the reset button) set the hidden input. */
  function onOutsideChange(el, redraw) {
    written.set(el, el.value);
    el.addEventListener("input", () => {
      if (el.value === written.get(el)) return;
      written.set(el, el.value);
      delete el.dataset.invalid;
      delete el.dataset.invalidField;
      redraw();
    });
  }

  function say(id, text) {
    const box = $(id);
    if (!box) return;
    box.textContent = text || "";
    box.hidden = !text;
  }

  function parsed(el, fallback) {
    try { return JSON.parse(el.value) || fallback; } catch (e) { return fallback; }
  }

  // the stored prompt versions, as the A/B selects list them (rendered by the server from the saved versions)
  const versionOptions = () => Array.from(($("ab-version-a") || $("prompt-version")).options).filter(o => o.value && o.value !== "defaults");

  // ---- A/B split: off, or version A and version B by symbol or by cycle
  const split = form.querySelector("[name='reasoning.ab_split']");
  if (split) {
    const mode = $("ab-mode");
    const a = $("ab-version-a");
    const b = $("ab-version-b");
    function choose(select, id) {
      if (id && !Array.from(select.options).some(o => o.value === id)) select.append(new Option(id + " (not among the newest 100)", id));
      select.value = id || "";
    }
    function show() {
      const saved = parsed(split, null);
      mode.value = saved ? String(saved.mode || "BY_SYMBOL").toUpperCase() : "off";
      choose(a, saved ? saved.version_a : "");
      choose(b, saved ? saved.version_b : "");
      ["error-reasoning-ab_split-version_a", "error-reasoning-ab_split-version_b"].forEach(id => say(id, ""));
      arms();
    }
    function arms() {
      a.disabled = b.disabled = mode.value === "off";
    }
    function write() {
      arms();
      ["error-reasoning-ab_split-version_a", "error-reasoning-ab_split-version_b"].forEach(id => say(id, ""));
      if (mode.value === "off") { setSetting(split, "null"); return; }
      let problem = null;
      let field = null;
      if (!a.value) { problem = "choose version A"; field = "reasoning.ab_split.version_a"; }
      else if (!b.value) { problem = "choose version B"; field = "reasoning.ab_split.version_b"; }
      else if (a.value === b.value) { problem = "version B must differ from version A: an A/B split compares two versions"; field = "reasoning.ab_split.version_b"; }
      if (problem) say("error-" + field.replace(/\./g, "-"), problem);
      // the same key order and mode spelling as the saved document, so going back to it counts as no change
      setSetting(split, JSON.stringify({ version_a: a.value, version_b: b.value, mode: mode.value }), problem, field);
    }
    [mode, a, b].forEach(el => el.addEventListener("change", write));
    onOutsideChange(split, show);
    show();
  }

  // ---- shadows: up to three rows of model + prompt version; the whole list is saved ([] when none is left)
  const shadows = form.querySelector("[name='reasoning.shadows']");
  if (shadows) {
    const rowsOf = () => parsed(shadows, []).map(s => ({ model: s.model || "", prompt_version_id: s.prompt_version_id || "" }));
    const rows = rowsOf();
    let models = null; // the endpoint's model ids; null while unknown or unavailable (then the model is typed)

    function labelled(text, control, id) {
      const label = document.createElement("label");
      label.htmlFor = id;
      control.id = id;
      label.append(text, control);
      return label;
    }

    function modelControl(row, i) {
      let control;
      if (models) {
        control = document.createElement("select");
        control.append(new Option("choose a model…", ""));
        if (row.model && !models.includes(row.model)) control.append(new Option(row.model + " — saved, not listed by the endpoint", row.model));
        models.forEach(m => control.append(new Option(m, m)));
        control.value = row.model;
      } else {
        control = document.createElement("input");
        control.type = "text";
        control.size = 28;
        control.placeholder = "provider/model";
        control.value = row.model;
      }
      control.addEventListener(models ? "change" : "input", () => { rows[i].model = control.value.trim(); write(); });
      return labelled("model", control, "shadow-model-" + i);
    }

    function versionControl(row, i) {
      const control = document.createElement("select");
      control.append(new Option("choose a version…", ""));
      versionOptions().forEach(o => control.append(new Option(o.text, o.value)));
      if (row.prompt_version_id && !Array.from(control.options).some(o => o.value === row.prompt_version_id)) {
        control.append(new Option(row.prompt_version_id + " (not among the newest 100)", row.prompt_version_id));
      }
      control.value = row.prompt_version_id;
      control.addEventListener("change", () => { rows[i].prompt_version_id = control.value; write(); });
      return labelled("prompt version", control, "shadow-version-" + i);
    }

    function draw() {
      const box = $("shadow-rows");
      box.replaceChildren();
      if (rows.length === 0) {
        const none = document.createElement("p");
        none.className = "note";
        none.textContent = "no shadow models";
        box.append(none);
      }
      rows.forEach((row, i) => {
        const line = document.createElement("div");
        line.className = "shadow-row";
        line.dataset.index = String(i);
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "shadow-remove";
        remove.textContent = "remove";
        remove.setAttribute("aria-label", "remove shadow " + (i + 1));
        remove.addEventListener("click", () => {
          rows.splice(i, 1);
          draw();
          write();
          (document.querySelector("#shadow-rows .shadow-remove") || $("shadow-add")).focus(); // keep the keyboard in the list
        });
        const errors = ["", "-model", "-prompt_version_id"].map(suffix => {
          const e = document.createElement("span");
          e.className = "field-error bad";
          e.id = "error-reasoning-shadows-" + i + suffix;
          e.hidden = true;
          return e;
        });
        line.append(modelControl(row, i), versionControl(row, i), remove, ...errors);
        box.append(line);
      });
      $("shadow-add").disabled = rows.length >= MAX_SHADOWS;
      $("shadow-add").title = rows.length >= MAX_SHADOWS ? "at most " + MAX_SHADOWS + " shadows (each is another LLM call per live cycle)" : "";
    }

    function write() {
      const i = rows.findIndex(r => !r.model || !r.prompt_version_id);
      const problem = i < 0 ? null : "shadow " + (i + 1) + ": choose " + (!rows[i].model ? "a model" : "a prompt version");
      const field = i < 0 ? null : "reasoning.shadows." + i + (!rows[i].model ? ".model" : ".prompt_version_id");
      rows.forEach((_, k) => ["-model", "-prompt_version_id"].forEach(s => say("error-reasoning-shadows-" + k + s, "")));
      setSetting(shadows, JSON.stringify(rows.map(r => ({ model: r.model, prompt_version_id: r.prompt_version_id }))), problem, field);
    }

    $("shadow-add").addEventListener("click", () => {
      if (rows.length >= MAX_SHADOWS) return;
      rows.push({ model: "", prompt_version_id: "" });
      draw();
      write();
      $("shadow-model-" + (rows.length - 1)).focus();
    });
    onOutsideChange(shadows, () => { rows.splice(0, rows.length, ...rowsOf()); draw(); });
    draw();
    if (tai2.cfgModels) {
      tai2.cfgModels.then(answer => {
        if (answer.models && answer.models.length) {
          models = answer.models.map(m => m.id).sort((x, y) => x.localeCompare(y));
          draw();
        }
      }).catch(() => { /* the model picker says why; the shadow rows keep text boxes */ });
    }
  }
})();
