package io.tai2.reasoning;

import static io.tai2.reasoning.ContextJson.array;
import static io.tai2.reasoning.ContextJson.num;
import static io.tai2.reasoning.ContextJson.object;
import static io.tai2.reasoning.ContextJson.time;

import io.tai2.indicators.Series;
import io.tai2.market.MarketSnapshot;
import io.tai2.market.MarketSnapshot.TimeframeIndicators;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The interpreted parts of the context (docs/spec/tai2-upstream.md §5.3): trend confirmation, liquidity and derivatives posture. */
final class MarketReading {

  private MarketReading() {}

  static ObjectNode trend(MarketSnapshot m, String timeframe) {
    TimeframeIndicators v = m.indicators().get(timeframe);
    Double adx = v.value(Series.ADX_14);
    Double plus = v.value(Series.DI_PLUS_14);
    Double minus = v.value(Series.DI_MINUS_14);
    String state =
        adx == null
            ? "unknown"
            : adx >= 25 ? "trending" : adx >= 18 ? "transitioning" : "range-bound";
    String bias = emaBias(v);
    String vsEma = priceVsEma50(PortfolioReading.price(m), v);
    ObjectNode out = object();
    out.put("timeframe", timeframe);
    ObjectNode adxNode = object();
    adxNode.set("value", num(adx));
    adxNode.set("di_plus", num(plus));
    adxNode.set("di_minus", num(minus));
    adxNode.put("state", state);
    out.set("adx", adxNode);
    ObjectNode ma = object();
    ma.set("ema_50", num(v.value(Series.EMA_50)));
    ma.set("ema_200", num(v.value(Series.EMA_200)));
    ma.put("bias", bias);
    ma.put("price_vs_ema_50", vsEma);
    out.set("moving_averages", ma);
    if (adx == null && "unknown".equals(bias)) {
      out.put("summary", "Trend signals unavailable");
    } else {
      String dominance =
          plus == null || minus == null
              ? "DI unknown"
              : plus >= minus ? "+DI dominance" : "-DI dominance";
      out.put(
          "summary",
          String.format(
              Locale.ROOT,
              "ADX %s (%s), %s, EMA stack %s, price %s EMA50",
              adx == null ? "n/a" : String.format(Locale.ROOT, "%.1f", adx),
              state,
              dominance,
              bias,
              vsEma));
    }
    return out;
  }

  static String emaBias(TimeframeIndicators v) {
    Double fast = v.value(Series.EMA_50);
    Double slow = v.value(Series.EMA_200);
    if (fast == null || slow == null) {
      return "unknown";
    }
    return fast > slow ? "bullish" : fast < slow ? "bearish" : "balanced";
  }

  static String priceVsEma50(BigDecimal price, TimeframeIndicators v) {
    Double ema = v.value(Series.EMA_50);
    if (price == null || ema == null) {
      return "unknown";
    }
    return price.doubleValue() >= ema ? "above" : "below";
  }

  static ObjectNode liquidity(MarketSnapshot m, String timeframe) {
    TimeframeIndicators v = m.indicators().get(timeframe);
    ObjectNode out = object();
    out.set("obv_contracts", num(v.value(Series.OBV)));
    out.set("cmf_20", num(v.value(Series.CMF_20)));
    out.set("volume_sma_20_contracts", num(v.value(Series.VOLUME_SMA_20)));
    BigDecimal last = PortfolioReading.price(m);
    MarketSnapshot.Ticker t = m.ticker();
    MarketSnapshot.Book book = m.orderBook();
    String bias = "balanced";
    if (m.customMetrics() != null && m.customMetrics().ofiNetContracts() != null) {
      double net = m.customMetrics().ofiNetContracts();
      bias = net > 0 ? "bid-supported" : net < 0 ? "ask-heavy" : "balanced";
    }
    out.put("liquidity_bias", bias);
    if (t != null
        && book != null
        && last != null
        && last.signum() > 0
        && t.bid() != null
        && t.ask() != null
        && m.instrument() != null) {
      // Upstream's estimate for a $100k market order, with depth converted from contracts to coin
      // first.
      double ctVal = m.instrument().ctVal().doubleValue();
      double bidCoin = PromptBuilder.depth(book.bids()).doubleValue() * ctVal;
      double askCoin = PromptBuilder.depth(book.asks()).doubleValue() * ctVal;
      double thinnest = Math.min(bidCoin, askCoin);
      double spread = t.ask().subtract(t.bid()).doubleValue();
      if (thinnest > 0) {
        double ratio = 100_000 / last.doubleValue() / thinnest;
        double multiplier = Math.clamp(ratio, 0.1, 3.0);
        out.set(
            "estimated_slippage_bps_100k_usdt",
            num(Math.round(spread * multiplier / last.doubleValue() * 1e6) / 100.0));
      }
      out.put(
          "summary",
          String.format(
              Locale.ROOT,
              "%s book, top-5 depth %.4g / %.4g %s (bid/ask)",
              bias,
              bidCoin,
              askCoin,
              m.instrument().ctValCcy()));
    }
    return out;
  }

  static ObjectNode derivatives(MarketSnapshot m) {
    ObjectNode out = object();
    List<String> summary = new ArrayList<>();
    if (m.funding() != null && m.funding().rate() != null) {
      ObjectNode funding = object();
      funding.set("rate", num(m.funding().rate()));
      funding.set("funding_time", time(m.funding().fundingTime()));
      funding.set("next_funding_time", time(m.funding().nextFundingTime()));
      out.set("funding", funding);
      summary.add(
          String.format(Locale.ROOT, "funding %.4f%%", m.funding().rate().doubleValue() * 100));
    }
    MarketSnapshot.LongShortRatio ls = m.longShortRatio();
    if (ls != null && ls.value() != null) {
      ObjectNode ratio = object();
      ratio.set("accounts_long_per_short", num(ls.value()));
      ratio.put("period", ls.period());
      ArrayNode series = array();
      ContextJson.last(ls.series(), PromptBuilder.SERIES).forEach(p -> series.add(num(p.ratio())));
      ratio.set("series", series);
      String bias =
          ls.value().compareTo(BigDecimal.ONE) > 0
              ? "long-heavy"
              : ls.value().compareTo(BigDecimal.ONE) < 0 ? "short-heavy" : "balanced";
      ratio.put("bias", bias);
      out.set("long_short_ratio", ratio);
      summary.add("L/S " + bias);
    }
    ArrayNode clusters = array();
    if (m.liquidations() != null && m.instrument() != null) {
      BigDecimal ctVal = m.instrument().ctVal();
      m.liquidations().stream()
          .filter(l -> l.bankruptcyPx() != null && l.contracts() != null)
          .sorted(
              Comparator.comparing(
                      (MarketSnapshot.Liquidation l) ->
                          l.bankruptcyPx().multiply(l.contracts()).multiply(ctVal))
                  .reversed()
                  .thenComparing(MarketSnapshot.Liquidation::ts))
          .limit(10)
          .forEach(
              l -> {
                ObjectNode c = object();
                c.set("price", num(l.bankruptcyPx()));
                c.set("contracts", num(l.contracts()));
                c.put("liquidated", "buy".equals(l.side()) ? "short" : "long");
                c.set(
                    "notional_usdt", num(l.bankruptcyPx().multiply(l.contracts()).multiply(ctVal)));
                c.set("ts", time(l.ts()));
                clusters.add(c);
              });
      if (!clusters.isEmpty()) {
        summary.add(
            "largest liquidation "
                + clusters.get(0).get("liquidated").asString()
                + " @ "
                + clusters.get(0).get("price").asString());
      }
    }
    out.set("liquidation_clusters", clusters);
    out.put("summary", summary.isEmpty() ? "no derivatives data yet" : String.join(", ", summary));
    return out;
  }
}
