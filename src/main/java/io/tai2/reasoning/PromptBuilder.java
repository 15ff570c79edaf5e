package io.tai2.reasoning;

import static io.tai2.reasoning.ContextJson.array;
import static io.tai2.reasoning.ContextJson.last;
import static io.tai2.reasoning.ContextJson.num;
import static io.tai2.reasoning.ContextJson.object;
import static io.tai2.reasoning.ContextJson.time;

import io.tai2.indicators.Series;
import io.tai2.market.CandleHistory;
import io.tai2.market.MarketSnapshot;
import io.tai2.market.MarketSnapshot.TimeframeIndicators;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the prompt of docs/spec/tai2-upstream.md §5.3 from {@link PromptInputs}, a pure function: the same inputs give the same text and
 * hash. Unlike upstream, the requested timeframe really selects the indicators and candles (other timeframes appear as
 * a summary), a symbol without a snapshot is an error, and every number carries its unit in its name.
 */
public final class PromptBuilder {

  /** Candles of the requested timeframe in the context, newest last (upstream sends 120). */
  static final int CANDLES = 120;

  static final int SERIES = 20;

  /**
   * What the user message puts around the context JSON (it ends the message): the dataset export finds the context
   * in a logged prompt by these ({@link RecordedPrompt#contextOf}), and the compact JSON inside can hold neither (strings escape their line breaks).
   */
  public static final String CONTEXT_OPENING = "\n\nContext JSON:\n```json\n";

  public static final String CONTEXT_CLOSING = "\n```";

  public Prompt build(PromptInputs in) {
    MarketSnapshot m = in.market();
    if (!m.indicators().containsKey(in.timeframe())) {
      throw new IllegalArgumentException(
          "timeframe "
              + in.timeframe()
              + " is not computed for "
              + in.symbol()
              + "; use one of "
              + new TreeMap<>(m.indicators()).keySet());
    }
    ObjectNode context = object();
    context.set("generated_at", time(in.now()));
    context.put("symbol", in.symbol());
    context.put("timeframe", in.timeframe());
    context.set("snapshot_health", health(in));
    context.set("instrument", instrument(m.instrument()));
    context.set("market", market(m));
    context.set("history", history(in));
    context.set(
        "indicators", indicators(m.indicators().get(in.timeframe()), in.candles().orElse(null)));
    context.set("other_timeframes", otherTimeframes(m, in.timeframe()));
    context.set("trend_confirmation", MarketReading.trend(m, in.timeframe()));
    context.set("liquidity_context", MarketReading.liquidity(m, in.timeframe()));
    context.set("derivatives_posture", MarketReading.derivatives(m));
    context.set("strategy_signal", signal(m.strategySignal()));
    context.set("risk_metrics", risk(m.riskMetrics()));
    PortfolioReading.addTo(context, in);
    context.set("prompt_version", promptVersion(in.prompt()));

    String contextJson = ContextJson.write(context);
    String user = userMessage(in.prompt().decision(), contextJson);
    String schema = ContextJson.write(in.responseSchema());
    String hash = hash(in.model(), in.prompt().system(), user, in.responseSchema());
    return new Prompt(
        in.symbol(),
        in.timeframe(),
        in.model(),
        in.prompt().versionId(),
        in.prompt().name(),
        in.prompt().system(),
        user,
        contextJson,
        schema,
        hash,
        m.generatedAt(),
        PortfolioReading.price(m));
  }

  /** The user message: the decision text, then the context JSON (a recorded prompt is read back by {@link RecordedPrompt}). */
  public static String userMessage(String decisionText, String contextJson) {
    return decisionText + CONTEXT_OPENING + contextJson + CONTEXT_CLOSING;
  }

  /** The prompt hash (the reply cache's key): SHA-256 over the model, both messages and the response schema. */
  public static String hash(String model, String system, String user, JsonNode responseSchema) {
    return sha256(model + '\n' + system + '\n' + user + '\n' + ContextJson.write(responseSchema));
  }

  private static ObjectNode health(PromptInputs in) {
    MarketSnapshot m = in.market();
    Duration age = Duration.between(m.generatedAt(), in.now());
    long maxAge = in.guardrails().snapshotMaxAge().toSeconds();
    ObjectNode out = object();
    out.set("snapshot_generated_at", time(m.generatedAt()));
    out.put("age_seconds", Math.max(0, age.toSeconds()));
    out.put("max_age_seconds", maxAge);
    out.put("stale", m.stale() || age.toSeconds() > maxAge);
    ObjectNode sources = object();
    new TreeMap<>(m.freshness())
        .forEach(
            (source, f) -> {
              ObjectNode s = object();
              s.set("data_ts", time(f.ts()));
              s.put("age_ms", f.ageMillis());
              s.put("stale", f.stale());
              sources.set(source, s);
            });
    out.set("sources", sources);
    ArrayNode absent = array();
    absentSources(m).forEach(absent::add);
    out.set("absent_sources", absent);
    if (!absent.isEmpty()) {
      out.put(
          "absent_note",
          "no data from these sources (not yet received live, or not in the history a backtest replays): "
              + "their fields are left out or null, which means unknown, never zero or neutral");
    }
    return out;
  }

  /**
   * The market sources the snapshot has nothing from: live before their first message, and in a backtest the ones
   * candle history lacks. Named in the context so an empty section is not read as a quiet market.
   */
  static List<String> absentSources(MarketSnapshot m) {
    List<String> absent = new ArrayList<>();
    if (m.ticker() == null) {
      absent.add("ticker");
    }
    if (m.orderBook() == null) {
      absent.add("order_book");
    }
    if (m.customMetrics() == null) {
      absent.add("trades_and_order_flow");
    }
    if (m.openInterest() == null) {
      absent.add("open_interest");
    }
    if (m.markPrice() == null) {
      absent.add("mark_price");
    }
    if (m.funding() == null) {
      absent.add("funding");
    }
    if (m.liquidations() == null) {
      absent.add("liquidations");
    }
    if (m.longShortRatio() == null) {
      absent.add("long_short_ratio");
    }
    return absent;
  }

  private static ObjectNode instrument(MarketSnapshot.InstrumentSpec spec) {
    ObjectNode out = object();
    if (spec == null) {
      return out;
    }
    out.set("ct_val", num(spec.ctVal()));
    out.put("ct_val_ccy", spec.ctValCcy());
    out.put("note", "1 contract = ct_val " + spec.ctValCcy() + "; sizes are in contracts");
    out.set("tick_size", num(spec.tickSz()));
    out.set("lot_size_contracts", num(spec.lotSz()));
    out.set("min_size_contracts", num(spec.minSz()));
    out.set("max_market_order_contracts", num(spec.maxMktSz()));
    out.set("max_leverage", num(spec.maxLeverage()));
    return out;
  }

  private static ObjectNode market(MarketSnapshot m) {
    ObjectNode out = object();
    MarketSnapshot.Ticker t = m.ticker();
    BigDecimal last = PortfolioReading.price(m);
    out.set("last_price", num(last));
    if (t != null) {
      out.set("bid", num(t.bid()));
      out.set("ask", num(t.ask()));
      if (t.bid() != null && t.ask() != null && last != null && last.signum() > 0) {
        BigDecimal spread = t.ask().subtract(t.bid());
        out.set("spread", num(spread));
        out.set("spread_pct", num(spread.doubleValue() / last.doubleValue() * 100));
      }
      if (t.open24h() != null && t.open24h().signum() > 0 && last != null) {
        out.set("change_24h_pct", num((last.doubleValue() / t.open24h().doubleValue() - 1) * 100));
      }
      out.set("high_24h", num(t.high24h()));
      out.set("low_24h", num(t.low24h()));
      out.set("volume_24h_contracts", num(t.vol24hContracts()));
      out.set("volume_24h_coin", num(t.vol24hCoin()));
    }
    if (m.markPrice() != null) {
      out.set("mark_price", num(m.markPrice().px()));
    }
    if (m.funding() != null) {
      out.set("funding_rate", num(m.funding().rate()));
      out.set("next_funding_time", time(m.funding().nextFundingTime()));
    }
    if (m.openInterest() != null) {
      ObjectNode oi = object();
      oi.set("contracts", num(m.openInterest().contracts()));
      oi.set("coin", num(m.openInterest().coin()));
      oi.set("usd", num(m.openInterest().usd()));
      out.set("open_interest", oi);
    }
    out.set("order_flow", orderFlow(m));
    return out;
  }

  private static ObjectNode orderFlow(MarketSnapshot m) {
    ObjectNode out = object();
    MarketSnapshot.CustomMetrics c = m.customMetrics();
    if (c != null) {
      out.set("imbalance_net_contracts", num(c.ofiNetContracts()));
      out.set("imbalance_ratio", num(c.ofiRatio()));
      out.set("imbalance_notional_weighted", num(c.ofiWeighted()));
      out.set("cvd_since_start_contracts", num(c.cvdTotalContracts()));
      out.set("cvd_window_contracts", num(c.cvdWindowContracts()));
      out.put("cvd_window_trades", c.cvdWindowTrades());
      out.set("cvd_series_contracts", ContextJson.nums(last(c.cvdSeries(), SERIES)));
      out.set("imbalance_ratio_series", ContextJson.nums(last(c.ofiRatioSeries(), SERIES)));
    }
    MarketSnapshot.Book book = m.orderBook();
    if (book != null) {
      out.set("bid_depth_top5_contracts", num(depth(book.bids())));
      out.set("ask_depth_top5_contracts", num(depth(book.asks())));
    }
    return out;
  }

  static BigDecimal depth(List<MarketSnapshot.Level> levels) {
    return levels.stream()
        .limit(5)
        .map(MarketSnapshot.Level::contracts)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static ObjectNode history(PromptInputs in) {
    ObjectNode out = object();
    out.put("timeframe", in.timeframe());
    CandleHistory h = in.candles().orElse(null);
    if (h == null) {
      out.put("note", "no candle history yet");
      return out;
    }
    out.put("last_candle_open", h.lastOpen());
    ArrayNode columns = array();
    List.of(
            "ts",
            "open",
            "high",
            "low",
            "close",
            "volume_contracts",
            Series.VWAP.key(),
            Series.VOLUME_RSI_14.key())
        .forEach(columns::add);
    out.set("columns", columns);
    ArrayNode rows = array();
    int from = Math.max(0, h.ts().size() - CANDLES);
    List<Double> vwap = h.column(Series.VWAP);
    List<Double> volumeRsi = h.column(Series.VOLUME_RSI_14);
    for (int i = from; i < h.ts().size(); i++) {
      ArrayNode row = array();
      row.add(time(Instant.ofEpochMilli(h.ts().get(i))));
      row.add(num(h.open().get(i)));
      row.add(num(h.high().get(i)));
      row.add(num(h.low().get(i)));
      row.add(num(h.close().get(i)));
      row.add(num(h.volumeContracts().get(i)));
      row.add(num(i < vwap.size() ? vwap.get(i) : null));
      row.add(num(i < volumeRsi.size() ? volumeRsi.get(i) : null));
      rows.add(row);
    }
    out.set("rows", rows);
    return out;
  }

  private static ObjectNode indicators(TimeframeIndicators tf, CandleHistory h) {
    ObjectNode out = object();
    out.set("candle_ts", time(tf.candleTs()));
    out.put("candle_closed", tf.candleClosed());
    out.set("rsi_14", num(tf.value(Series.RSI_14)));
    ObjectNode stoch = object();
    stoch.set("k", num(tf.value(Series.STOCHRSI_K)));
    stoch.set("d", num(tf.value(Series.STOCHRSI_D)));
    out.set("stoch_rsi_14_14_3_3", stoch);
    ObjectNode macd = object();
    macd.set("line", num(tf.value(Series.MACD_LINE)));
    macd.set("signal", num(tf.value(Series.MACD_SIGNAL)));
    macd.set("hist", num(tf.value(Series.MACD_HIST)));
    macd.set("hist_series", series(h, Series.MACD_HIST));
    out.set("macd_12_26_9", macd);
    ObjectNode bb = object();
    bb.set("upper", num(tf.value(Series.BB_UPPER)));
    bb.set("middle", num(tf.value(Series.BB_MIDDLE)));
    bb.set("lower", num(tf.value(Series.BB_LOWER)));
    out.set("bollinger_20_2", bb);
    ObjectNode ema = object();
    ema.set("ema_50", num(tf.value(Series.EMA_50)));
    ema.set("ema_200", num(tf.value(Series.EMA_200)));
    out.set("moving_averages", ema);
    ObjectNode adx = object();
    adx.set("adx", num(tf.value(Series.ADX_14)));
    adx.set("di_plus", num(tf.value(Series.DI_PLUS_14)));
    adx.set("di_minus", num(tf.value(Series.DI_MINUS_14)));
    adx.set("adx_series", series(h, Series.ADX_14));
    out.set("adx_14", adx);
    ObjectNode obv = object();
    obv.set("value_contracts", num(tf.value(Series.OBV)));
    obv.set("series", series(h, Series.OBV));
    out.set("obv", obv);
    ObjectNode cmf = object();
    cmf.set("value", num(tf.value(Series.CMF_20)));
    cmf.set("series", series(h, Series.CMF_20));
    out.set("cmf_20", cmf);
    out.set("vwap_daily", num(tf.value(Series.VWAP)));
    out.set("atr_14", num(tf.value(Series.ATR_14)));
    ObjectNode volume = object();
    volume.set("sma_20_contracts", num(tf.value(Series.VOLUME_SMA_20)));
    volume.set("rsi_14", num(tf.value(Series.VOLUME_RSI_14)));
    out.set("volume", volume);
    return out;
  }

  private static ArrayNode series(CandleHistory h, Series series) {
    return h == null ? array() : ContextJson.nums(last(h.column(series), SERIES));
  }

  private static ObjectNode otherTimeframes(MarketSnapshot m, String requested) {
    ObjectNode out = object();
    new TreeMap<>(m.indicators())
        .forEach(
            (tf, ind) -> {
              if (!tf.equals(requested)
                  && ind != null
                  && ind.values() != null) { // a timeframe still loading has none yet
                ObjectNode s = object();
                s.set("rsi_14", num(ind.value(Series.RSI_14)));
                s.set("macd_hist", num(ind.value(Series.MACD_HIST)));
                s.set("adx_14", num(ind.value(Series.ADX_14)));
                s.put("ema_bias", MarketReading.emaBias(ind));
                s.put(
                    "price_vs_ema_50", MarketReading.priceVsEma50(PortfolioReading.price(m), ind));
                out.set(tf, s);
              }
            });
    return out;
  }

  private static ObjectNode signal(MarketSnapshot.Signal s) {
    ObjectNode out = object();
    if (s != null) {
      out.put("action", s.action());
      out.set("confidence", num(s.confidence()));
      out.set("score", num(s.score()));
      out.put("reason", s.reason());
      out.put("note", "a simple heuristic for context only; tai2 never trades on it");
    }
    return out;
  }

  private static ObjectNode risk(MarketSnapshot.Risk r) {
    ObjectNode out = object();
    if (r != null) {
      out.set("atr", num(r.atr()));
      out.set("atr_pct", num(r.atrPct()));
      out.set("suggested_stop_distance", num(r.suggestedStop()));
      out.set("suggested_stop_distance_pct", num(r.suggestedStopPct()));
    }
    return out;
  }

  static ObjectNode promptVersion(PromptText p) {
    ObjectNode out = object();
    out.put("id", p.versionId().map(Object::toString).orElse(null));
    out.put("name", p.name());
    return out;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static BigDecimal roundDown(BigDecimal value, BigDecimal step) {
    if (step == null || step.signum() <= 0) {
      return value;
    }
    return value.divide(step, 0, RoundingMode.DOWN).multiply(step);
  }
}
