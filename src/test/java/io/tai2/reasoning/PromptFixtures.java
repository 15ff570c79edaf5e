package io.tai2.reasoning;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.history.ExecutionFeedback;
import io.tai2.history.RiskLock;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.CandleHistory;
import io.tai2.market.MarketSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Fixed, hand-written snapshots for prompt tests: BTC at 60,000 with a long of 3 contracts (0.03 BTC). */
final class PromptFixtures {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:05Z");
  static final Instant SNAPSHOT_AT = Instant.parse("2026-11-25T12:00:00Z");

  private PromptFixtures() {}

  static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  static MarketSnapshot btc(BigDecimal last) {
    Map<String, Double> h4 = new LinkedHashMap<>();
    h4.put("rsi_14", 61.234567);
    h4.put("ema_50", 59000.0);
    h4.put("ema_200", 55000.0);
    h4.put("macd_line", 120.5);
    h4.put("macd_signal", 100.25);
    h4.put("macd_hist", 20.25);
    h4.put("bb_upper", 61500.0);
    h4.put("bb_middle", 59800.0);
    h4.put("bb_lower", 58100.0);
    h4.put("atr_14", 800.0);
    h4.put("adx_14", 27.14);
    h4.put("di_plus_14", 24.0);
    h4.put("di_minus_14", 14.0);
    h4.put("obv", 123456.0);
    h4.put("volume_sma_20", 5000.0);
    h4.put("volume_rsi_14", 55.0);
    h4.put("cmf_20", 0.12);
    h4.put("stochrsi_k", 80.0);
    h4.put("stochrsi_d", 75.0);
    h4.put("vwap", 59700.0);
    Map<String, Double> h1 = new LinkedHashMap<>(h4);
    h1.put("rsi_14", 48.0);
    h1.put("ema_50", 60100.0);
    h1.put("ema_200", 60200.0);
    h1.put("adx_14", null);
    MarketSnapshot.Freshness fresh =
        new MarketSnapshot.Freshness(SNAPSHOT_AT.minusMillis(200), 200, false);
    return new MarketSnapshot(
        "BTC-USDT-SWAP",
        SNAPSHOT_AT,
        new MarketSnapshot.InstrumentSpec(
            "BTC-USDT-SWAP", d("0.01"), "BTC", d("0.1"), d("0.01"), d("0.01"), d("100"), d("100")),
        new MarketSnapshot.Ticker(
            last,
            last.subtract(d("0.1")),
            last.add(d("0.1")),
            d("58000"),
            d("61000"),
            d("57500"),
            d("1200000"),
            d("12000"),
            SNAPSHOT_AT.minusMillis(200)),
        new MarketSnapshot.Book(
            List.of(
                new MarketSnapshot.Level(last.subtract(d("0.1")), d("50")),
                new MarketSnapshot.Level(last.subtract(d("0.2")), d("30"))),
            List.of(new MarketSnapshot.Level(last.add(d("0.1")), d("40"))),
            d("80"),
            d("40"),
            1234,
            SNAPSHOT_AT.minusMillis(100)),
        new MarketSnapshot.Funding(
            d("0.0001"),
            Instant.parse("2026-11-25T16:00:00Z"),
            Instant.parse("2026-11-26T00:00:00Z"),
            SNAPSHOT_AT),
        new MarketSnapshot.OpenInterest(d("500000"), d("5000"), d("300000000"), SNAPSHOT_AT),
        new MarketSnapshot.Price(last, SNAPSHOT_AT),
        List.of(
            new MarketSnapshot.Liquidation(
                "sell", "long", d("12"), d("59500"), SNAPSHOT_AT.minusSeconds(30)),
            new MarketSnapshot.Liquidation(
                "buy", "short", d("100"), d("60500"), SNAPSHOT_AT.minusSeconds(20))),
        new MarketSnapshot.LongShortRatio(
            d("1.25"), "5m", List.of(new MarketSnapshot.RatioPoint(SNAPSHOT_AT, d("1.25")))),
        Map.of(
            "4H",
            new MarketSnapshot.TimeframeIndicators(
                Instant.parse("2026-11-25T08:00:00Z"), false, 300, h4),
            "1H",
            new MarketSnapshot.TimeframeIndicators(
                Instant.parse("2026-11-25T12:00:00Z"), false, 300, h1)),
        new MarketSnapshot.CustomMetrics(
            150.0,
            20.0,
            200,
            40.0,
            0.333333333,
            2400.0,
            List.of(0.1, 0.2, 0.333333333),
            List.of(100.0, 150.0)),
        new MarketSnapshot.Signal("BUY", 0.6, 2.0, "RSI rising, MACD positive", last.doubleValue()),
        new MarketSnapshot.Risk(
            800.0, 800.0 / last.doubleValue() * 100, 1200.0, 1200.0 / last.doubleValue() * 100),
        Map.of("ticker", fresh, "books", fresh),
        false);
  }

  static CandleHistory candles() {
    List<Long> ts = new ArrayList<>();
    List<Double> o = new ArrayList<>();
    List<Double> h = new ArrayList<>();
    List<Double> l = new ArrayList<>();
    List<Double> c = new ArrayList<>();
    List<Double> v = new ArrayList<>();
    List<Double> vwap = new ArrayList<>();
    List<Double> macd = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ts.add(Instant.parse("2026-11-25T00:00:00Z").plus(Duration.ofHours(4L * i)).toEpochMilli());
      o.add(59000.0 + i * 100);
      h.add(59500.0 + i * 100);
      l.add(58800.0 + i * 100);
      c.add(59100.0 + i * 100);
      v.add(1000.0 + i);
      vwap.add(59050.0 + i * 10);
      macd.add(i == 0 ? null : 10.0 * i);
    }
    return new CandleHistory(
        "BTC-USDT-SWAP", "4H", true, ts, o, h, l, c, v, Map.of("vwap", vwap, "macd_hist", macd));
  }

  static AccountSnapshot account() {
    return new AccountSnapshot(
        SNAPSHOT_AT,
        d("10000"),
        List.of(new AccountSnapshot.Balance("USDT", d("10000"), d("9000"), d("8000"), d("12.5"))),
        List.of(
            new AccountSnapshot.Position(
                "BTC-USDT-SWAP",
                "net",
                "long",
                "cross",
                d("3"),
                d("0.03"),
                "BTC",
                d("1800"),
                d("59500"),
                d("60000"),
                d("15"),
                d("5"),
                d("48000"),
                d("360"),
                d("58000"),
                d("64000"))),
        List.of(
            new AccountSnapshot.Order(
                "1234567",
                "t2abc",
                "ETH-USDT-SWAP",
                "buy",
                "limit",
                "live",
                d("2"),
                d("0.2"),
                d("0"),
                SNAPSHOT_AT.minusSeconds(60))),
        List.of(
            new AccountSnapshot.Algo(
                "998877",
                "t2algo",
                "BTC-USDT-SWAP",
                "oco",
                "sell",
                d("3"),
                "live",
                d("64000"),
                d("58000"))),
        new AccountSnapshot.Fees(24, d("1.8"), 3, SNAPSHOT_AT.minus(Duration.ofHours(24))),
        Map.of());
  }

  static ExecutionFeedback feedback(String symbol, String kind, String message, Instant at) {
    return new ExecutionFeedback(
        UUID.nameUUIDFromBytes((symbol + message + at).getBytes()),
        at,
        symbol,
        kind,
        message,
        Optional.empty(),
        Optional.empty());
  }

  static PromptInputs inputs(MarketSnapshot market, List<ExecutionFeedback> feedback) {
    return new PromptInputs(
        "BTC-USDT-SWAP",
        "4H",
        NOW,
        market,
        Optional.of(candles()),
        Optional.of(account()),
        GuardrailSettings.defaults(Duration.ofSeconds(900)),
        ExecutionSettings.defaults(),
        feedback,
        List.<RiskLock>of(),
        PromptText.defaults(),
        "openai/gpt-4o-mini",
        ContextJson.parsed("{\"type\":\"object\"}"));
  }

  static PromptInputs inputs() {
    return inputs(btc(d("60000")), List.of());
  }
}
