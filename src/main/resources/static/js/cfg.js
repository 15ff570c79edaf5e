// CFG: send only what changed to PUT /api/settings after a confirmation that lists it; show errors next to their field.
(function () {
  "use strict";
  const form = document.getElementById("settings-form");
  if (!form) return;
  const inputs = Array.from(form.querySelectorAll("[data-kind]"));
  inputs.forEach(el => { el.dataset.original = current(el); }); // what was loaded is what counts as unchanged

  function current(el) {
    return el.dataset.kind === "bool" ? String(el.checked) : el.value.trim();
  }

  function changed() {
    return inputs.filter(el => current(el) !== el.dataset.original);
  }

  function refresh() {
    const list = changed();
    document.getElementById("changes").textContent = list.length === 0 ? "no changes" : list.length + " unsaved change(s)";
    document.getElementById("save").disabled = list.length === 0;
    inputs.forEach(el => el.closest(".field").classList.toggle("dirty", list.includes(el)));
    // with a login, a risky change (live switch, higher leverage) needs the password typed again
    document.getElementById("confirm-box").hidden = !(document.querySelector("form.logout") && list.some(el => el.dataset.risky === "true"));
  }

  function value(el) {
    const text = current(el);
    switch (el.dataset.kind) {
      case "bool": return el.checked;
      case "number": return text === "" ? null : (isNaN(Number(text)) ? text : Number(text));
      case "json": return JSON.parse(text);
      default: return text === "" ? null : text;
    }
  }

  function clearErrors() {
    form.querySelectorAll(".field-error").forEach(e => { e.hidden = true; e.textContent = ""; });
  }

  function showError(path, message) {
    // the box of the field itself, else of the nearest enclosing path (reasoning.shadows.0.model → reasoning.shadows.0 → …)
    let box = null;
    for (let at = path.split("."); !box && at.length > 1; at.pop()) box = document.getElementById("error-" + at.join("-"));
    if (!box) {
      const group = path.split(".")[0];
      const first = form.querySelector("[name^='" + group + ".']");
      box = first ? first.closest(".field").querySelector(".field-error") : null;
    }
    if (box) { box.textContent = message; box.hidden = false; box.closest(".field").scrollIntoView({ block: "center" }); }
    document.getElementById("save-result").textContent = message;
    document.getElementById("save-result").className = "bad";
  }

  form.addEventListener("input", event => { if (event.target.id !== "confirm-password") refresh(); });
  form.addEventListener("change", refresh);
  form.addEventListener("submit", event => {
    event.preventDefault();
    clearErrors();
    const list = changed();
    if (list.length === 0) return;
    const refused = list.find(el => el.dataset.invalid); // an editor's own check (A/B split: A = B), before asking the server
    if (refused) { showError(refused.dataset.invalidField || refused.name, refused.dataset.invalid); return; }
    const patch = {};
    try {
      list.forEach(el => {
        const [group, name] = el.name.split(".");
        (patch[group] = patch[group] || {})[name] = value(el);
      });
    } catch (e) {
      showError(list.find(el => { try { value(el); return false; } catch (x) { return true; } }).name, "not valid JSON: " + e.message);
      return;
    }
    const lines = list.map(el => el.name + ": " + el.dataset.original + " → " + current(el) + (el.dataset.risky === "true" ? "   (risky)" : ""));
    if (!window.confirm("Save these changes?\n\n" + lines.join("\n"))) return;
    const headers = {};
    const password = document.getElementById("confirm-password");
    if (password.value) headers["X-Tai2-Confirm-Password"] = password.value;
    password.value = "";
    tai2.busy(document.getElementById("save"), tai2.send("PUT", "/api/settings", patch, headers))
      .then(({ ok, body }) => {
        if (!ok) { showError(body.field || "", body.detail || "the settings were not saved"); return; }
        list.forEach(el => { el.dataset.original = current(el); });
        refresh();
        const result = document.getElementById("save-result");
        result.textContent = "saved: " + lines.length + " change(s)";
        result.className = "ok";
      })
      .catch(err => showError("", "the settings were not saved: " + err.message));
  });
  refresh();
})();
