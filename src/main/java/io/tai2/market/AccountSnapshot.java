package io.tai2.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trading account as the engine knows it at {@code generatedAt}: equity, balances, open positions with their
 * protection, pending orders, pending algo orders and the fees paid over the fee window. Sizes are in
 * {@code contracts} and in {@code coin} ({@code contracts × ctVal}, in {@code coinCcy}); money in the settle currency
 * (USDT) unless named otherwise. {@code freshness} tells how old each source is.
 */
public record AccountSnapshot(
    Instant generatedAt,
    BigDecimal equityUsd,
    List<Balance> balances,
    List<Position> positions,
    List<Order> pendingOrders,
    List<Algo> algoOrders,
    Fees fees,
    Map<String, MarketSnapshot.Freshness> freshness) {

  /** One currency, in that currency. */
  public record Balance(
      String ccy, BigDecimal equity, BigDecimal cash, BigDecimal available, BigDecimal upl) {}

  /**
   * An open position. {@code side} is long or short whatever the position mode; {@code contracts} is positive.
   * {@code stopLoss}/{@code takeProfit} are the trigger prices of the TP/SL attached to it, null when none.
   */
  public record Position(
      String instId,
      String posSide,
      String side,
      String mgnMode,
      BigDecimal contracts,
      BigDecimal coin,
      String coinCcy,
      BigDecimal notionalUsdt,
      BigDecimal avgPx,
      BigDecimal markPx,
      BigDecimal uplUsdt,
      BigDecimal leverage,
      BigDecimal liqPx,
      BigDecimal marginUsdt,
      BigDecimal stopLoss,
      BigDecimal takeProfit) {}

  /**
   * The stop-loss protecting {@code p}: one attached to the position, else a pending algo order on its instrument with a
   * stop-loss trigger on the closing side (a protection order placed on its own, e.g. re-armed); empty = unprotected.
   */
  public Optional<BigDecimal> stopLossOf(Position p) {
    if (p.stopLoss() != null) {
      return Optional.of(p.stopLoss());
    }
    String closing = p.side().equals("long") ? "sell" : "buy";
    return algoOrders.stream()
        .filter(
            a ->
                a.instId().equals(p.instId())
                    && a.side().equals(closing)
                    && a.stopLossTrigger() != null)
        .map(Algo::stopLossTrigger)
        .findFirst();
  }

  /** How many open positions have no stop-loss on OKX ({@link #stopLossOf}). */
  public long unprotectedPositions() {
    return positions.stream().filter(p -> stopLossOf(p).isEmpty()).count();
  }

  /** A live or partially filled order. */
  public record Order(
      String ordId,
      String clOrdId,
      String instId,
      String side,
      String ordType,
      String state,
      BigDecimal contracts,
      BigDecimal coin,
      BigDecimal filledContracts,
      Instant created) {}

  /** A pending algo (TP/SL, trigger) order. */
  public record Algo(
      String algoId,
      String algoClOrdId,
      String instId,
      String ordType,
      String side,
      BigDecimal contracts,
      String state,
      BigDecimal takeProfitTrigger,
      BigDecimal stopLossTrigger) {}

  /** Fees over the trailing {@code windowHours}: {@code paidUsdt} is what was charged minus rebates, from the fills. */
  public record Fees(int windowHours, BigDecimal paidUsdt, int fills, Instant since) {}
}
