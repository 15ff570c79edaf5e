// LIVE: a position's chart. Clicking a position row (the exchange's or a paper book's), or Enter on the focused row, opens
// its symbol's candles (/ta/series, the same data as /state/series under the page's access rule) with horizontal lines
// for the entry, stop-loss, take-profit, estimated liquidation and mark price. The rows are re-rendered live, so the
// lines are read again from the row after each refresh (the mark moves; a stop may be added).
(function () {
  "use strict";
  const card = document.getElementById("position-chart-card");
  if (!card) return;
  const $ = id => document.getElementById(id);
  let chart = null;
  let open = null; // { symbol, book } of the charted row; book "" for the exchange's positions
  let candles = null;

  const LINES = [ // row attribute, label, colour
    ["entry", "entry", "#4ea1ff"], ["sl", "stop-loss", "#ff5c5c"], ["tp", "take-profit", "#3ccf91"],
    ["liq", "liquidation", "#ff9f1c"], ["mark", "mark", "#c8ced6"]
  ];

  function rowOf(target) {
    const book = target.book ? "article[data-book='" + CSS.escape(target.book) + "'] " : "#positions ";
    return document.querySelector(book + "tr.position-row[data-symbol='" + CSS.escape(target.symbol) + "']");
  }

  function marks(row) {
    return LINES.filter(([key]) => row && row.dataset[key]).map(([key, label, colour]) => ({
      name: label, yAxis: Number(row.dataset[key]), lineStyle: { color: colour, type: key === "mark" ? "dotted" : "dashed", width: 1 },
      // the mark sits near the entry: its label goes to the left end so the two stay readable
      label: { formatter: label + " {c}", position: key === "mark" ? "insideStartTop" : "insideEndTop", color: colour, fontSize: 10 }
    }));
  }

  // an axis end at three significant digits (38,040.184 → 38,000), whatever the price scale of the symbol
  function round(x, to) {
    if (!(x > 0)) return x;
    const step = Math.pow(10, Math.floor(Math.log10(x)) - 2);
    return to(x / step) * step;
  }

  function draw() {
    const row = rowOf(open);
    const t = candles.ts.map(ms => tai2.time.short(ms)); // candle opens in the display zone, named in the status line
    const lines = marks(row);
    // the axis covers the lines too, so a far stop or liquidation is not drawn off the chart
    const values = candles.low.concat(candles.high).concat(lines.map(l => l.yAxis)).filter(Number.isFinite);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const pad = (hi - lo) * 0.03;
    chart = chart || echarts.init($("position-chart"), "dark");
    chart.setOption({
      backgroundColor: "transparent", animation: false, tooltip: { trigger: "axis" }, grid: { left: 70, right: 110, top: 20, bottom: 30 },
      xAxis: { type: "category", data: t }, yAxis: { scale: true, min: round(lo - pad, Math.floor), max: round(hi + pad, Math.ceil) },
      dataZoom: [{ type: "inside", start: 60, end: 100 }],
      series: [{
        name: open.symbol + " " + $("position-chart-timeframe").value, type: "candlestick",
        data: t.map((_, i) => [candles.open[i], candles.close[i], candles.low[i], candles.high[i]]),
        markLine: { symbol: "none", silent: true, data: lines }
      }]
    }, true);
    $("position-chart-status").textContent = candles.ts.length + " candles (times in " + tai2.time.zone + ") · " + (lines.length
      ? lines.map(l => l.name + " " + l.yAxis).join(" · ") : "no price lines for this position");
  }

  function load() {
    const status = $("position-chart-status");
    status.textContent = "loading the candles…";
    const tf = $("position-chart-timeframe").value;
    fetch("/ta/series?symbol=" + encodeURIComponent(open.symbol) + "&timeframe=" + encodeURIComponent(tf), { headers: { "Accept": "application/json" } })
      .then(r => r.ok ? r.json() : r.text().then(t => Promise.reject(new Error(tai2.problem(r.status, t)))))
      .then(body => { candles = body; draw(); })
      .catch(err => { status.textContent = "the candles did not load: " + err.message; });
  }

  function show(row, byKeyboard) {
    if (!window.echarts) return;
    const article = row.closest("article[data-book]");
    open = { symbol: row.dataset.symbol, book: article ? article.dataset.book : "" };
    $("position-chart-title").textContent = open.symbol + " · " + row.dataset.side + " · " + (open.book ? "paper book " + open.book : "exchange position");
    card.hidden = false;
    if (chart) chart.resize();
    card.scrollIntoView({ block: "nearest" });
    if (byKeyboard) $("position-chart-close").focus({ preventScroll: true }); // Escape or Enter closes it and returns to the row
    load();
  }

  function close() {
    card.hidden = true;
    const row = open && rowOf(open);
    open = null;
    if (row) row.focus(); // back to where the keyboard was
  }

  document.addEventListener("click", event => {
    const row = event.target.closest && event.target.closest("tr.position-row");
    if (row) show(row);
  });
  document.addEventListener("keydown", event => {
    if (event.key !== "Enter" || !event.target.matches || !event.target.matches("tr.position-row")) return;
    event.preventDefault();
    show(event.target, true);
  });
  // the panels are re-rendered live: the keyboard keeps its row, and the lines follow the row (a closed position leaves
  // the candles without lines)
  let focused = null;
  document.addEventListener("htmx:beforeSwap", () => {
    const row = document.activeElement;
    focused = row && row.matches && row.matches("tr.position-row")
      ? { symbol: row.dataset.symbol, book: (row.closest("article[data-book]") || { dataset: { book: "" } }).dataset.book } : null;
  });
  document.addEventListener("htmx:afterSwap", () => {
    if (focused && (!document.activeElement || document.activeElement === document.body)) {
      const row = rowOf(focused);
      if (row) row.focus({ preventScroll: true });
    }
    if (open && candles && !card.hidden) draw();
  });
  $("position-chart-close").addEventListener("click", close);
  card.addEventListener("keydown", event => { if (event.key === "Escape") close(); });
  $("position-chart-timeframe").addEventListener("change", () => { if (open) load(); });
  window.addEventListener("resize", () => chart && chart.resize());
})();
