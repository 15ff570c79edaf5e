// LAB: start a backtest, watch its progress (GET /api/backtests/{id} every second), compare runs (equity beside
// buy-and-hold, drawdown, metrics side by side) and open the entry decision of a trade as ENGINE shows a live one.
(function () {
  "use strict";
  const main = document.querySelector("main.lab");
  if (!main) return;
  const $ = id => document.getElementById(id);
  const reports = new Map(); // id → run with its report (done runs never change)
  const selected = new Set();
  let active = null; // the id whose progress the bar shows
  let runs = [];
  let equityChart = null;
  let drawdownChart = null;
  let pollTimer = null;
  let runsTimer = null;

  const cell = (text, cls) => {
    const td = document.createElement("td");
    td.textContent = text == null ? "–" : text;
    if (cls) td.className = cls;
    return td;
  };
  const pct = v => v == null ? "–" : (v * 100).toFixed(2) + " %";
  const num = (v, digits) => v == null ? "–" : Number(v).toLocaleString("en-US", { maximumFractionDigits: digits == null ? 2 : digits });
  const time = t => tai2.time.dateTime(t); // in the display zone, which the column headers name
  const label = r => r.decider + " · " + (r.symbols || []).join(",") + " · " + r.every + " · " + r.id.substring(0, 8);
  const finished = s => s === "done" || s === "failed" || s === "cancelled";

  function say(text, ok) {
    const box = $("lab-message");
    box.textContent = text;
    box.className = ok ? "ok" : "bad";
  }

  function body(form) {
    const get = name => form.elements[name].value.trim();
    const decider = get("decider");
    const model = get("model");
    const out = {
      symbols: Array.from(form.elements.symbols.selectedOptions).map(o => o.value),
      every: get("every"),
      decider: decider === "llm" && model ? "llm:" + model : decider,
      funding: get("funding")
    };
    if (get("from")) out.from = get("from") + "T00:00:00Z";
    if (get("to")) { // the day chosen is included: the run ends at the next day's 00:00
      const end = new Date(get("to") + "T00:00:00Z");
      end.setUTCDate(end.getUTCDate() + 1);
      out.to = end.toISOString().replace(".000Z", "Z");
    }
    if (get("prompt_version")) out.prompt_version = get("prompt_version");
    ["stop_pct", "take_pct", "equity_pct", "equity", "taker_fee", "slippage_bps", "max_cost"].forEach(name => {
      if (get(name) !== "") out[name] = Number(get(name));
    });
    if (get("settings")) {
      try { out.settings = JSON.parse(get("settings")); } catch (e) { throw { field: "settings", detail: "settings: not valid JSON" }; }
    }
    return out;
  }

  function markField(field) {
    document.querySelectorAll("#lab-form .invalid").forEach(el => el.classList.remove("invalid"));
    if (!field) return;
    const input = $("lab-form").elements[String(field).split(".")[0]];
    if (input && input.classList) { input.classList.add("invalid"); input.focus(); }
  }

  function start(event) {
    event.preventDefault();
    let request;
    try { request = body(event.target); } catch (e) { markField(e.field); say(e.detail, false); return; }
    tai2.busy($("lab-run"), tai2.send("POST", "/api/backtests", request)).then(r => {
      if (!r.ok) { markField(r.body && r.body.field); say(r.body.detail, false); return; }
      markField(null);
      say("backtest " + r.body.id.substring(0, 8) + " " + r.body.status, true);
      watch(r.body.id);
      loadRuns();
    });
  }

  // The progress bar follows one run, once a second, until it has finished.
  function watch(id) {
    active = id;
    $("lab-active").hidden = false;
    $("lab-progress").value = 0;
    $("lab-progress").dataset.status = "queued";
    $("lab-progress-text").textContent = "queued";
    poll();
  }

  function poll() {
    clearTimeout(pollTimer);
    const id = active;
    if (!id) return;
    fetch("/api/backtests/" + id, { headers: { "Accept": "application/json" } }).then(r => r.json()).then(run => {
      if (active !== id) return;
      $("lab-progress").value = run.status === "done" ? 1 : run.progress;
      $("lab-progress-text").textContent = run.status + " · " + (run.status === "done" ? 100 : Math.floor(run.progress * 100)) + " %"
        + (run.total_bars ? " · " + num(run.done_bars, 0) + " of " + num(run.total_bars, 0) + " bars" : "")
        + (run.error ? " · " + run.error : "");
      $("lab-progress").dataset.status = run.status;
      $("lab-cancel").hidden = finished(run.status);
      if (finished(run.status)) {
        if (run.status === "done") reports.set(run.id, run);
        loadRuns();
      } else {
        pollTimer = setTimeout(poll, 1000);
      }
    }).catch(() => { pollTimer = setTimeout(poll, 2000); });
  }

  function cancel() {
    if (!active) return;
    tai2.busy($("lab-cancel"), tai2.send("POST", "/api/backtests/" + active + "/cancel")).then(r => {
      if (!r.ok) say(r.body.detail, false);
    });
  }

  function loadRuns() {
    clearTimeout(runsTimer);
    return fetch("/api/backtests?limit=100", { headers: { "Accept": "application/json" } }).then(r => r.ok ? r.json() : []).then(list => {
      runs = list;
      drawRuns();
      if (list.some(r => !finished(r.status))) runsTimer = setTimeout(loadRuns, 2000);
    });
  }

  function drawRuns() {
    $("lab-runs-empty").hidden = runs.length > 0;
    $("lab-runs").hidden = runs.length === 0;
    $("lab-runs").querySelector("tbody").replaceChildren(...runs.map(r => {
      const tr = document.createElement("tr");
      tr.dataset.id = r.id;
      tr.dataset.status = r.status;
      const box = document.createElement("input");
      box.type = "checkbox";
      box.className = "compare";
      box.disabled = r.status !== "done";
      box.checked = selected.has(r.id);
      box.setAttribute("aria-label", "compare " + label(r));
      box.addEventListener("change", () => { if (box.checked) selected.add(r.id); else selected.delete(r.id); compare(); });
      const first = document.createElement("td");
      first.append(box);
      const status = cell(r.status + (r.status === "running" ? " " + Math.floor(r.progress * 100) + " %" : ""),
        r.status === "done" ? "ok" : r.status === "failed" ? "bad" : "muted");
      if (r.error) status.title = r.error;
      const pnl = cell(r.net_pnl == null ? null : num(r.net_pnl) + " USDT", r.net_pnl == null ? "" : Number(r.net_pnl) < 0 ? "bad" : "ok");
      const action = document.createElement("td");
      if (!finished(r.status)) {
        const watchButton = document.createElement("button");
        watchButton.type = "button";
        watchButton.textContent = "watch";
        watchButton.addEventListener("click", () => watch(r.id));
        action.append(watchButton);
      } else if (r.error) {
        action.textContent = r.error;
        action.className = "why";
      }
      tr.append(first, cell(time(r.created_at)), status, cell(r.decider), cell((r.symbols || []).join(", ")), cell(r.every), pnl,
        cell(pct(r.return_pct)), cell(r.trades), action);
      return tr;
    }));
  }

  function report(id) {
    if (reports.has(id)) return Promise.resolve(reports.get(id));
    return fetch("/api/backtests/" + id, { headers: { "Accept": "application/json" } }).then(r => r.json()).then(run => {
      if (run.status === "done") reports.set(id, run);
      return run;
    });
  }

  function compare() {
    const ids = runs.filter(r => selected.has(r.id)).map(r => r.id);
    $("lab-compare").hidden = ids.length === 0;
    $("lab-trades-card").hidden = ids.length === 0;
    if (ids.length === 0) return;
    Promise.all(ids.map(report)).then(list => {
      const done = list.filter(r => r.report);
      drawCharts(done);
      drawMetrics(done);
      tradeChoice(done);
    });
  }

  const COLORS = ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#fc8452", "#9a60b4", "#3ba272"];

  function drawdown(curve) {
    let peak = -Infinity;
    return curve.map(p => {
      const v = Number(p.equity);
      peak = Math.max(peak, v);
      return [p.time, peak > 0 ? Number(((v / peak - 1) * 100).toFixed(3)) : 0];
    });
  }

  function drawCharts(list) {
    if (!window.echarts) return;
    const base = { backgroundColor: "transparent", animation: false, tooltip: { trigger: "axis", formatter: tai2.time.tooltip },
      legend: { top: 0, textStyle: { fontSize: 10 } }, grid: { left: 70, right: 20, top: 40, bottom: 30 }, xAxis: tai2.time.timeAxis() };
    equityChart = equityChart || echarts.init($("chart-equity"), "dark");
    const series = [];
    list.forEach((r, i) => {
      const name = label(r);
      const color = COLORS[i % COLORS.length]; // a run and its buy-and-hold share a colour
      series.push({ name: name, type: "line", showSymbol: false, color: color, data: r.report.equity_curve.map(p => [p.time, Number(p.equity)]) });
      series.push({ name: name + " buy & hold", type: "line", showSymbol: false, color: color, lineStyle: { type: "dashed", width: 1 },
        data: r.report.buy_and_hold.map(p => [p.time, Number(p.equity)]) });
    });
    equityChart.setOption(Object.assign({}, base, { yAxis: { type: "value", scale: true, name: "equity (USDT)" }, series: series }), true);
    drawdownChart = drawdownChart || echarts.init($("chart-drawdown"), "dark");
    drawdownChart.setOption(Object.assign({}, base, { yAxis: { type: "value", name: "drawdown %", max: 0 },
      series: list.map((r, i) => ({ name: label(r), type: "line", showSymbol: false, color: COLORS[i % COLORS.length], areaStyle: { opacity: 0.15 }, data: drawdown(r.report.equity_curve) })) }), true);
    main.dataset.equitySeries = String(series.length);
  }

  const METRICS = [
    ["Net PnL (USDT)", m => num(m.net_pnl)], ["Return", m => pct(m.return_pct)], ["Buy-and-hold return", m => pct(m.buy_and_hold_return_pct)],
    ["Max drawdown", m => pct(m.max_drawdown_pct)], ["Sharpe (daily, annualised)", m => num(m.sharpe)], ["Sortino", m => num(m.sortino)],
    ["Win rate", m => pct(m.win_rate)], ["Profit factor", m => m.profit_factor == null ? "–" : num(m.profit_factor)],
    ["Expectancy (USDT)", m => num(m.expectancy)], ["Exposure", m => pct(m.exposure)], ["Trades", m => m.trades], ["Decisions", m => m.decisions],
    ["Entries", m => m.entries], ["Blocked", m => m.blocked], ["Fees (USDT)", m => num(m.fees_paid)], ["Funding (USDT)", m => num(m.funding_paid)],
    ["LLM calls", m => m.llm_calls], ["Cache hits", m => m.cache_hits], ["LLM cost (USD)", m => num(m.llm_cost_usd, 4)],
    ["Final equity (USDT)", m => num(m.final_equity)]
  ];

  function drawMetrics(list) {
    const table = $("lab-metrics");
    const head = document.createElement("tr");
    const corner = document.createElement("th");
    corner.textContent = "Metric";
    head.append(corner, ...list.map(r => {
      const th = document.createElement("th");
      th.textContent = label(r);
      th.dataset.id = r.id;
      return th;
    }));
    table.tHead.replaceChildren(head);
    table.tBodies[0].replaceChildren(...METRICS.map(([name, f]) => {
      const tr = document.createElement("tr");
      tr.append(cell(name), ...list.map(r => cell(f(r.report.metrics))));
      return tr;
    }));
  }

  function tradeChoice(list) {
    const choice = $("lab-trades-run");
    const before = choice.value;
    choice.replaceChildren(...list.map(r => {
      const o = document.createElement("option");
      o.value = r.id;
      o.textContent = label(r);
      return o;
    }));
    if (list.some(r => r.id === before)) choice.value = before;
    drawTrades();
  }

  function drawTrades() {
    const run = reports.get($("lab-trades-run").value);
    const body = $("lab-trades").tBodies[0];
    if (!run) { body.replaceChildren(); return; }
    body.replaceChildren(...run.report.trades.map(t => {
      const tr = document.createElement("tr");
      tr.className = "clickable";
      tr.dataset.decision = t.entry_decision;
      tr.title = "open the entry decision";
      tr.append(cell(t.symbol), cell(t.side), cell(num(t.contracts, 8)), cell(time(t.entry_time)), cell(num(t.entry_price, 8)), cell(time(t.exit_time)),
        cell(num(t.exit_price, 8)), cell(t.exit_reason), cell(num(t.fees, 4)), cell(num(t.funding, 4)),
        cell(num(t.pnl), Number(t.pnl) < 0 ? "bad" : "ok"));
      tr.addEventListener("click", () => htmx.ajax("GET", "/lab/decision?run=" + run.id + "&decision=" + t.entry_decision,
        { target: "#decision-detail", swap: "innerHTML" }));
      return tr;
    }));
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("lab-form").addEventListener("submit", start);
    $("lab-cancel").addEventListener("click", cancel);
    $("lab-trades-run").addEventListener("change", drawTrades);
    const wanted = new URLSearchParams(location.search).get("run");
    loadRuns().then(() => {
      const running = runs.find(r => !finished(r.status));
      if (wanted) watch(wanted); else if (running) watch(running.id);
    });
    window.addEventListener("resize", () => [equityChart, drawdownChart].forEach(c => c && c.resize()));
  });
})();
