// TA: "what would the guardrails do?" — an entry typed in is judged by POST /api/guardrails/preview; nothing is sent.
(function () {
  "use strict";
  const form = document.getElementById("gp-form");
  const main = document.querySelector("main.ta");
  if (!form || !main) return;
  const status = document.getElementById("gp-status");
  const result = document.getElementById("gp-result");

  // The form speaks percent (5 % of equity, 70 % confidence); the API takes fractions, as the model's reply does.
  const number = id => {
    const text = document.getElementById(id).value.trim();
    return text === "" ? null : Number(text);
  };
  const fraction = id => {
    const v = number(id);
    return v === null ? null : Number((v / 100).toFixed(6));
  };

  function clearErrors() {
    form.querySelectorAll("[data-error-for]").forEach(e => { e.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(e => e.removeAttribute("aria-invalid"));
  }

  function showErrors(errors) {
    (errors || []).forEach(err => {
      const slot = form.querySelector("[data-error-for='" + CSS.escape(err.field) + "']");
      if (!slot) return;
      slot.textContent = err.message;
      const input = form.querySelector("[name='" + CSS.escape(err.field) + "']");
      if (input) input.setAttribute("aria-invalid", "true");
    });
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text == null ? "" : String(text);
    if (className) td.className = className;
    row.append(td);
  }

  function figure(list, term, value) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value == null ? "–" : String(value);
    list.append(dt, dd);
  }

  function render(p) {
    const v = p.verdict;
    const verdict = document.getElementById("gp-verdict");
    verdict.textContent = v.verdict === "approved" ? "APPROVED" : v.verdict === "blocked" ? "BLOCKED by " + v.rule : "NOTHING TO DO";
    verdict.className = v.verdict === "approved" ? "ok" : "bad";
    document.getElementById("gp-reason").textContent = v.reason || "";
    const order = document.getElementById("gp-order");
    order.replaceChildren();
    document.getElementById("gp-no-order").hidden = !!p.order;
    if (p.order) {
      const o = p.order;
      figure(order, "Account", p.account === "paper"
        ? (p.paper_book === "paper" ? "the dry-run paper book" : "paper book " + p.paper_book) + " (live execution off)"
        : "OKX" + (p.live_execution ? "" : " (live execution off: it would only be logged)"));
      figure(order, "Side", o.side + " · position side " + o.pos_side);
      figure(order, "Contracts", o.contracts + " (1 contract = " + o.ct_val + " " + o.ct_val_ccy + ")");
      figure(order, "Leverage", o.leverage + "×");
      figure(order, "Trade mode · order type", o.trade_mode + " · " + o.order_type);
      figure(order, "Stop-loss", o.stop_loss);
      figure(order, "Take-profit", o.take_profit);
      figure(order, "Price (reference · now)", o.reference_price + " · " + o.current_price);
      figure(order, "Notional", o.notional_usdt == null ? null : o.notional_usdt + " USDT");
      figure(order, "Margin (estimate)", o.margin_estimate_usdt == null ? null : o.margin_estimate_usdt + " USDT");
      if (o.seed_usdt != null) figure(order, "Moved from funding first", o.seed_usdt + " USDT");
    }
    const body = document.querySelector("#gp-checks tbody");
    body.replaceChildren(...(v.checks || []).map(c => {
      const row = document.createElement("tr");
      cell(row, c.rule);
      cell(row, c.result, c.result === "BLOCKED" ? "bad" : "");
      cell(row, c.before);
      cell(row, c.after);
      cell(row, c.detail, "why");
      return row;
    }));
    result.hidden = false;
  }

  form.addEventListener("submit", event => {
    event.preventDefault();
    clearErrors();
    const body = {
      symbol: main.dataset.symbol,
      action: document.getElementById("gp-action").value,
      confidence: fraction("gp-confidence"),
      equity_pct: fraction("gp-equity"),
      position_size: number("gp-contracts"),
      stop_loss: number("gp-stop"),
      take_profit: number("gp-take")
    };
    if (body.confidence === null) delete body.confidence; // left out, the API names it as missing
    status.textContent = "asking the guardrails…";
    window.tai2.busy(document.getElementById("gp-run"), window.tai2.send("POST", "/api/guardrails/preview", body)).then(r => {
      if (!r.ok) {
        result.hidden = true;
        status.textContent = r.body.detail || "the preview failed";
        showErrors(r.body.errors);
        return;
      }
      status.textContent = "preview at " + tai2.time.clock(new Date()) + " " + tai2.time.zone + " · nothing was sent";
      render(r.body);
    }, () => { status.textContent = "the preview failed: the service did not answer"; });
  });
})();
