package io.tai2.execution;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.MarketSnapshot.InstrumentSpec;
import io.tai2.okx.PositionTier;
import io.tai2.reasoning.Assessment;
import io.tai2.reasoning.Decision;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Instruments, decisions, positions and a guardrail-input builder with plain defaults, for the guardrail tests. */
final class TradeFixtures {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final UUID DECISION = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

  /** 1 contract = 0.01 BTC; at 60,000 one contract is 600 USDT. */
  static final InstrumentSpec BTC =
      spec("BTC-USDT-SWAP", "0.01", "BTC", "0.1", "0.01", "0.01", "10000", "100");

  /** 1 contract = 0.1 ETH; at 3,000 one contract is 300 USDT. */
  static final InstrumentSpec ETH =
      spec("ETH-USDT-SWAP", "0.1", "ETH", "0.01", "0.01", "0.01", "10000", "100");

  /** 1 contract = 1000 PEPE-like coins; at 0.00001 one contract is 0.01 USDT. */
  static final InstrumentSpec PEPE =
      spec("PEPE-USDT-SWAP", "1000", "PEPE", "0.00000001", "1", "1", "5000", "50");

  /** 1 contract = 100 coins; at 0.5 one contract is 50 USDT. */
  static final InstrumentSpec XRP =
      spec("XRP-USDT-SWAP", "100", "XRP", "0.0001", "1", "1", "100000", "75");

  private TradeFixtures() {}

  static InstrumentSpec spec(
      String instId,
      String ctVal,
      String ccy,
      String tick,
      String lot,
      String min,
      String maxMkt,
      String maxLever) {
    return new InstrumentSpec(
        instId, bd(ctVal), ccy, bd(tick), bd(lot), bd(min), bd(maxMkt), bd(maxLever));
  }

  static BigDecimal bd(String value) {
    return value == null ? null : new BigDecimal(value);
  }

  static Assessment assessment(String confidence) {
    return new Assessment(
        bd(confidence),
        Optional.of(new BigDecimal("0.3")),
        "test thesis",
        Optional.empty(),
        Optional.empty(),
        List.of());
  }

  static Decision.Buy buy(String confidence, String equityPct, String size, String sl, String tp) {
    return new Decision.Buy(assessment(confidence), opt(equityPct), opt(size), opt(sl), opt(tp));
  }

  static Decision.Sell sell(
      String confidence, String equityPct, String size, String sl, String tp) {
    return new Decision.Sell(assessment(confidence), opt(equityPct), opt(size), opt(sl), opt(tp));
  }

  static Decision.Hold hold() {
    return new Decision.Hold(assessment("0.5"), Optional.empty(), Optional.empty());
  }

  static Decision.Close close() {
    return new Decision.Close(assessment("0.8"));
  }

  static Optional<BigDecimal> opt(String value) {
    return Optional.ofNullable(value).map(BigDecimal::new);
  }

  static AccountSnapshot.Position position(
      String instId,
      String side,
      String contracts,
      String mgnMode,
      String posSide,
      String leverage,
      String sl,
      String tp) {
    return new AccountSnapshot.Position(
        instId,
        posSide,
        side,
        mgnMode,
        bd(contracts),
        null,
        null,
        null,
        null,
        null,
        null,
        bd(leverage),
        null,
        null,
        bd(sl),
        bd(tp));
  }

  static AccountSnapshot.Position btcLong(String contracts) {
    return position("BTC-USDT-SWAP", "long", contracts, "cross", "net", "3", null, null);
  }

  static PositionTier tier(int n, String min, String max, String maxLever) {
    return new PositionTier(n, bd(min), bd(max), null, null, bd(maxLever));
  }

  /** The guardrail settings as a mutable copy of the defaults (docs/spec/tai2-upstream.md §1.3, protection on, 50 bps drift, fee-aware TP). */
  static final class Settings {
    BigDecimal minLeverage = BigDecimal.ONE;
    BigDecimal maxLeverage = new BigDecimal("5");
    double gate = 0.5;
    BigDecimal maxPositionPct = new BigDecimal("0.2");
    Map<String, BigDecimal> symbolCaps = new HashMap<>();
    Duration minHold = Duration.ofSeconds(180);
    int maxTradesPerHour = 2;
    boolean alignment = true;
    Duration snapshotMaxAge = Duration.ofSeconds(900);
    boolean waitForTpSl = false;
    boolean requireProtection = true;
    int maxDriftBps = 50;
    BigDecimal maxDriftAtr = BigDecimal.ZERO;
    boolean feeAware = true;

    GuardrailSettings build() {
      return GuardrailSettings.defaults(snapshotMaxAge).toBuilder()
          .minLeverage(minLeverage)
          .maxLeverage(maxLeverage)
          .minLeverageConfidenceGate(gate)
          .maxPositionPct(maxPositionPct)
          .symbolPositionCaps(symbolCaps)
          .minHold(minHold)
          .maxTradesPerHour(maxTradesPerHour)
          .requirePositionAlignment(alignment)
          .waitForTpSl(waitForTpSl)
          .requireProtection(requireProtection)
          .maxPriceDriftBps(maxDriftBps)
          .maxPriceDriftAtr(maxDriftAtr)
          .feeAwareTakeProfit(feeAware)
          .build();
    }
  }

  /** A BUY on BTC at 60,000 with equity and margin 10,000 USDT, flat, net mode, cross, live, taker fee 0.05 %. */
  static final class Input {
    Decision decision = buy("0.75", "0.1", null, "59000", "62000");
    InstrumentSpec instrument = BTC;

    /** null: the instrument's symbol */
    String symbol;

    Instant now = NOW;
    Instant snapshotAt = NOW.minusSeconds(5);
    BigDecimal reference = new BigDecimal("60000");
    BigDecimal current = new BigDecimal("60000");
    BigDecimal atr;
    List<PositionTier> tiers = new ArrayList<>();
    BigDecimal equity = new BigDecimal("10000");
    BigDecimal available = new BigDecimal("10000");

    /** What isolated auto-seeding may move from funding (counts only in isolated margin). */
    BigDecimal seedable = BigDecimal.ZERO;

    GuardrailInput.PositionMode mode = GuardrailInput.PositionMode.NET;
    List<AccountSnapshot.Position> positions = new ArrayList<>();
    Settings settings = new Settings();
    boolean live = true;
    String tradeMode = "cross";
    String orderType = "market";
    Map<String, BigDecimal> minContracts = new HashMap<>();
    boolean locked;
    Instant lastFill;
    int accepted;
    BigDecimal takerFee = new BigDecimal("-0.0005");

    Input price(String price) {
      reference = bd(price);
      current = bd(price);
      return this;
    }

    GuardrailInput build() {
      return new GuardrailInput(
          DECISION,
          decision,
          symbol == null ? instrument.instId() : symbol,
          now,
          new GuardrailInput.Prices(snapshotAt, reference, current, Optional.ofNullable(atr)),
          instrument,
          tiers,
          new GuardrailInput.Account(equity, available, mode, positions, seedable),
          settings.build(),
          new ExecutionSettings(live, tradeMode, orderType, BigDecimal.ZERO, minContracts),
          locked
              ? new GuardrailInput.RiskLockState(true, "daily loss limit reached")
              : GuardrailInput.RiskLockState.off(),
          new GuardrailInput.Activity(Optional.ofNullable(lastFill), accepted),
          Optional.ofNullable(takerFee));
    }

    GuardrailVerdict evaluate() {
      return Guardrails.evaluate(build());
    }
  }

  static Input input() {
    return new Input();
  }
}
