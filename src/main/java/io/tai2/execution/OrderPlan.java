package io.tai2.execution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An order that passed every guardrail, sized in contracts and ready to send: what the guardrails hand to the executor.
 * A plan is valid by construction: positive size, stop-loss below the reference price for a buy entry and above it for
 * a sell entry (take-profit on the other side), none of them on a reduce-only close.
 *
 * @param decisionId the decision this order carries out; the client order id is derived from it
 * @param side {@code buy} or {@code sell}
 * @param posSide {@code net} in net position mode, else {@code long} or {@code short}
 * @param tradeMode {@code cross} or {@code isolated}
 * @param orderType {@code market} (the only type tai2 sends today)
 * @param contracts the size in contracts, a multiple of the lot size and at least the minimum size
 * @param reduceOnly a close: it may only shrink the position, and carries no TP/SL
 * @param leverage the leverage to set for the instrument before sending (≥ 1)
 * @param referencePrice the price the plan was sized at (the snapshot's last price)
 * @param snapshotAt when that price was observed
 * @param rationale the model's reason, recorded with the trade
 * @param seedUsdt USDT to move from the funding account to the trading account before an isolated entry is sent
 */
public record OrderPlan(
    UUID decisionId,
    String symbol,
    String side,
    String posSide,
    String tradeMode,
    String orderType,
    BigDecimal contracts,
    boolean reduceOnly,
    Optional<BigDecimal> stopLoss,
    Optional<BigDecimal> takeProfit,
    BigDecimal leverage,
    BigDecimal referencePrice,
    Instant snapshotAt,
    String rationale,
    Optional<BigDecimal> seedUsdt) {

  /** A plan that moves no funds before it is sent. */
  public OrderPlan(
      UUID decisionId,
      String symbol,
      String side,
      String posSide,
      String tradeMode,
      String orderType,
      BigDecimal contracts,
      boolean reduceOnly,
      Optional<BigDecimal> stopLoss,
      Optional<BigDecimal> takeProfit,
      BigDecimal leverage,
      BigDecimal referencePrice,
      Instant snapshotAt,
      String rationale) {
    this(
        decisionId,
        symbol,
        side,
        posSide,
        tradeMode,
        orderType,
        contracts,
        reduceOnly,
        stopLoss,
        takeProfit,
        leverage,
        referencePrice,
        snapshotAt,
        rationale,
        Optional.empty());
  }

  public OrderPlan {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(symbol, "symbol");
    require(side.equals("buy") || side.equals("sell"), "side must be buy or sell, was " + side);
    require(
        posSide.equals("net") || posSide.equals("long") || posSide.equals("short"),
        "posSide must be net, long or short, was " + posSide);
    require(
        tradeMode.equals("cross") || tradeMode.equals("isolated"),
        "tradeMode must be cross or isolated, was " + tradeMode);
    require(orderType.equals("market"), "only market orders are sent, was " + orderType);
    require(contracts.signum() > 0, "contracts must be positive, was " + contracts);
    require(
        leverage.compareTo(BigDecimal.ONE) >= 0, "leverage must be at least 1, was " + leverage);
    require(referencePrice.signum() > 0, "referencePrice must be positive, was " + referencePrice);
    Objects.requireNonNull(snapshotAt, "snapshotAt");
    Objects.requireNonNull(rationale, "rationale");
    seedUsdt.ifPresent(
        seed ->
            require(
                seed.signum() > 0 && !reduceOnly && tradeMode.equals("isolated"),
                "a funding transfer ("
                    + seed
                    + " USDT) belongs only to an isolated entry, and must be positive"));
    if (reduceOnly) {
      require(
          stopLoss.isEmpty() && takeProfit.isEmpty(),
          "a reduce-only close carries no stop-loss or take-profit");
    } else {
      boolean buy = side.equals("buy");
      stopLoss.ifPresent(
          sl ->
              require(
                  buy ? sl.compareTo(referencePrice) < 0 : sl.compareTo(referencePrice) > 0,
                  "stop-loss "
                      + sl
                      + " is on the wrong side of "
                      + referencePrice
                      + " for a "
                      + side));
      takeProfit.ifPresent(
          tp ->
              require(
                  buy ? tp.compareTo(referencePrice) > 0 : tp.compareTo(referencePrice) < 0,
                  "take-profit "
                      + tp
                      + " is on the wrong side of "
                      + referencePrice
                      + " for a "
                      + side));
    }
  }

  /** The client order id for this plan: derived from the decision id, so a retry or a restart finds the same order. */
  public String clientOrderId() {
    return "t2" + decisionId.toString().replace("-", "").substring(0, 30);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
