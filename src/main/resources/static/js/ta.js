// TA: candles with overlays and indicator panels from /state/series, refreshed from the live stream; "send to engine".
(function () {
  "use strict";
  const main = document.querySelector("main.ta");
  if (!main) return;
  const symbol = main.dataset.symbol;
  const timeframe = main.dataset.timeframe;
  let price = null;
  let panels = null;

  // What to draw comes from the server's series catalogue (io.tai2.indicators.Series): a new indicator appears here
  // on its panel without a change to this script.
  const chart = JSON.parse(main.dataset.chart || '{"panels":[],"series":[]}');
  const onPanel = id => chart.series.filter(c => c.panel === id);
  const indicatorPanels = chart.panels.filter(p => p.id !== "PRICE" && p.id !== "VOLUME");

  const line = (name, data, grid, extra) => Object.assign({ name: name, type: "line", showSymbol: false, data: data,
    xAxisIndex: grid, yAxisIndex: grid, lineStyle: { width: 1 } }, extra || {});

  function draw(s) {
    const t = s.ts.map(ms => tai2.time.short(ms)); // candle opens in the display zone, named in the status line
    const ind = s.indicators || {};
    const drawn = (c, grid) => c.style === "BAR"
      ? { name: c.label, type: "bar", data: ind[c.key] || [], xAxisIndex: grid, yAxisIndex: grid }
      : line(c.label, ind[c.key] || [], grid, c.style === "DASHED" ? { lineStyle: { width: 1, type: "dashed" } } : null);
    price = price || echarts.init(document.getElementById("chart-price"), "dark");
    price.setOption({
      backgroundColor: "transparent", animation: false, legend: { top: 0, textStyle: { fontSize: 10 } }, tooltip: { trigger: "axis" },
      axisPointer: { link: [{ xAxisIndex: "all" }] },
      grid: [{ left: 60, right: 20, top: 30, height: "62%" }, { left: 60, right: 20, top: "78%", height: "15%" }],
      xAxis: [{ type: "category", data: t, gridIndex: 0 }, { type: "category", data: t, gridIndex: 1, axisLabel: { show: false } }],
      yAxis: [{ scale: true, gridIndex: 0 }, { scale: true, gridIndex: 1, name: "vol (ct)", nameTextStyle: { fontSize: 9 } }],
      dataZoom: [{ type: "inside", xAxisIndex: [0, 1], start: 50, end: 100 }],
      series: [{ name: symbol + " " + timeframe, type: "candlestick", data: t.map((_, i) => [s.open[i], s.close[i], s.low[i], s.high[i]]) }]
        .concat(onPanel("PRICE").map(c => drawn(c, 0)))
        .concat([{ name: "volume", type: "bar", data: s.volume_contracts, xAxisIndex: 1, yAxisIndex: 1 }])
        .concat(onPanel("VOLUME").map(c => drawn(c, 1)))
    }, true);
    const step = 96 / Math.max(1, indicatorPanels.length);
    const grids = indicatorPanels.map((_, i) => ({ left: 60, right: 20, top: (i * step + 3) + "%", height: (step - 4) + "%" }));
    panels = panels || echarts.init(document.getElementById("chart-panels"), "dark");
    panels.setOption({
      backgroundColor: "transparent", animation: false, tooltip: { trigger: "axis" }, axisPointer: { link: [{ xAxisIndex: "all" }] },
      title: indicatorPanels.map((p, i) => ({ text: p.title, left: 62, top: (i * step + 2.5) + "%", textStyle: { fontSize: 10, color: "#8a96a3" } })),
      grid: grids,
      xAxis: grids.map((_, i) => ({ type: "category", data: t, gridIndex: i, axisLabel: { show: i === grids.length - 1 } })),
      yAxis: grids.map((_, i) => ({ scale: true, gridIndex: i, splitNumber: 2 })),
      dataZoom: [{ type: "inside", xAxisIndex: grids.map((_, i) => i), start: 50, end: 100 }],
      series: indicatorPanels.flatMap((p, i) => onPanel(p.id).map(c => drawn(c, i)))
    }, true);
    document.getElementById("chart-status").textContent = s.ts.length + " candles" + (s.last_open ? ", the last one still open" : "")
      + " · times in " + tai2.time.zone;
  }

  let flow = null;
  function drawFlow(f) {
    const el = document.getElementById("chart-flow");
    if (!el) return;
    flow = flow || echarts.init(el, "dark");
    const titles = ["CVD (contracts, after each trade)", "Book imbalance (top 20 levels)", "Long/short account ratio",
      "Funding rate (% per interval, by minute since tracking)", "Open interest (contracts, by minute since tracking)"];
    const step = 100 / titles.length;
    const grids = titles.map((_, i) => ({ left: 60, right: 20, top: (i * step + 4) + "%", height: (step - 8) + "%" }));
    flow.setOption({
      backgroundColor: "transparent", animation: false, tooltip: { trigger: "axis", formatter: tai2.time.tooltip }, grid: grids,
      title: titles.map((t, i) => ({ text: t, left: 62, top: (i * step + 0.5) + "%", textStyle: { fontSize: 10, color: "#8a96a3" } })),
      xAxis: [{ type: "category", data: f.cvd.map((_, i) => i), gridIndex: 0, axisLabel: { show: false } },
        { type: "category", data: f.ofi.map((_, i) => i), gridIndex: 1, axisLabel: { show: false } },
        tai2.time.timeAxis({ gridIndex: 2 }), tai2.time.timeAxis({ gridIndex: 3 }), tai2.time.timeAxis({ gridIndex: 4 })],
      yAxis: grids.map((_, i) => ({ scale: true, gridIndex: i, splitNumber: 2 })),
      series: [line("CVD", f.cvd, 0), line("imbalance", f.ofi, 1), line("long/short", f.long_short, 2),
        line("funding %", f.funding_pct, 3, { step: "end" }), line("open interest", f.open_interest_contracts, 4)]
    }, true);
  }

  function load() {
    fetch("/ta/flow?symbol=" + encodeURIComponent(symbol), { headers: { "Accept": "application/json" } })
      .then(r => r.ok ? r.json() : null).then(f => { if (f) drawFlow(f); }).catch(() => { /* the side card says what is missing */ });
    fetch("/ta/series?symbol=" + encodeURIComponent(symbol) + "&timeframe=" + encodeURIComponent(timeframe), { headers: { "Accept": "application/json" } })
      .then(r => r.json().then(body => ({ ok: r.ok, body: body })))
      .then(({ ok, body }) => {
        if (!ok) { document.getElementById("chart-status").textContent = body.detail || "no candles yet"; return; }
        draw(body);
      })
      .catch(err => { document.getElementById("chart-status").textContent = "candles unavailable: " + err.message; });
    if (window.htmx) htmx.ajax("GET", "/ta/side?symbol=" + encodeURIComponent(symbol), { target: "#ta-side", swap: "outerHTML" });
  }

  const reload = tai2.throttle(load, 3000);
  document.addEventListener("tai2:snapshot", event => { if (tai2.symbolOf(event.detail) === symbol) reload(); });
  document.addEventListener("htmx:afterRequest", e => {
    const path = e.detail.requestConfig && e.detail.requestConfig.path;
    if (!path || !path.startsWith("/llm/execute")) return;
    const box = document.getElementById("engine-result");
    if (!e.detail.successful) {
      box.textContent = tai2.problem(e.detail.xhr.status, e.detail.xhr.responseText);
    } else {
      const body = JSON.parse(e.detail.xhr.responseText);
      box.textContent = body.status + " " + (body.decision ? body.decision.action : "") + " → "
        + (body.execution ? body.execution.kind + ": " + body.execution.status : "");
    }
    box.className = e.detail.successful ? "ok" : "bad";
  });
  document.addEventListener("DOMContentLoaded", () => {
    ["ta-symbol", "ta-timeframe"].forEach(id => {
      const el = document.getElementById(id);
      if (el) el.addEventListener("change", () => el.form.submit());
    });
    if (symbol && window.echarts) load();
    window.addEventListener("resize", () => { [price, panels, flow].forEach(c => c && c.resize()); });
  });
})();
