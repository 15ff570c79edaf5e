package io.tai2.lab;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.history.DecisionRecord;
import io.tai2.history.MinuteBar;
import io.tai2.market.MarketSnapshot;
import io.tai2.reasoning.Prompt;
import io.tai2.reasoning.PromptBuilder;
import io.tai2.reasoning.PromptInputs;
import io.tai2.reasoning.PromptText;
import io.tai2.reasoning.ResponseSchema;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Recorded live cycles for replay tests: a BTC snapshot at 60,000, its prompt as the real builder makes it, the log row. */
public final class ReplayFixtures {

  public static final String BTC = "BTC-USDT-SWAP";

  private ReplayFixtures() {}

  /** BTC at 60,000 with a ticker, the instrument (tick 0.1) and a few 4H indicators; every other source absent. */
  public static MarketSnapshot snapshot(Instant at) {
    BigDecimal last = new BigDecimal("60000");
    return new MarketSnapshot(
        BTC,
        at,
        new MarketSnapshot.InstrumentSpec(
            BTC,
            new BigDecimal("0.01"),
            "BTC",
            new BigDecimal("0.1"),
            new BigDecimal("0.01"),
            new BigDecimal("0.01"),
            new BigDecimal("100"),
            new BigDecimal("100")),
        new MarketSnapshot.Ticker(
            last,
            last.subtract(BigDecimal.ONE),
            last.add(BigDecimal.ONE),
            new BigDecimal("59000"),
            new BigDecimal("61000"),
            new BigDecimal("58500"),
            new BigDecimal("100000"),
            new BigDecimal("1000"),
            at),
        null,
        null,
        null,
        null,
        null,
        null,
        Map.of(
            "4H",
            new MarketSnapshot.TimeframeIndicators(
                at.minus(Duration.ofHours(4)),
                false,
                300,
                Map.of("rsi_14", 55.5, "atr_14", 700.0))),
        null,
        null,
        null,
        Map.of(),
        false);
  }

  /** The prompt live built 5 s after the snapshot taken at {@code snapshotAt}, with the shipped response schema. */
  public static Prompt prompt(PromptText text, String model, Instant snapshotAt) {
    return new PromptBuilder()
        .build(
            new PromptInputs(
                BTC,
                "4H",
                snapshotAt.plusSeconds(5),
                snapshot(snapshotAt),
                Optional.empty(),
                Optional.empty(),
                GuardrailSettings.defaults(Duration.ofSeconds(60)),
                ExecutionSettings.defaults(),
                List.of(),
                List.of(),
                text,
                model,
                ResponseSchema.json()));
  }

  /** The decision log's row for an accepted live cycle on {@code p}, approved by the guardrails. */
  public static DecisionRecord accepted(UUID id, Prompt p, String model, String decisionJson) {
    return new DecisionRecord(
        id,
        p.snapshotAt().plusSeconds(8),
        BTC,
        Optional.of("4H"),
        Optional.of(model),
        p.versionId(),
        Optional.of(p.hash()),
        Optional.of(p.system() + "\n\n" + p.user()),
        Optional.of("{}"),
        Optional.of(decisionJson),
        "ACCEPTED",
        Optional.empty(),
        Optional.of("{\"verdict\":\"approved\"}"),
        Optional.of(900L),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(p.snapshotAt()),
        Optional.ofNullable(p.price()),
        Optional.of("active"),
        Optional.empty());
  }

  public static MinuteBar bar(Instant start, int minute, String o, String h, String l, String c) {
    return new MinuteBar(
        start.plusSeconds(60L * minute),
        new BigDecimal(o),
        new BigDecimal(h),
        new BigDecimal(l),
        new BigDecimal(c),
        BigDecimal.TEN);
  }
}
