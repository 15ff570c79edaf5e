// CFG: the settings form. Every input carries its stored value; the page shows it in the operator's unit (a share of
// 0..1 as %) through the one conversion below (tai2.cfg.toShown / toStored), marks unsaved changes, resets a field to its
// default, asks before leaving with unsaved changes, and sends only what changed to PUT /api/settings after a
// confirmation that lists it; the server validates the whole change and its errors show next to their fields.
(function () {
  "use strict";
  const form = document.getElementById("settings-form");
  if (!form) return;

  // ---- the one conversion: a decimal text moved by `places` powers of ten, exactly (no binary rounding: 0.07 ↔ 7)
  function shifted(text, places) {
    const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?\s*$/.exec(String(text));
    if (!m || (m[2] + (m[3] || "")) === "") return null;
    const fraction = m[3] || "";
    let digits = (m[2] + fraction).replace(/^0+/, "");
    let exponent = (m[4] ? parseInt(m[4], 10) : 0) - fraction.length + places;
    if (digits === "") return "0";
    while (digits.endsWith("0")) { digits = digits.slice(0, -1); exponent++; }
    if (Math.abs(exponent) > 60) return null; // no setting is that large or that fine
    let plain;
    if (exponent >= 0) {
      plain = digits + "0".repeat(exponent);
    } else {
      const padded = digits.padStart(1 - exponent, "0");
      plain = padded.slice(0, padded.length + exponent) + "." + padded.slice(padded.length + exponent);
    }
    return (m[1] === "-" ? "-" : "") + plain;
  }
  /** The stored value as the page shows it (0.03 → "3" for a percentage); the text itself when it is not a number. */
  function toShown(stored, shift) {
    const v = shifted(stored, Number(shift || 0));
    return v === null ? String(stored) : v;
  }
  /** What is stored for a shown value ("3" → "0.03" for a percentage); null when it is not a number. */
  function toStored(shown, shift) {
    return shifted(shown, -Number(shift || 0));
  }

  const inputs = Array.from(form.querySelectorAll("[data-kind]"));
  const shiftOf = el => Number(el.dataset.shift || 0);

  // numbers: the stored value, the range and the step shown in the field's unit
  inputs.filter(el => el.dataset.kind === "number").forEach(el => {
    el.value = el.dataset.stored === "" ? "" : toShown(el.dataset.stored, shiftOf(el));
    ["min", "max", "step"].forEach(a => { if (el.dataset[a]) el.setAttribute(a, toShown(el.dataset[a], shiftOf(el))); });
  });

  function sortedKeys(v) {
    if (Array.isArray(v)) return v.map(sortedKeys);
    if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map(k => [k, sortedKeys(v[k])]));
    return v;
  }

  /** The input's value in its stored form, comparable with what was loaded ("" when a number field is empty). */
  function current(el) {
    switch (el.dataset.kind) {
      case "bool": return String(el.checked);
      case "number": {
        const text = el.value.trim();
        if (text === "") return el.validity && el.validity.badInput ? "not a number" : "";
        const stored = toStored(text, shiftOf(el));
        return stored === null ? text : stored;
      }
      case "json":
        try { return JSON.stringify(sortedKeys(JSON.parse(el.value))); } catch (e) { return el.value.trim(); }
      default: return el.value.trim();
    }
  }

  /** What is sent for the input. */
  function value(el) {
    const text = current(el);
    switch (el.dataset.kind) {
      case "bool": return el.checked;
      case "number": return toStored(text, 0) === null ? text : Number(text);
      case "json": return JSON.parse(el.value);
      default: return text === "" ? null : text;
    }
  }

  /** A stored value as the operator reads it: numbers in the field's unit, on/off, a map as "symbol value" pairs. */
  function readable(el, stored) {
    const unit = el.dataset.unit ? " " + el.dataset.unit : "";
    switch (el.dataset.kind) {
      case "bool": return stored === "true" ? "on" : "off";
      case "number": return stored === "" ? "(empty)" : toShown(stored, shiftOf(el)) + unit;
      case "text": return stored === "" ? "none" : stored;
      default: break;
    }
    if (el.dataset.rows) {
      try {
        const v = JSON.parse(stored);
        const items = Array.isArray(v) ? v : Object.keys(v).map(k => k + " " + toShown(String(v[k]), shiftOf(el)) + unit);
        return items.length === 0 ? "none" : items.join(", ");
      } catch (e) { return stored; }
    }
    return stored;
  }

  const labelOf = el => {
    const field = el.closest(".field");
    const name = field && field.querySelector(".name span");
    return name ? name.textContent.trim() : el.name;
  };

  // the help line: the range and the default in the field's unit
  inputs.forEach(el => {
    const field = el.closest(".field");
    const range = field && field.querySelector(".help .range");
    if (!range) return;
    const unit = el.dataset.unit ? " " + el.dataset.unit : "";
    const parts = [];
    if (el.dataset.min && el.dataset.max) {
      parts.push((el.dataset.rows ? "Each " : "Allowed ") + toShown(el.dataset.min, shiftOf(el)) + "–" + toShown(el.dataset.max, shiftOf(el)) + unit);
    }
    if (el.dataset.default !== undefined && (el.dataset.kind !== "json" || el.dataset.rows)) parts.push("default " + readable(el, el.dataset.default));
    const text = parts.join("; ");
    range.textContent = text ? text.charAt(0).toUpperCase() + text.slice(1) + "." : "";
  });

  inputs.forEach(el => { el.dataset.original = current(el); }); // what was loaded is what counts as unchanged

  function changed() {
    return inputs.filter(el => current(el) !== el.dataset.original || el.dataset.invalid); // an unfinished row counts: Save says what is missing
  }

  function atDefault(el) {
    if (el.dataset.default === undefined) return true;
    if (el.dataset.kind === "number") return current(el) === el.dataset.default;
    if (el.dataset.kind === "json") {
      try { return current(el) === JSON.stringify(sortedKeys(JSON.parse(el.dataset.default))); } catch (e) { return false; }
    }
    return current(el) === el.dataset.default;
  }

  function leaveWarning(event) {
    event.preventDefault();
    event.returnValue = ""; // Chromium asks "Leave site? Changes you made may not be saved."
    return "";
  }

  function refresh() {
    const list = changed();
    document.getElementById("changes").textContent = list.length === 0 ? "no changes" : list.length + " unsaved change(s)";
    document.getElementById("save").disabled = list.length === 0;
    inputs.forEach(el => {
      const dirty = list.includes(el);
      el.classList.toggle("changed", dirty);
      const field = el.closest(".field");
      if (field) field.classList.toggle("dirty", dirty);
    });
    form.querySelectorAll("button.reset").forEach(b => {
      const el = document.getElementById(b.dataset.for);
      b.disabled = !el || atDefault(el);
    });
    // with a login, a risky change (live switch, higher leverage) needs the password typed again
    document.getElementById("confirm-box").hidden = !(document.querySelector("form.logout") && list.some(el => el.dataset.risky === "true"));
    form.classList.toggle("unsaved", list.length > 0); // the save bar follows the window while there is something to save
    window.onbeforeunload = list.length === 0 ? null : leaveWarning; // leaving (a link, reload, closing) asks first
  }

  /** Sets an input's stored value the way typing would, so the form counts it; editors redraw on the input event. */
  function set(el, stored) {
    if (el.dataset.kind === "bool") el.checked = stored === "true";
    else if (el.dataset.kind === "number") el.value = stored === "" ? "" : toShown(stored, shiftOf(el));
    else el.value = stored;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function clearErrors() {
    form.querySelectorAll(".field-error").forEach(e => { e.hidden = true; e.textContent = ""; });
  }

  function errorBox(path) {
    // the box of the field itself, else of the nearest enclosing path (reasoning.shadows.0.model → reasoning.shadows.0 → …)
    let box = null;
    for (let at = path.split("."); !box && at.length > 1; at.pop()) box = document.getElementById("error-" + at.join("-"));
    if (!box) {
      const first = form.querySelector("[name^='" + path.split(".")[0] + ".']");
      box = first ? first.closest(".field").querySelector(".field-error") : null;
    }
    return box;
  }

  function showErrors(errors, summary) {
    let first = null;
    errors.forEach(({ field, message }) => {
      const box = errorBox(field || "");
      if (!box) return;
      box.textContent = box.textContent ? box.textContent + "; " + message : message;
      box.hidden = false;
      first = first || box;
    });
    if (first) first.closest(".field").scrollIntoView({ block: "center" });
    const result = document.getElementById("save-result");
    result.textContent = summary;
    result.className = "bad";
  }

  /** What the page itself refuses before asking the server: an editor's own check, an empty or non-numeric number. */
  function pageProblem(el) {
    if (el.dataset.invalid) return { field: el.dataset.invalidField || el.name, message: el.dataset.invalid };
    if (el.dataset.kind === "number") {
      const text = current(el);
      const range = el.min && el.max ? " between " + el.min + " and " + el.max + (el.dataset.unit ? " " + el.dataset.unit : "") : "";
      if (text === "" || toStored(text, 0) === null) return { field: el.name, message: "enter a number" + range };
    }
    if (el.dataset.kind === "json") {
      try { JSON.parse(el.value); } catch (e) { return { field: el.name, message: "not valid JSON: " + e.message }; }
    }
    return null;
  }

  form.addEventListener("input", event => { if (event.target.id !== "confirm-password") refresh(); });
  form.addEventListener("change", refresh);
  form.addEventListener("click", event => {
    const reset = event.target.closest("button.reset");
    if (!reset) return;
    const el = document.getElementById(reset.dataset.for);
    if (el && el.dataset.default !== undefined) set(el, el.dataset.default);
  });
  form.addEventListener("submit", event => {
    event.preventDefault();
    clearErrors();
    const list = changed();
    if (list.length === 0) return;
    const problems = list.map(pageProblem).filter(Boolean);
    if (problems.length) { showErrors(problems, problems[0].message); return; }
    const patch = {};
    list.forEach(el => {
      const path = el.name.split(".");
      let at = patch;
      path.slice(0, -1).forEach(part => { at = at[part] = at[part] || {}; });
      at[path[path.length - 1]] = value(el);
    });
    const lines = list.map(el => labelOf(el) + " · " + el.name + ": " + readable(el, el.dataset.original) + " → " + readable(el, current(el))
      + (el.dataset.risky === "true" ? "   (risky)" : ""));
    if (!window.confirm("Save these changes?\n\n" + lines.join("\n"))) return;
    const headers = {};
    const password = document.getElementById("confirm-password");
    if (password.value) headers["X-Tai2-Confirm-Password"] = password.value;
    password.value = "";
    tai2.busy(document.getElementById("save"), tai2.send("PUT", "/api/settings", patch, headers))
      .then(({ ok, body }) => {
        if (!ok) {
          const detail = body.detail || "the settings were not saved";
          showErrors(body.errors && body.errors.length ? body.errors : [{ field: body.field || "", message: detail }], detail);
          return;
        }
        list.forEach(el => { el.dataset.original = current(el); });
        refresh();
        const result = document.getElementById("save-result");
        result.textContent = "saved: " + lines.length + " change(s)";
        result.className = "ok";
      })
      .catch(err => showErrors([], "the settings were not saved: " + err.message));
  });

  window.tai2 = window.tai2 || {};
  tai2.cfg = { toShown: toShown, toStored: toStored, set: set, unsaved: () => changed().length };
  refresh();
})();
