package io.tai2.execution;

import io.tai2.history.DuplicateClientOrderIdException;
import io.tai2.history.OrderRecord;
import io.tai2.okx.AlgoOrder;
import io.tai2.okx.Instrument;
import io.tai2.okx.OkxApiException;
import io.tai2.okx.OkxOutcomeUnknownException;
import io.tai2.okx.OkxTrading;
import io.tai2.okx.PositionInfo;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a position's stop-loss on OKX: confirms it, re-arms it as a standalone algo when it is missing, and closes the
 * position at market when no stop-loss can be placed. Writes no feedback itself; callers report the returned status.
 */
final class ProtectionKeeper {

  private static final Logger log = LoggerFactory.getLogger(ProtectionKeeper.class);

  /**
   * Reads that do not depend on each other go out together: the algo list is asked for while the position is read, so
   * verifying protection costs one round trip to OKX instead of two. Virtual threads: nothing to size or shut down.
   */
  private static final ExecutorService SIDE_READS = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * What a position should be protected with, and the client order id its protection and flatten orders derive from.
   * {@code direction} is +1 for a long position, -1 for a short one.
   */
  record Target(
      String instId,
      String tdMode,
      String posSide,
      int direction,
      Optional<BigDecimal> stopLoss,
      Optional<BigDecimal> takeProfit,
      String baseClOrdId,
      Optional<UUID> decisionId) {

    static Target of(OrderPlan entry) {
      return new Target(
          entry.symbol(),
          entry.tradeMode(),
          entry.posSide(),
          entry.side().equals("buy") ? 1 : -1,
          entry.stopLoss(),
          entry.takeProfit(),
          entry.clientOrderId(),
          Optional.of(entry.decisionId()));
    }

    String closeSide() {
      return direction > 0 ? "sell" : "buy";
    }
  }

  /** The pending algos that close this position with a stop-loss and with a take-profit. */
  private record Coverage(Optional<AlgoOrder> stop, Optional<AlgoOrder> takeProfit) {
    boolean covers(Target target) {
      return stop.isPresent() && (target.takeProfit().isEmpty() || takeProfit.isPresent());
    }
  }

  private final OrderLedger ledger;
  private final OrderResolver resolver;
  private final ExecutionPolicy policy;

  ProtectionKeeper(OrderLedger ledger, OrderResolver resolver, ExecutionPolicy policy) {
    this.ledger = ledger;
    this.resolver = resolver;
    this.policy = policy;
  }

  /** +1 long, -1 short: from {@code posSide} in long/short mode, from the sign of {@code pos} in net mode. */
  static int direction(PositionInfo p) {
    return switch (p.posSide()) {
      case "long" -> 1;
      case "short" -> -1;
      default -> p.pos().signum();
    };
  }

  /** The open position this target protects, if there is one. */
  Optional<PositionInfo> openPosition(
      OkxTrading trading, String instId, String tdMode, String posSide, int direction) {
    return trading.positions(Optional.of(instId)).stream()
        .filter(
            p ->
                p.pos().signum() != 0
                    && p.mgnMode().equals(tdMode)
                    && p.posSide().equals(posSide)
                    && direction(p) == direction)
        .findFirst();
  }

  /** Whether a stop-loss algo closing this position is pending. */
  static boolean hasStop(List<AlgoOrder> algos, PositionInfo p) {
    return coverage(algos, p.instId(), direction(p) > 0 ? "sell" : "buy").stop().isPresent();
  }

  /**
   * Confirms the target's protection, polling the algo list up to {@code checks} times (OKX creates an attached TP/SL
   * only after the full fill); re-arms what is missing; flattens when the stop-loss cannot be placed.
   */
  ProtectionStatus ensure(OkxTrading trading, Target target, Instrument instrument, int checks) {
    CompletableFuture<List<AlgoOrder>> firstAlgos =
        CompletableFuture.supplyAsync(trading::pendingAlgos, SIDE_READS);
    Optional<PositionInfo> position;
    try {
      position =
          openPosition(
              trading, target.instId(), target.tdMode(), target.posSide(), target.direction());
    } catch (OkxApiException | OkxOutcomeUnknownException e) {
      return unverified(target, e);
    }
    if (position.isEmpty()) {
      return new ProtectionStatus.NoPosition(target.instId());
    }
    Coverage coverage = null;
    String readError = "";
    for (int check = 1; check <= checks; check++) {
      try {
        coverage =
            coverage(
                check == 1 ? joined(firstAlgos) : trading.pendingAlgos(),
                target.instId(),
                target.closeSide());
        if (coverage.covers(target)) {
          return new ProtectionStatus.Confirmed(
              target.instId(),
              coverage.stop().flatMap(AlgoOrder::stopLossTrigger),
              coverage.takeProfit().flatMap(AlgoOrder::takeProfitTrigger));
        }
      } catch (OkxApiException | OkxOutcomeUnknownException e) {
        readError = e.getMessage();
      }
      if (check < checks && !OrderLookup.pause(policy.protectionBackoff())) {
        break;
      }
    }
    if (coverage == null) {
      // Never read the algo list: acting blind could stack orders; the reconciler checks again.
      return new ProtectionStatus.Unprotected(
          target.instId(), "protection could not be verified (" + readError + "): check it on OKX");
    }
    return rearm(trading, target, position.get(), instrument, coverage);
  }

  /** Ensures a position execution finds open, with the stop-loss of the last filled entry in its direction, if known. */
  ProtectionStatus ensureFromHistory(OkxTrading trading, PositionInfo p, Instrument instrument) {
    int direction = direction(p);
    Optional<OrderRecord> entry =
        ledger
            .lastFilledEntry(p.instId())
            .filter(e -> (e.side().equals("buy") ? 1 : -1) == direction)
            .filter(
                e ->
                    e.posSide().orElse("net").equals(p.posSide())
                        && e.tradeMode().equals(p.mgnMode()));
    Target target =
        new Target(
            p.instId(),
            p.mgnMode(),
            p.posSide(),
            direction,
            entry.flatMap(OrderRecord::stopLoss),
            entry.flatMap(OrderRecord::takeProfit),
            entry.map(OrderRecord::clientOrderId).orElse(""),
            entry.flatMap(OrderRecord::decisionId));
    return ensure(trading, target, instrument, 1);
  }

  private ProtectionStatus rearm(
      OkxTrading trading,
      Target target,
      PositionInfo position,
      Instrument instrument,
      Coverage coverage) {
    boolean stopMissing = coverage.stop().isEmpty();
    if (stopMissing && target.stopLoss().isEmpty()) {
      return new ProtectionStatus.Unprotected(
          target.instId(), "no known stop; set one or close it");
    }
    Optional<BigDecimal> sl = stopMissing ? target.stopLoss() : Optional.empty();
    Optional<BigDecimal> tp =
        coverage.takeProfit().isEmpty() ? target.takeProfit() : Optional.empty();
    // A fresh id per attempt: OKX may keep a used algo id, while within this attempt the id finds
    // an unanswered placement.
    String algoClOrdId =
        OrderWords.derived(
            target.baseClOrdId(), "r" + Long.toString(ledger.now().toEpochMilli(), 36));
    Optional<BigDecimal> standingSl =
        stopMissing ? target.stopLoss() : coverage.stop().flatMap(AlgoOrder::stopLossTrigger);
    Optional<BigDecimal> standingTp =
        tp.isPresent() ? tp : coverage.takeProfit().flatMap(AlgoOrder::takeProfitTrigger);
    try {
      String algoId =
          trading.placeProtection(
              target.instId(),
              target.tdMode(),
              target.posSide(),
              target.closeSide(),
              sl,
              tp,
              algoClOrdId);
      log.warn(
          "event=protection_rearmed symbol={} algo_id={} algo_cl_ord_id={} sl={} tp={}",
          target.instId(),
          algoId,
          algoClOrdId,
          sl.map(OrderWords::num).orElse("-"),
          tp.map(OrderWords::num).orElse("-"));
      return new ProtectionStatus.Rearmed(target.instId(), algoId, standingSl, standingTp);
    } catch (OkxApiException | OkxOutcomeUnknownException e) {
      Optional<AlgoOrder> landed =
          pending(trading)
              .flatMap(
                  algos ->
                      algos.stream().filter(a -> a.algoClOrdId().equals(algoClOrdId)).findFirst());
      if (landed.isPresent()) {
        return new ProtectionStatus.Rearmed(
            target.instId(), landed.get().algoId(), standingSl, standingTp);
      }
      String reason =
          "OKX refused the protection order: "
              + (e instanceof OkxApiException api ? WriteFailures.reason(api) : "no answer");
      log.error(
          "event=protection_rearm_failed symbol={} stop_missing={} reason=\"{}\"",
          target.instId(),
          stopMissing,
          reason);
      if (!stopMissing) {
        return new ProtectionStatus.StopOnly(target.instId(), standingSl.orElseThrow(), reason);
      }
      return flatten(trading, target, position, instrument, reason);
    }
  }

  /**
   * Closes the whole position at market with a client order id derived from the entry's, stored before it is sent; an
   * earlier flatten of the same entry is looked up, never sent again.
   */
  private ProtectionStatus flatten(
      OkxTrading trading, Target target, PositionInfo position, Instrument instrument, String why) {
    String clOrdId = OrderWords.derived(target.baseClOrdId(), "fl");
    if (ledger.find(clOrdId).isEmpty()) {
      try {
        ledger.store(
            ledger.closeIntent(
                clOrdId,
                target.decisionId(),
                target.instId(),
                target.closeSide(),
                position.posSide(),
                position.mgnMode(),
                position.pos().abs()));
        // A refused SENT means the intent was closed meanwhile: the close is not sent, and the
        // lookup below tells what exists.
        if (ledger.sending(clOrdId)) {
          log.error(
              "event=flatten_sending symbol={} client_order_id={} contracts={} reason=\"{}\"",
              target.instId(),
              clOrdId,
              OrderWords.num(position.pos().abs()),
              why);
          trading.closePosition(target.instId(), position.mgnMode(), position.posSide(), clOrdId);
        }
      } catch (DuplicateClientOrderIdException e) {
        // stored concurrently: look it up below
      } catch (OkxApiException e) {
        if (!WriteFailures.mayHaveActed(e)) {
          ledger.rejected(clOrdId, e.effectiveCode(), WriteFailures.reason(e));
          return new ProtectionStatus.Unprotected(
              target.instId(),
              "has NO stop-loss ("
                  + why
                  + ") and could not be closed ("
                  + WriteFailures.reason(e)
                  + "): close it or set a stop now");
        }
        ledger.unknown(clOrdId, e.effectiveCode(), WriteFailures.reason(e));
      } catch (OkxOutcomeUnknownException e) {
        ledger.unknown(clOrdId, "no_answer", e.getMessage());
      }
    }
    OrderResolver.Resolution closed =
        resolver.resolve(
            trading,
            ledger.get(clOrdId),
            instrument,
            Optional.of("flattened by execution: " + why),
            policy.lookupAttempts());
    boolean flat;
    try {
      flat =
          openPosition(
                  trading, target.instId(), target.tdMode(), target.posSide(), target.direction())
              .isEmpty();
    } catch (OkxApiException | OkxOutcomeUnknownException e) {
      flat = false;
    }
    if (closed instanceof OrderResolver.Resolution.Filled && flat) {
      cancelProtection(trading, target.instId(), target.closeSide());
      return new ProtectionStatus.Flattened(target.instId(), why);
    }
    return new ProtectionStatus.Unprotected(
        target.instId(),
        "has NO stop-loss ("
            + why
            + "); close order "
            + clOrdId
            + " was sent but the position is not confirmed flat: check it on OKX now");
  }

  /** Cancels the pending algos that would close a position on this side; returns how many were cancelled. */
  int cancelProtection(OkxTrading trading, String instId, String closeSide) {
    return cancelProtection(trading, instId, closeSide, pending(trading));
  }

  /** The pending algo list, read beside whatever the caller reads meanwhile; empty when it could not be read. */
  CompletableFuture<Optional<List<AlgoOrder>>> pendingSoon(OkxTrading trading) {
    return CompletableFuture.supplyAsync(() -> pending(trading), SIDE_READS);
  }

  /** {@link #cancelProtection(OkxTrading, String, String)} with the algo list already read. */
  int cancelProtection(
      OkxTrading trading, String instId, String closeSide, Optional<List<AlgoOrder>> pending) {
    int cancelled = 0;
    for (AlgoOrder algo : pending.orElse(List.of())) {
      if (algo.instId().equals(instId) && algo.side().equals(closeSide)) {
        try {
          trading.cancelAlgo(instId, algo.algoId());
          cancelled++;
          log.info("event=protection_cancelled symbol={} algo_id={}", instId, algo.algoId());
        } catch (OkxApiException | OkxOutcomeUnknownException e) {
          log.warn(
              "event=protection_cancel_failed symbol={} algo_id={} error=\"{}\"",
              instId,
              algo.algoId(),
              e.getMessage());
        }
      }
    }
    return cancelled;
  }

  /** The value of a side read; its OKX failure is thrown here as if the read had run on this thread. */
  private static <T> T joined(CompletableFuture<T> read) {
    try {
      return read.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static Optional<List<AlgoOrder>> pending(OkxTrading trading) {
    try {
      return Optional.of(trading.pendingAlgos());
    } catch (OkxApiException | OkxOutcomeUnknownException e) {
      log.warn("event=algos_unread error=\"{}\"", e.getMessage());
      return Optional.empty();
    }
  }

  private static Coverage coverage(List<AlgoOrder> algos, String instId, String closeSide) {
    List<AlgoOrder> closing =
        algos.stream()
            .filter(a -> a.instId().equals(instId) && a.side().equals(closeSide))
            .toList();
    return new Coverage(
        closing.stream().filter(a -> a.stopLossTrigger().isPresent()).findFirst(),
        closing.stream().filter(a -> a.takeProfitTrigger().isPresent()).findFirst());
  }

  private static ProtectionStatus unverified(Target target, RuntimeException e) {
    return new ProtectionStatus.Unprotected(
        target.instId(),
        "protection could not be verified (" + e.getMessage() + "): check it on OKX");
  }
}
