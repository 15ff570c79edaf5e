package io.tai2.execution;

import io.tai2.history.ExecutionFeedback;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.okx.AlgoOrder;
import io.tai2.okx.OkxTrading;
import io.tai2.okx.OrderDetails;
import io.tai2.okx.PositionInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's emergency stop: locks execution, cancels every resting order and, when asked, closes every position
 * at market and then cancels the protection orders left behind. Idempotent: a second call finds nothing left to do and
 * says so. Each exchange action is tried on its own, so one failure does not stop the rest.
 */
public final class KillSwitch {

  private static final Logger log = LoggerFactory.getLogger(KillSwitch.class);

  private final Supplier<OkxTrading> trading;
  private final RiskLockRepository locks;
  private final ExecutionFeedbackRepository feedback;
  private final Clock clock;
  private final Consumer<TradingEvent> events;

  public KillSwitch(
      Supplier<OkxTrading> trading,
      RiskLockRepository locks,
      ExecutionFeedbackRepository feedback,
      Clock clock) {
    this(trading, locks, feedback, clock, TradingEvent.NOWHERE);
  }

  /** With {@code events} told of every engagement (after the lock is saved and the exchange actions are done). */
  public KillSwitch(
      Supplier<OkxTrading> trading,
      RiskLockRepository locks,
      ExecutionFeedbackRepository feedback,
      Clock clock,
      Consumer<TradingEvent> events) {
    this.events = events;
    this.trading = trading;
    this.locks = locks;
    this.feedback = feedback;
    this.clock = clock;
  }

  /** What the kill switch did; {@code failures} lists what could not be done and must be checked by hand. */
  public record Report(boolean locked, List<String> actions, List<String> failures) {}

  public synchronized Report engage(boolean flatten, String actor) {
    Instant now = clock.instant();
    locks.save(
        new RiskLock(
            RiskLock.KILL_SWITCH,
            true,
            Optional.empty(),
            Optional.empty(),
            Optional.of(now),
            Optional.of(
                "kill switch engaged by " + actor + (flatten ? " (positions flattened)" : "")),
            now));
    List<String> actions = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    OkxTrading okx = trading.get();
    for (OrderDetails order : attempt("list open orders", okx::pendingOrders, failures)) {
      run(
          "cancel order " + order.ordId() + " on " + order.instId(),
          () -> okx.cancelOrderById(order.instId(), order.ordId()),
          actions,
          failures);
    }
    if (flatten) {
      for (PositionInfo p :
          attempt("list positions", () -> okx.positions(Optional.empty()), failures)) {
        if (p.pos().signum() != 0) {
          String clOrdId = "t2k" + UUID.randomUUID().toString().replace("-", "").substring(0, 29);
          run(
              "close "
                  + p.posSide()
                  + " position of "
                  + p.pos().abs().toPlainString()
                  + " contracts on "
                  + p.instId(),
              () -> okx.closePosition(p.instId(), p.mgnMode(), p.posSide(), clOrdId),
              actions,
              failures);
        }
      }
      for (AlgoOrder algo : attempt("list protection orders", okx::pendingAlgos, failures)) {
        run(
            "cancel protection " + algo.algoId() + " on " + algo.instId(),
            () -> okx.cancelAlgo(algo.instId(), algo.algoId()),
            actions,
            failures);
      }
    }
    if (actions.isEmpty() && failures.isEmpty()) {
      actions.add(
          "nothing to cancel" + (flatten ? " or close" : "") + ": the account was already quiet");
    }
    String summary =
        "kill switch by "
            + actor
            + ": "
            + String.join("; ", actions)
            + (failures.isEmpty() ? "" : "; FAILED: " + String.join("; ", failures));
    feedback.insert(
        new ExecutionFeedback(
            UUID.randomUUID(),
            now,
            "",
            failures.isEmpty() ? "warning" : "error",
            summary,
            Optional.empty(),
            Optional.empty()));
    log.warn(
        "event=kill_switch actor={} flatten={} actions={} failures={}",
        actor,
        flatten,
        actions.size(),
        failures.size());
    TradingEvent.publish(
        events, new TradingEvent.KillSwitchEngaged(now, actor, flatten, actions, failures));
    return new Report(true, actions, failures);
  }

  /** Lets new orders through again; positions and orders are not touched. Announced when the switch was engaged. */
  public synchronized void release(String actor) {
    Instant now = clock.instant();
    boolean wasEngaged = locks.find(RiskLock.KILL_SWITCH).filter(RiskLock::locked).isPresent();
    String reason = "released by " + actor + " at " + now;
    locks.save(
        new RiskLock(
            RiskLock.KILL_SWITCH,
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(reason),
            now));
    log.warn("event=kill_switch_released actor={}", actor);
    if (wasEngaged) {
      TradingEvent.publish(
          events, new TradingEvent.RiskLockReleased(now, RiskLock.KILL_SWITCH, actor, reason));
    }
  }

  private static <T> List<T> attempt(String what, Supplier<List<T>> call, List<String> failures) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      failures.add(what + ": " + e.getMessage());
      return List.of();
    }
  }

  private static void run(String what, Runnable call, List<String> actions, List<String> failures) {
    try {
      call.run();
      actions.add(what);
    } catch (RuntimeException e) {
      failures.add(what + ": " + e.getMessage());
    }
  }
}
