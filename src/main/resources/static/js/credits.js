// LIVE's "OpenRouter credits" card from GET /llm/credits, asked on load and every minute: the key's limit and usage, the
// account's credits and tai2's own spend today against its daily budget. A refused or failed part shows its note; a
// failing endpoint shows one line and leaves the rest of LIVE alone.
(function () {
  "use strict";
  const figures = document.getElementById("credits-figures");
  const notes = document.getElementById("credits-notes");
  if (!figures || !notes) return;
  const REFRESH_MS = 60000;

  function usd(v) {
    return v == null ? "–" : Number(v).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 }) + " USD";
  }

  function show(rows, lines) {
    figures.replaceChildren(...rows.flatMap(([label, value, id, bad]) => {
      const dt = document.createElement("dt"); dt.textContent = label;
      const dd = document.createElement("dd"); dd.textContent = value; dd.id = id;
      if (bad) dd.className = "bad";
      return [dt, dd];
    }));
    notes.replaceChildren(...lines.map(text => { const li = document.createElement("li"); li.className = "note"; li.textContent = text; return li; }));
  }

  function render(c) {
    const rows = [];
    const lines = [];
    if (!c.key && !c.credits && c.key_note && c.key_note === c.credits_note) {
      lines.push("LLM: " + c.key_note);
    } else if (c.key) {
      rows.push(["Key limit", c.key.limit == null ? "no limit" : usd(c.key.limit), "credits-key-limit"]);
      rows.push(["Key usage (total / today)", usd(c.key.usage) + " / " + usd(c.key.usage_daily), "credits-key-usage"]);
      if (c.key.limit != null) rows.push(["Left of the key's limit", usd(c.key.limit_remaining), "credits-key-remaining", Number(c.key.limit_remaining) <= 0]);
    } else if (c.key_note) {
      lines.push("key: " + c.key_note);
    }
    if (c.credits) {
      rows.push(["Account credits", usd(c.credits.total_credits), "credits-total"]);
      rows.push(["Account usage", usd(c.credits.total_usage), "credits-used"]);
      rows.push(["Account credits left", usd(c.credits.remaining), "credits-remaining", Number(c.credits.remaining) <= 0]);
    } else if (c.credits_note && c.credits_note !== c.key_note) {
      lines.push("credits: " + c.credits_note);
    }
    const t = c.today || {};
    const budget = Number(t.budget_usd) > 0;
    rows.push(["tai2 spend today (UTC)", usd(t.spent_usd) + (budget ? " of " + usd(t.budget_usd) : ""), "credits-today", t.budget_spent]);
    if (!budget) lines.push("no daily LLM budget set (reasoning.daily_cost_budget_usd = 0)");
    else if (t.budget_spent) lines.push("today's LLM budget is spent: prompts resume at midnight UTC");
    show(rows, lines);
  }

  function load() {
    fetch("/llm/credits", { headers: { "Accept": "application/json" } })
      .then(r => r.ok ? r.json() : r.text().then(text => Promise.reject(new Error(tai2.problem(r.status, text)))))
      .then(render)
      .catch(err => show([], ["credits unavailable: " + err.message]));
  }
  load();
  setInterval(load, REFRESH_MS);
})();
