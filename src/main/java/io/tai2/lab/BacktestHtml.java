package io.tai2.lab;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A backtest report as one self-contained HTML file (no script, no network): the parameters, the metrics, the equity
 * curve beside buy-and-hold as an SVG, and the trades. For sharing a run; the LAB page is the interactive view.
 */
public final class BacktestHtml {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 260;

  private BacktestHtml() {}

  public static String render(BacktestReport r) {
    BacktestReport.Parameters p = r.parameters();
    BacktestReport.Metrics m = r.metrics();
    StringBuilder out = new StringBuilder(8_192);
    out.append(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>tai2 backtest ")
        .append(esc(p.decider()))
        .append(
            "</title><style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}.l{text-align:left}</style></head><body>");
    out.append("<h1>Backtest: ")
        .append(esc(p.decider()))
        .append(" on ")
        .append(esc(String.join(", ", p.symbols())))
        .append("</h1>");
    out.append("<p>")
        .append(p.from())
        .append(" → ")
        .append(p.to())
        .append(", decisions every ")
        .append(esc(p.every()))
        .append(", timeframe ")
        .append(esc(p.timeframe()))
        .append(", equity ")
        .append(plain(p.equity()))
        .append(" USDT, taker fee ")
        .append(plain(p.takerFee()))
        .append(", slippage ")
        .append(plain(p.slippageBps()))
        .append(" bps, funding ")
        .append(esc(p.funding()))
        .append(".</p>");
    out.append("<h2>Metrics</h2><table>");
    row(out, "Net PnL (USDT)", plain(m.netPnl()));
    row(out, "Return", pct(m.returnPct()));
    row(out, "Buy and hold", pct(m.buyAndHoldReturnPct()));
    row(out, "Max drawdown", pct(m.maxDrawdownPct()));
    row(out, "Sharpe (daily, annualised)", num(m.sharpe()));
    row(out, "Sortino (daily, annualised)", num(m.sortino()));
    row(out, "Trades", String.valueOf(m.trades()));
    row(out, "Win rate", pct(m.winRate()));
    row(out, "Profit factor", m.profitFactor().map(BacktestHtml::num).orElse("—"));
    row(out, "Expectancy (USDT per trade)", plain(m.expectancy()));
    row(out, "Exposure", pct(m.exposure()));
    row(
        out,
        "Decisions / entries / blocked",
        m.decisions() + " / " + m.entries() + " / " + m.blocked());
    row(out, "Fees / funding paid (USDT)", plain(m.feesPaid()) + " / " + plain(m.fundingPaid()));
    row(
        out,
        "LLM calls / cache hits / cost (USD)",
        m.llmCalls() + " / " + m.cacheHits() + " / " + plain(m.llmCostUsd()));
    m.riskLockedAt()
        .ifPresent(at -> row(out, "Daily-loss lock", at + ": " + m.riskLockReason().orElse("")));
    out.append("</table><h2>Equity</h2>")
        .append(chart(r.equityCurve(), r.buyAndHold()))
        .append("<p>Blue: the strategy; grey: buy-and-hold of the same symbols.</p>");
    out.append(
        "<h2>Trades</h2><table><tr><th class=l>symbol</th><th class=l>side</th><th>contracts</th><th class=l>entry</th><th>price</th>"
            + "<th class=l>exit</th><th>price</th><th class=l>reason</th><th>fees</th><th>funding</th><th>PnL</th></tr>");
    for (BacktestReport.TradeRow t : r.trades()) {
      out.append("<tr><td class=l>")
          .append(esc(t.symbol()))
          .append("</td><td class=l>")
          .append(t.side())
          .append("</td><td>")
          .append(plain(t.contracts()))
          .append("</td><td class=l>")
          .append(t.entryTime())
          .append("</td><td>")
          .append(plain(t.entryPrice()))
          .append("</td><td class=l>")
          .append(t.exitTime())
          .append("</td><td>")
          .append(plain(t.exitPrice()))
          .append("</td><td class=l>")
          .append(t.exitReason())
          .append("</td><td>")
          .append(plain(t.fees()))
          .append("</td><td>")
          .append(plain(t.funding()))
          .append("</td><td>")
          .append(plain(t.pnl()))
          .append("</td></tr>");
    }
    return out.append("</table></body></html>\n").toString();
  }

  private static String chart(
      List<BacktestReport.EquityPoint> curve, List<BacktestReport.EquityPoint> hold) {
    if (curve.size() < 2) {
      return "<p>Too short for a chart.</p>";
    }
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (List<BacktestReport.EquityPoint> line : List.of(curve, hold)) {
      for (BacktestReport.EquityPoint e : line) {
        lo = Math.min(lo, e.equity().doubleValue());
        hi = Math.max(hi, e.equity().doubleValue());
      }
    }
    long t0 = curve.getFirst().time().toEpochMilli();
    long t1 = Math.max(t0 + 1, curve.getLast().time().toEpochMilli());
    double span = hi > lo ? hi - lo : 1;
    StringBuilder svg =
        new StringBuilder(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
                + WIDTH
                + "\" height=\""
                + HEIGHT
                + "\">");
    for (var line : List.of(Map.entry("#999", hold), Map.entry("#1f6feb", curve))) {
      svg.append("<polyline fill=\"none\" stroke=\"")
          .append(line.getKey())
          .append("\" stroke-width=\"1.5\" points=\"");
      for (BacktestReport.EquityPoint e : line.getValue()) {
        double x = (e.time().toEpochMilli() - t0) * (WIDTH - 10.0) / (t1 - t0) + 5;
        double y = HEIGHT - 5 - (e.equity().doubleValue() - lo) * (HEIGHT - 10) / span;
        svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      svg.append("\"/>");
    }
    return svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"8\" y=\"14\" font-size=\"11\">%.2f</text><text x=\"8\" y=\"%d\" font-size=\"11\">%.2f</text>",
                hi,
                HEIGHT - 8,
                lo))
        .append("</svg>")
        .toString();
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append("<tr><th class=l>")
        .append(esc(name))
        .append("</th><td>")
        .append(esc(value))
        .append("</td></tr>");
  }

  private static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  private static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
