// LAB's leaderboard and calibration: GET /api/evaluation/leaderboard and /calibration for the chosen grouping, source and
// period; the rows, the verdicts between arms, and a reliability chart (stated confidence against realised win rate,
// one series per arm, the diagonal for perfect calibration) with each arm's Brier score and best confidence gate.
(function () {
  "use strict";
  const $ = id => document.getElementById(id);
  let chart = null;

  const cell = (text, cls) => {
    const td = document.createElement("td");
    td.textContent = text == null ? "–" : text;
    if (cls) td.className = cls;
    return td;
  };
  const pct = v => v == null ? "–" : (v * 100).toFixed(1) + " %";
  const num = (v, digits) => v == null ? "–" : Number(v).toLocaleString("en-US", { maximumFractionDigits: digits == null ? 2 : digits });
  const fixed = v => v == null ? "–" : Number(v).toFixed(2);
  const signed = v => v == null ? "–" : (Number(v) > 0 ? "+" : "") + fixed(v);

  // The form as query parameters; a "to" day is included (the API reads a date as a whole UTC day).
  function query() {
    const form = $("leaderboard-form");
    const params = new URLSearchParams();
    ["group_by", "source", "from", "to"].forEach(name => { if (form.elements[name].value) params.set(name, form.elements[name].value); });
    return params;
  }

  function say(text, note) {
    $("leaderboard-message").textContent = text || "";
    $("leaderboard-message").className = text ? (note ? "note" : "bad") : "";
  }

  function get(path) {
    return fetch(path, { headers: { "Accept": "application/json" } }).then(r => r.text().then(text => {
      if (!r.ok) throw new Error(tai2.problem(r.status, text));
      return JSON.parse(text);
    }));
  }

  function load(event) {
    if (event) event.preventDefault();
    const params = query();
    // calibration by the same grouping as the table, so its series are the table's arms
    return Promise.all([get("/api/evaluation/leaderboard?" + params), get("/api/evaluation/calibration?" + params)])
      .then(([board, calibration]) => { say(board.note, true); drawBoard(board); drawCalibration(calibration); })
      .catch(e => say(e.message));
  }

  function drawBoard(board) {
    const labels = new Map(board.rows.map(r => [r.key, r.label]));
    $("leaderboard-empty").hidden = board.rows.length > 0;
    $("leaderboard").tBodies[0].replaceChildren(...board.rows.map(r => {
      const tr = document.createElement("tr");
      tr.dataset.key = r.key;
      const ci = r.expectancy_ci95 ? fixed(r.expectancy_ci95[0]) + " to " + fixed(r.expectancy_ci95[1]) : "–";
      tr.append(cell(r.label, "label"), cell(r.source), cell(r.decisions, "decisions"), cell(r.entries), cell(r.closed_trades, "closed"),
        cell(pct(r.win_rate), "win-rate"), cell(signed(r.expectancy_usdt), "expectancy"), cell(ci, "ci"),
        cell(signed(r.pnl_usdt), Number(r.pnl_usdt) < 0 ? "bad" : "ok"), cell(num(r.llm_cost_usd, 4)), cell(num(r.pnl_per_llm_usd)),
        cell(r.max_drawdown_pct == null ? num(r.max_drawdown_usdt) + " USDT" : pct(r.max_drawdown_pct)));
      return tr;
    }));
    $("leaderboard-verdicts").replaceChildren(...board.comparisons.map(c => {
      const li = document.createElement("li");
      li.dataset.kind = c.kind;
      li.className = c.kind === "UNDECIDED" ? "" : "ok";
      const arms = document.createElement("span");
      arms.className = "arms";
      arms.textContent = "A = " + (labels.get(c.a) || c.a) + ", B = " + (labels.get(c.b) || c.b) + ": ";
      const verdict = document.createElement("span");
      verdict.className = "verdict";
      verdict.textContent = c.verdict + (c.diff_ci95 ? " (B − A per trade: " + fixed(c.diff_ci95[0]) + " to " + fixed(c.diff_ci95[1]) + " USDT)" : "");
      li.append(arms, verdict);
      return li;
    }));
    if (board.comparisons.length === 0) {
      const li = document.createElement("li");
      li.className = "note";
      li.textContent = board.rows.length < 2 ? "a verdict needs two arms with decisions in the period" : "no comparisons";
      $("leaderboard-verdicts").replaceChildren(li);
    }
  }

  const COLORS = ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#fc8452", "#9a60b4", "#3ba272"];

  function drawCalibration(calibration) {
    const arms = calibration.arms || [];
    $("calibration-notes").replaceChildren(...arms.map(a => {
      const li = document.createElement("li");
      li.dataset.key = a.key;
      li.textContent = a.label + ": " + a.forecasts + " closed trade(s) with a stated confidence, Brier score "
        + (a.brier_score == null ? "–" : a.brier_score.toFixed(3)) + " (0 is perfect, 0.25 a coin at 50 %); "
        + (a.best_gate ? "best confidence gate ≥ " + a.best_gate.gate.toFixed(2) + " (" + a.best_gate.trades + " trades, "
          + signed(a.best_gate.expectancy_usdt) + " USDT per trade) — advice, not applied"
          : "no gate advice yet (it needs at least 5 trades above a gate)");
      return li;
    }));
    if (!window.echarts) return;
    chart = chart || echarts.init($("chart-calibration"), "dark");
    const series = [{ name: "perfect calibration", type: "line", data: [[0, 0], [1, 1]], showSymbol: false, color: "#8a96a3",
      lineStyle: { type: "dashed", width: 1 }, tooltip: { show: false } }];
    arms.forEach((a, i) => series.push({
      name: a.label, type: "line", color: COLORS[i % COLORS.length], symbolSize: 8, connectNulls: true,
      // a bucket's point sits at its mean stated confidence; empty buckets have none
      data: a.buckets.filter(b => b.count > 0).map(b => ({ value: [b.mean_confidence, b.win_rate], count: b.count }))
    }));
    chart.setOption({
      backgroundColor: "transparent", animation: false, legend: { top: 0, textStyle: { fontSize: 10 } },
      tooltip: { trigger: "item", formatter: p => p.seriesName + ": stated " + pct(p.value[0]) + ", won " + pct(p.value[1])
        + (p.data && p.data.count ? " (" + p.data.count + " trades)" : "") },
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: "value", min: 0, max: 1, name: "stated confidence", nameLocation: "middle", nameGap: 25 },
      yAxis: { type: "value", min: 0, max: 1, name: "realised win rate" },
      series: series
    }, true);
    $("chart-calibration").dataset.series = String(series.length);
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!$("leaderboard-form")) return;
    $("leaderboard-form").addEventListener("submit", load);
    $("leaderboard-form").addEventListener("change", () => load());
    document.addEventListener("tai2:champion", () => load());
    window.addEventListener("resize", () => chart && chart.resize());
    load();
  });
})();
