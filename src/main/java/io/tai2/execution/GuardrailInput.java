package io.tai2.execution;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.MarketSnapshot;
import io.tai2.okx.PositionTier;
import io.tai2.reasoning.Decision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything the guardrails judge one decision on, frozen at evaluation time: the decision, the prices (the one the model
 * saw and the current one), the instrument's rules, the account, the operator's settings, the risk lock and the recent
 * trading activity. Pure data: {@link Guardrails#evaluate} reads no clock and does no I/O.
 *
 * @param symbol the swap, e.g. {@code BTC-USDT-SWAP}
 * @param now the evaluation time, for the snapshot age and the cooldown
 * @param instrument ctVal, tickSz, lotSz, minSz, maxMktSz and the exchange's max leverage for {@code symbol}
 * @param tiers OKX position tiers for the symbol and trade mode (contracts); empty when not loaded
 * @param takerFeeRate the taker fee as OKX reports it (negative = charged); only its size is used
 */
public record GuardrailInput(
    UUID decisionId,
    Decision decision,
    String symbol,
    Instant now,
    Prices prices,
    MarketSnapshot.InstrumentSpec instrument,
    List<PositionTier> tiers,
    Account account,
    GuardrailSettings guardrails,
    ExecutionSettings execution,
    RiskLockState riskLock,
    Activity activity,
    Optional<BigDecimal> takerFeeRate) {

  public GuardrailInput {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(prices, "prices");
    Objects.requireNonNull(instrument, "instrument");
    tiers = List.copyOf(tiers);
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(guardrails, "guardrails");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(riskLock, "riskLock");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(takerFeeRate, "takerFeeRate");
  }

  /**
   * The prices a decision is judged at.
   *
   * @param snapshotAt when {@code reference} was observed (the ticker's own time)
   * @param reference the last price the model saw; stops, targets and the plan are relative to it
   * @param current the last price now, for the drift gate and for sizing
   * @param atr the ATR of the prompt's timeframe, in price units, when known (for the ATR drift gate)
   */
  public record Prices(
      Instant snapshotAt, BigDecimal reference, BigDecimal current, Optional<BigDecimal> atr) {
    public Prices {
      Objects.requireNonNull(snapshotAt, "snapshotAt");
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(current, "current");
      Objects.requireNonNull(atr, "atr");
    }
  }

  /** OKX's position mode: one net position per instrument, or separate long and short positions. */
  public enum PositionMode {
    NET,
    LONG_SHORT
  }

  /**
   * The account as far as this decision is concerned.
   *
   * @param equityUsdt total equity in USDT
   * @param availableMarginUsdt USDT free to back new positions (OKX {@code availEq} / {@code availBal})
   * @param positions open positions; only those on the decision's symbol are looked at
   * @param seedableUsdt what an isolated entry may move from the funding account before it is sent: min(seed limit,
   *     funding balance); zero when auto-seeding is off, in cross margin, or the funding account is empty
   */
  public record Account(
      BigDecimal equityUsdt,
      BigDecimal availableMarginUsdt,
      PositionMode positionMode,
      List<AccountSnapshot.Position> positions,
      BigDecimal seedableUsdt) {
    public Account {
      Objects.requireNonNull(equityUsdt, "equityUsdt");
      Objects.requireNonNull(availableMarginUsdt, "availableMarginUsdt");
      Objects.requireNonNull(positionMode, "positionMode");
      positions = List.copyOf(positions);
      seedableUsdt = seedableUsdt.max(BigDecimal.ZERO);
    }

    /** An account that cannot be topped up from funding. */
    public Account(
        BigDecimal equityUsdt,
        BigDecimal availableMarginUsdt,
        PositionMode positionMode,
        List<AccountSnapshot.Position> positions) {
      this(equityUsdt, availableMarginUsdt, positionMode, positions, BigDecimal.ZERO);
    }
  }

  /** The daily-loss (or any other) risk lock: when on, nothing is sent. */
  public record RiskLockState(boolean locked, String reason) {
    public RiskLockState {
      Objects.requireNonNull(reason, "reason");
    }

    public static RiskLockState off() {
      return new RiskLockState(false, "");
    }
  }

  /**
   * What tai2 did on this symbol lately (persisted by the caller, so a restart keeps it).
   *
   * @param lastFillAt the last fill on the symbol: cooldown and min-hold count from a fill, never from a HOLD or a block
   * @param acceptedOrdersInWindow orders accepted in the trailing {@link GuardrailSettings#tradeWindow()}
   */
  public record Activity(Optional<Instant> lastFillAt, int acceptedOrdersInWindow) {
    public Activity {
      Objects.requireNonNull(lastFillAt, "lastFillAt");
      if (acceptedOrdersInWindow < 0) {
        throw new IllegalArgumentException(
            "acceptedOrdersInWindow must not be negative, was " + acceptedOrdersInWindow);
      }
    }

    public static Activity none() {
      return new Activity(Optional.empty(), 0);
    }
  }
}
