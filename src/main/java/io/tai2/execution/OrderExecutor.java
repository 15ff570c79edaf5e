package io.tai2.execution;

import io.tai2.config.TradingAccountGate;
import io.tai2.history.DuplicateClientOrderIdException;
import io.tai2.history.OrderRecord;
import io.tai2.history.OrderStatus;
import io.tai2.okx.AlgoOrder;
import io.tai2.okx.Instrument;
import io.tai2.okx.OkxApiException;
import io.tai2.okx.OkxConnection;
import io.tai2.okx.OkxFunding;
import io.tai2.okx.OkxOutcomeUnknownException;
import io.tai2.okx.OkxTrading;
import io.tai2.okx.OrderRequest;
import io.tai2.okx.PositionInfo;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places an {@link OrderPlan} on OKX exactly once, with its stop-loss, and records what happened. The intent is stored
 * under the plan's client order id before anything is sent; a plan whose id is already recorded is reconciled, never
 * sent again; an unanswered order is looked up by its id, never resent; an entry's stop-loss is verified on OKX, re-armed
 * when missing, and the position flattened when it cannot be protected.
 */
public final class OrderExecutor {

  private static final Logger log = LoggerFactory.getLogger(OrderExecutor.class);

  private final OkxConnection connection;
  private final SymbolLocks locks;
  private final ExecutionPolicy policy;
  private final OrderLedger ledger;
  private final ExecutionAlerts alerts;
  private final OrderResolver resolver;
  private final ProtectionKeeper protection;
  private final ExecutionMeters meters;
  private final TradingAccountGate tradingAccount;
  private final PlanLeverage leverage;

  public OrderExecutor(
      OkxConnection connection,
      ExecutionRecords records,
      SymbolLocks locks,
      ExecutionPolicy policy,
      Clock clock) {
    this(connection, records, locks, policy, clock, ExecutionMeters.unexported());
  }

  /** As above, with order latency and slippage measured in {@code meters}. */
  public OrderExecutor(
      OkxConnection connection,
      ExecutionRecords records,
      SymbolLocks locks,
      ExecutionPolicy policy,
      Clock clock,
      ExecutionMeters meters) {
    this(connection, records, locks, policy, clock, meters, TradingAccountGate.OPEN);
  }

  /** As above; {@code tradingAccount} may refuse new entries (a declared sub-account that the keys do not belong to). */
  public OrderExecutor(
      OkxConnection connection,
      ExecutionRecords records,
      SymbolLocks locks,
      ExecutionPolicy policy,
      Clock clock,
      ExecutionMeters meters,
      TradingAccountGate tradingAccount) {
    this.tradingAccount = tradingAccount;
    this.connection = connection;
    this.locks = locks;
    this.policy = policy;
    ExecutionParts parts = ExecutionParts.of(records, policy, clock);
    this.ledger = parts.ledger();
    this.alerts = parts.alerts();
    this.resolver = parts.resolver();
    this.protection = parts.protection();
    this.meters = meters;
    this.leverage = new PlanLeverage(policy.leverageTrust(), alerts);
  }

  /**
   * Executes a plan. With {@code live} off nothing reaches OKX: the decision log records what would have been sent.
   * {@code instrument} is the plan's instrument (its contract size turns filled contracts into the traded amount).
   */
  public ExecutionResult execute(OrderPlan plan, boolean live, Instrument instrument) {
    return execute(plan, live, instrument, System.nanoTime());
  }

  /**
   * As {@link #execute(OrderPlan, boolean, Instrument)}; {@code decidedNanos} ({@link System#nanoTime()}) is when the
   * decision was handed to execution, where the order latency metrics start.
   */
  public ExecutionResult execute(
      OrderPlan plan, boolean live, Instrument instrument, long decidedNanos) {
    long started = System.nanoTime();
    if (!instrument.instId().equals(plan.symbol())) {
      throw new IllegalArgumentException(
          "instrument " + instrument.instId() + " does not match the plan's " + plan.symbol());
    }
    if (!plan.reduceOnly() && plan.stopLoss().isEmpty()) {
      // The last line behind the guardrails: no position may open without its stop-loss.
      alerts.warning(
          plan.symbol(),
          "entry " + OrderWords.plan(plan) + " refused: every entry needs a stop-loss");
      return refuse(plan, "entry " + OrderWords.plan(plan) + " has no stop-loss: it is never sent");
    }
    if (!live) {
      return paper(plan);
    }
    OkxConnection.Clients clients =
        connection
            .current(); // one account for the whole execution, even if CFG swaps keys meanwhile
    if (clients.config().keys().isEmpty()) {
      return refuse(
          plan,
          "OKX credentials are not configured (OKX_API_KEY, OKX_SECRET_KEY, OKX_PASSPHRASE): "
              + OrderWords.plan(plan)
              + " not sent");
    }
    if (!plan.reduceOnly()) {
      // a position opened on an account the operator did not mean is not one tai2 should open; a
      // close still goes
      Optional<String> wrongAccount = tradingAccount.refusal();
      if (wrongAccount.isPresent()) {
        alerts.warning(
            plan.symbol(), "entry " + OrderWords.plan(plan) + " refused: " + wrongAccount.get());
        return refuse(plan, wrongAccount.get() + ": " + OrderWords.plan(plan) + " not sent");
      }
    }
    if (!locks.tryTake(plan.symbol())) {
      return refuse(
          plan,
          "another order on "
              + plan.symbol()
              + " is being executed: "
              + OrderWords.plan(plan)
              + " was not sent (it was sized before that order's fill)");
    }
    try {
      return executeHoldingSymbol(plan, instrument, clients, started, decidedNanos);
    } finally {
      locks.release(plan.symbol());
    }
  }

  private ExecutionResult executeHoldingSymbol(
      OrderPlan plan,
      Instrument instrument,
      OkxConnection.Clients clients,
      long started,
      long decidedNanos) {
    OkxTrading trading = clients.trading();
    String id = plan.clientOrderId();
    // With nothing to do before the send (no seed to move; a close, or an entry at the leverage OKX
    // confirmed), the intent
    // is stored already marked SENT: one commit before the order leaves instead of two, and INTENT
    // still means never sent.
    boolean nothingBeforeSend =
        plan.seedUsdt().isEmpty() && (plan.reduceOnly() || leverage.confirmed(trading, plan));
    try {
      // The client order id's unique index finds a plan stored before (a retry, a restart): it is
      // resumed, never sent again.
      ledger.store(ledger.intent(plan, nothingBeforeSend ? OrderStatus.SENT : OrderStatus.INTENT));
    } catch (DuplicateClientOrderIdException e) {
      return resume(plan, instrument, trading, ledger.get(id));
    }
    if (!nothingBeforeSend) {
      Optional<ExecutionResult> notSent = beforeSend(plan, clients, trading);
      if (notSent.isPresent()) {
        return notSent.get();
      }
    }
    log.info(
        "event=order_sending client_order_id={} symbol={} side={} contracts={} reduce_only={} sl={} tp={}",
        id,
        plan.symbol(),
        plan.side(),
        OrderWords.num(plan.contracts()),
        plan.reduceOnly(),
        plan.stopLoss().map(OrderWords::num).orElse("-"),
        plan.takeProfit().map(OrderWords::num).orElse("-"));
    String ordId;
    try {
      ordId = trading.placeOrder(request(plan));
    } catch (OkxApiException e) {
      if (!WriteFailures.mayHaveActed(e)) {
        ledger.rejected(id, e.effectiveCode(), WriteFailures.reason(e));
        ExecutionResult rejected =
            new ExecutionResult.Rejected(e.effectiveCode(), alerts.rejected(plan, e));
        ledger.decision(Optional.of(plan.decisionId()), "rejected: " + rejected.message());
        return rejected;
      }
      return unanswered(
          plan, instrument, trading, e.effectiveCode(), WriteFailures.reason(e), decidedNanos);
    } catch (OkxOutcomeUnknownException e) {
      return unanswered(plan, instrument, trading, "no_answer", e.getMessage(), decidedNanos);
    } catch (RuntimeException e) {
      // Whatever broke after the request may have left: treat it as unanswered, which is safe
      // either way.
      return unanswered(plan, instrument, trading, "client_error", e.toString(), decidedNanos);
    }
    Duration acceptedAfter = Duration.ofNanos(System.nanoTime() - started);
    meters.accepted(Duration.ofNanos(System.nanoTime() - decidedNanos));
    ledger.accepted(id, ordId, OrderStatus.LIVE);
    log.info(
        "event=order_accepted client_order_id={} exchange_order_id={} accepted_after_ms={}",
        id,
        ordId,
        acceptedAfter.toMillis());
    OrderResolver.Resolution settled =
        resolver.resolve(
            trading,
            ledger.get(id),
            instrument,
            Optional.of(plan.rationale()),
            policy.lookupAttempts());
    measureFill(plan, settled, decidedNanos);
    leverage.asPlanned(trading, plan, settled);
    return outcome(plan, instrument, trading, settled, Optional.of(acceptedAfter));
  }

  /**
   * What a stored INTENT needs before it may be sent: the isolated seed, the leverage (unless OKX confirmed it), then SENT.
   * Only a freshly stored intent gets here (a stored plan resumes instead), so the funds move at most once per plan.
   * Returns the result when the order must not be sent.
   */
  private Optional<ExecutionResult> beforeSend(
      OrderPlan plan, OkxConnection.Clients clients, OkxTrading trading) {
    String id = plan.clientOrderId();
    if (plan.seedUsdt().isPresent()) {
      Optional<String> seedProblem = seed(clients.funding(), plan);
      if (seedProblem.isPresent()) {
        String reason =
            "the isolated auto-seed of "
                + OrderWords.num(plan.seedUsdt().get())
                + " USDT from the funding account failed ("
                + seedProblem.get()
                + "): "
                + OrderWords.plan(plan)
                + " not sent; check both balances on OKX";
        ledger.canceled(id, "not_sent", reason);
        alerts.error(plan.symbol(), reason);
        return Optional.of(refuse(plan, reason));
      }
      alerts.info(
          plan.symbol(),
          "Auto-seeded "
              + OrderWords.num(plan.seedUsdt().get())
              + " USDT from the funding account for "
              + OrderWords.plan(plan)
              + " (isolated margin)");
    }
    if (!plan.reduceOnly() && !leverage.confirmed(trading, plan)) {
      Optional<String> leverageProblem = PlanLeverage.set(trading, plan);
      if (leverageProblem.isPresent()) {
        String reason =
            "leverage "
                + OrderWords.num(plan.leverage())
                + "x ("
                + plan.tradeMode()
                + ") could not be set on "
                + plan.symbol()
                + " ("
                + leverageProblem.get()
                + "): "
                + OrderWords.plan(plan)
                + " not sent";
        ledger.canceled(id, "not_sent", reason);
        alerts.warning(plan.symbol(), reason);
        return Optional.of(refuse(plan, reason));
      }
    }
    if (!ledger.sending(id)) {
      // Not an unsent intent any more (closed meanwhile): sending now would leave a live order on a
      // closed row.
      return Optional.of(
          refuse(
              plan,
              "order "
                  + id
                  + " for this decision was closed before it was sent ("
                  + ledger.find(id).map(o -> o.status().name()).orElse("missing")
                  + "); it is not sent"));
    }
    return Optional.empty();
  }

  /** A fill this execution sent and read back (not one resumed from an earlier attempt): its latency and slippage. */
  private void measureFill(OrderPlan plan, OrderResolver.Resolution resolution, long decidedNanos) {
    if (resolution instanceof OrderResolver.Resolution.Filled f) {
      meters.filled(plan, f.trade().price(), Duration.ofNanos(System.nanoTime() - decidedNanos));
    }
  }

  /** No answer came: the order may or may not exist. Find it by its id within the bounds; never send it again. */
  private ExecutionResult unanswered(
      OrderPlan plan,
      Instrument instrument,
      OkxTrading trading,
      String code,
      String reason,
      long decidedNanos) {
    String id = plan.clientOrderId();
    ledger.unknown(id, code, reason);
    log.warn(
        "event=order_outcome_unknown client_order_id={} symbol={} code={} reason=\"{}\"",
        id,
        plan.symbol(),
        code,
        reason);
    OrderResolver.Resolution found =
        resolver.resolve(
            trading,
            ledger.get(id),
            instrument,
            Optional.of(plan.rationale()),
            policy.lookupAttempts());
    measureFill(plan, found, decidedNanos);
    leverage.asPlanned(trading, plan, found);
    return outcome(plan, instrument, trading, found, Optional.empty());
  }

  /** The plan's client order id is already recorded (a retry, a restart): settle what exists instead of sending. */
  private ExecutionResult resume(
      OrderPlan plan, Instrument instrument, OkxTrading trading, OrderRecord earlier) {
    String id = plan.clientOrderId();
    log.info("event=order_resumed client_order_id={} status={}", id, earlier.status());
    return switch (earlier.status()) {
      case INTENT -> {
        // SENT is written before a request leaves, so an INTENT never left; look once anyway, then
        // close it.
        OrderResolver.Resolution r =
            resolver.resolve(trading, earlier, instrument, Optional.of(plan.rationale()), 1);
        if (r instanceof OrderResolver.Resolution.NotFound) {
          ledger.canceled(
              id, "not_sent", "never sent: found as an unsent intent when the plan came again");
          yield refuse(
              plan,
              "order "
                  + id
                  + " for this decision was recorded but never sent; it is not sent now (a new decision is needed)");
        }
        yield outcome(plan, instrument, trading, r, Optional.empty());
      }
      case FILLED ->
          ledger
              .trade(id)
              .map(
                  trade ->
                      outcome(
                          plan,
                          instrument,
                          trading,
                          new OrderResolver.Resolution.Filled(earlier, trade, Optional.empty()),
                          Optional.empty()))
              .orElseGet(
                  () ->
                      outcome(
                          plan,
                          instrument,
                          trading,
                          resolver.resolve(
                              trading,
                              earlier,
                              instrument,
                              Optional.of(plan.rationale()),
                              policy.lookupAttempts()),
                          Optional.empty()));
      case SENT, UNKNOWN, LIVE, PARTIALLY_FILLED ->
          outcome(
              plan,
              instrument,
              trading,
              resolver.resolve(
                  trading,
                  earlier,
                  instrument,
                  Optional.of(plan.rationale()),
                  policy.lookupAttempts()),
              Optional.empty());
      case REJECTED ->
          new ExecutionResult.Rejected(
              earlier.errorCode().orElse("rejected"),
              "order "
                  + id
                  + " for this decision was already rejected by OKX ("
                  + earlier.errorMessage().orElse("")
                  + "); not sent again");
      case CANCELED ->
          refuse(
              plan,
              "order "
                  + id
                  + " for this decision was already closed as canceled ("
                  + earlier.errorMessage().orElse("")
                  + "); not sent again");
    };
  }

  private ExecutionResult outcome(
      OrderPlan plan,
      Instrument instrument,
      OkxTrading trading,
      OrderResolver.Resolution r,
      Optional<Duration> acceptedAfter) {
    String id = plan.clientOrderId();
    ExecutionResult result =
        switch (r) {
          case OrderResolver.Resolution.Filled f ->
              new ExecutionResult.Filled(
                  f.order(), f.trade(), protect(plan, instrument, trading), acceptedAfter);
          case OrderResolver.Resolution.Canceled c -> {
            String message =
                "OKX canceled " + OrderWords.plan(plan) + " (order " + id + ") without a fill";
            alerts.warning(plan.symbol(), message);
            yield new ExecutionResult.Rejected("canceled", message);
          }
          case OrderResolver.Resolution.Open o -> {
            String message =
                OrderWords.plan(plan)
                    + " (order "
                    + id
                    + ") is accepted but still "
                    + o.state()
                    + " after "
                    + policy.lookupAttempts()
                    + " checks; it is not resent, the reconciler records its fill";
            alerts.warning(plan.symbol(), message);
            if (!plan.reduceOnly()) {
              protect(plan, instrument, trading); // a partial fill is already a position
            }
            yield new ExecutionResult.Unknown(id, message);
          }
          case OrderResolver.Resolution.NotFound n ->
              unknown(plan, "is not found on OKX after " + policy.lookupAttempts() + " lookups");
          case OrderResolver.Resolution.Unreachable u ->
              unknown(plan, "could not be looked up (" + u.reason() + ")");
        };
    String status =
        switch (result) {
          case ExecutionResult.Filled f -> "filled";
          case ExecutionResult.Rejected rj -> "rejected";
          case ExecutionResult.Unknown u -> "unknown";
          case ExecutionResult.Refused rf -> "refused";
          case ExecutionResult.Paper p -> "paper";
        };
    ledger.decision(Optional.of(plan.decisionId()), status + ": " + result.message());
    log.info(
        "event=execution_result client_order_id={} result={} message=\"{}\"",
        id,
        status,
        result.message());
    return result;
  }

  private ExecutionResult unknown(OrderPlan plan, String what) {
    String message =
        "no answer from OKX for "
            + OrderWords.plan(plan)
            + " (order "
            + plan.clientOrderId()
            + ") and it "
            + what
            + ": it is NOT resent; the reconciler resolves it by its client order id";
    alerts.error(plan.symbol(), message);
    return new ExecutionResult.Unknown(plan.clientOrderId(), message);
  }

  /** After a fill: an entry's stop-loss must be on OKX; a close that left the position flat releases its protection. */
  private ProtectionStatus protect(OrderPlan plan, Instrument instrument, OkxTrading trading) {
    if (!plan.reduceOnly()) {
      ProtectionStatus status =
          protection.ensure(
              trading, ProtectionKeeper.Target.of(plan), instrument, policy.protectionChecks());
      String lost =
          "position on "
              + plan.symbol()
              + " had no stop-loss after "
              + OrderWords.plan(plan)
              + " filled";
      alerts.protection(
          plan.symbol(),
          status,
          switch (status) {
            case ProtectionStatus.Rearmed r -> lost + ": ";
            case ProtectionStatus.Flattened f -> lost + " and ";
            default -> "position on " + plan.symbol() + ": ";
          });
      return status;
    }
    int closedDirection = plan.side().equals("sell") ? 1 : -1;
    CompletableFuture<Optional<List<AlgoOrder>>> algos =
        protection.pendingSoon(trading); // what a flat position releases
    Optional<PositionInfo> rest;
    try {
      rest =
          protection.openPosition(
              trading, plan.symbol(), plan.tradeMode(), plan.posSide(), closedDirection);
    } catch (OkxApiException | OkxOutcomeUnknownException e) {
      return new ProtectionStatus.Unprotected(
          plan.symbol(),
          "position after the close could not be read (" + e.getMessage() + "): check it on OKX");
    }
    if (rest.isEmpty()) {
      return new ProtectionStatus.Released(
          plan.symbol(),
          protection.cancelProtection(trading, plan.symbol(), plan.side(), algos.join()));
    }
    ProtectionStatus status =
        protection.ensureFromHistory(
            trading, rest.get(), instrument); // a partial close keeps its stop
    alerts.protection(plan.symbol(), status, "position without SL on " + plan.symbol() + ": ");
    return status;
  }

  /** Funding → trading transfer of the plan's seed, tagged with its client order id; the problem when it did not happen. */
  private static Optional<String> seed(OkxFunding funding, OrderPlan plan) {
    BigDecimal amount = plan.seedUsdt().orElseThrow();
    try {
      String transId =
          funding.transfer(
              "USDT", amount, OkxFunding.FUNDING, OkxFunding.TRADING, plan.clientOrderId());
      log.info(
          "event=isolated_seed_transferred client_order_id={} symbol={} usdt={} trans_id={}",
          plan.clientOrderId(),
          plan.symbol(),
          OrderWords.num(amount),
          transId);
      return Optional.empty();
    } catch (OkxApiException e) {
      return Optional.of(WriteFailures.reason(e));
    } catch (OkxOutcomeUnknownException e) {
      return Optional.of("no answer from OKX; the transfer may have gone through");
    }
  }

  /** In long/short mode every closing order is reduce-only by its side; OKX accepts the flag only in net mode. */
  private static OrderRequest request(OrderPlan plan) {
    return new OrderRequest(
        plan.symbol(),
        plan.tradeMode(),
        plan.side(),
        plan.orderType(),
        plan.contracts(),
        Optional.empty(),
        plan.clientOrderId(),
        plan.reduceOnly() && plan.posSide().equals("net"),
        plan.takeProfit(),
        plan.stopLoss(),
        plan.posSide());
  }

  /** Nothing reaches OKX; the decision log says what would have been sent. */
  private ExecutionResult paper(OrderPlan plan) {
    String text =
        "would place "
            + OrderWords.plan(plan)
            + " "
            + plan.orderType()
            + (plan.reduceOnly()
                ? ", reduce-only"
                : plan.stopLoss().map(sl -> ", SL " + OrderWords.num(sl)).orElse("")
                    + plan.takeProfit().map(tp -> ", TP " + OrderWords.num(tp)).orElse(""));
    ledger.decision(Optional.of(plan.decisionId()), "paper: " + text);
    log.info(
        "event=paper_order decision_id={} symbol={} text=\"{}\"",
        plan.decisionId(),
        plan.symbol(),
        text);
    return new ExecutionResult.Paper(text);
  }

  private ExecutionResult refuse(OrderPlan plan, String reason) {
    ledger.decision(Optional.of(plan.decisionId()), "refused: " + reason);
    log.warn(
        "event=execution_refused decision_id={} symbol={} reason=\"{}\"",
        plan.decisionId(),
        plan.symbol(),
        reason);
    return new ExecutionResult.Refused(reason);
  }
}
