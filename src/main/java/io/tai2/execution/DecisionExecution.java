package io.tai2.execution;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.history.DecisionRepository;
import io.tai2.history.ExecutionFeedback;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.TradeActivityRepository;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.MarketEngine;
import io.tai2.market.MarketSnapshot;
import io.tai2.okx.Instrument;
import io.tai2.okx.OkxConnection;
import io.tai2.okx.PositionTier;
import io.tai2.reasoning.Decision;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From a recorded decision to its outcome: gathers what the guardrails judge on (the live price, the account, the
 * settings, locks, recent fills, tiers, the fee rate), records the verdict with every check in the decision log, and
 * hands an approved plan on: to the executor when the live-execution switch is on, else to the paper account (the dry
 * run), whose equity, positions, fills and lock the guardrails then read instead of OKX's. Shadow models go straight to
 * their own paper account through {@link #handleOn}.
 */
public final class DecisionExecution {

  private static final Logger log = LoggerFactory.getLogger(DecisionExecution.class);

  private final MarketEngine market;
  private final OkxConnection okx;
  private final OrderExecutor executor;
  private final Supplier<GuardrailSettings> guardrails;
  private final Supplier<ExecutionSettings> execution;
  private final RiskLockRepository locks;
  private final TradeActivityRepository activity;
  private final DecisionRepository decisions;
  private final ExecutionFeedbackRepository feedback;
  private volatile ExchangeFacts facts;
  private final Clock clock;
  private final ExecutionMeters meters;
  private final Supplier<Optional<PaperTrading>> paper;
  private final Consumer<TradingEvent> events;

  /**
   * @param paper the dry run's paper account, looked up when a decision needs it (empty: with live execution off an
   *     approved plan is only logged as a paper order)
   * @param events told of every live fill (an entry, or a close tai2 sent)
   */
  public DecisionExecution(
      MarketEngine market,
      OkxConnection okx,
      OrderExecutor executor,
      Supplier<GuardrailSettings> guardrails,
      Supplier<ExecutionSettings> execution,
      RiskLockRepository locks,
      TradeActivityRepository activity,
      DecisionRepository decisions,
      ExecutionFeedbackRepository feedback,
      Clock clock,
      ExecutionMeters meters,
      Supplier<Optional<PaperTrading>> paper,
      Consumer<TradingEvent> events) {
    this.events = events;
    this.paper = paper;
    this.market = market;
    this.okx = okx;
    this.executor = executor;
    this.guardrails = guardrails;
    this.execution = execution;
    this.locks = locks;
    this.activity = activity;
    this.decisions = decisions;
    this.feedback = feedback;
    this.facts = new ExchangeFacts(okx, clock);
    this.clock = clock;
    this.meters = meters;
  }

  /** Forgets the cached position mode, tiers and fee rate: after the OKX account or environment changed. */
  public void forgetExchangeFacts() {
    facts = new ExchangeFacts(okx, clock);
  }

  /**
   * What became of a decision: the verdict, and the executor's result when the verdict approved a plan. {@code status}
   * is the one line stored as the decision's execution status.
   */
  public record Outcome(
      Optional<GuardrailVerdict> verdict,
      Optional<ExecutionResult> result,
      String status,
      Optional<Duration> internalLatency) {

    /** One word for the outcome: nothing_to_do, blocked, paper, filled, rejected, unknown, refused or error. */
    public String kind() {
      if (result.isPresent()) {
        return switch (result.get()) {
          case ExecutionResult.Filled f -> "filled";
          case ExecutionResult.Paper p -> "paper";
          case ExecutionResult.Rejected r -> "rejected";
          case ExecutionResult.Unknown u -> "unknown";
          case ExecutionResult.Refused r -> "refused";
        };
      }
      return verdict
          .map(v -> v instanceof GuardrailVerdict.Blocked ? "blocked" : "nothing_to_do")
          .orElse("error");
    }
  }

  /**
   * Runs the guardrails and, if they approve, the executor.
   *
   * @param referencePrice the last price the model saw, at {@code snapshotAt}
   */
  public Outcome handle(
      UUID decisionId,
      String symbol,
      Decision decision,
      BigDecimal referencePrice,
      Instant snapshotAt) {
    return handle(
        decisionId,
        symbol,
        decision,
        referencePrice,
        snapshotAt,
        execution.get().enabled() ? Optional.empty() : paper.get());
  }

  /** True when decisions made now are acted on in the paper account (live execution off and a paper account wired). */
  public boolean paperTrading() {
    return !execution.get().enabled() && paper.get().isPresent();
  }

  /** Like {@link #handle} but always on {@code book}: a shadow model's decision, which never reaches the executor. */
  public Outcome handleOn(
      PaperTrading book,
      UUID decisionId,
      String symbol,
      Decision decision,
      BigDecimal referencePrice,
      Instant snapshotAt) {
    return handle(decisionId, symbol, decision, referencePrice, snapshotAt, Optional.of(book));
  }

  private Outcome handle(
      UUID decisionId,
      String symbol,
      Decision decision,
      BigDecimal referencePrice,
      Instant snapshotAt,
      Optional<PaperTrading> book) {
    try {
      return evaluateAndExecute(decisionId, symbol, decision, referencePrice, snapshotAt, book);
    } catch (RuntimeException e) {
      // Whatever failed, the caller's loop goes on and the decision says why nothing (more)
      // happened.
      log.error(
          "event=decision_execution_failed decision={} symbol={} error={}",
          decisionId,
          symbol,
          e.toString(),
          e);
      String status =
          "error: "
              + e.getMessage()
              + "; nothing new was sent (the reconciler checks anything already sent)";
      feedback.insert(
          new ExecutionFeedback(
              UUID.randomUUID(),
              clock.instant(),
              symbol,
              "error",
              status,
              Optional.empty(),
              Optional.empty()));
      decisions.setExecutionStatus(decisionId, status);
      return new Outcome(Optional.empty(), Optional.empty(), status, Optional.empty());
    }
  }

  private Outcome evaluateAndExecute(
      UUID decisionId,
      String symbol,
      Decision decision,
      BigDecimal referencePrice,
      Instant snapshotAt,
      Optional<PaperTrading> book) {
    long start = System.nanoTime();
    GuardrailInput input = input(decisionId, symbol, decision, referencePrice, snapshotAt, book);
    GuardrailVerdict verdict = judge(input, book);
    decisions.setGuardrailVerdict(decisionId, verdict.toJson());
    Outcome outcome =
        switch (verdict) {
          case GuardrailVerdict.NothingToDo nothing ->
              recorded(decisionId, verdict, "nothing to do: " + nothing.reason());
          case GuardrailVerdict.Blocked blocked -> {
            if (!shadow(book)) {
              // a shadow's blocks are its own business: they would crowd the operator's alerts and
              // the live rejection metrics
              meters.blocked(blocked.rule());
              feedback.insert(
                  new ExecutionFeedback(
                      UUID.randomUUID(),
                      clock.instant(),
                      symbol,
                      "warning",
                      "Blocked by guardrail " + blocked.rule() + ": " + blocked.reason(),
                      Optional.empty(),
                      Optional.of(clock.instant().plus(guardrails.get().executionFeedbackTtl()))));
            }
            yield recorded(
                decisionId, verdict, "blocked: " + blocked.rule() + ": " + blocked.reason());
          }
          case GuardrailVerdict.Approved approved -> {
            Instrument instrument =
                market
                    .instrument(symbol)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "no instrument rules for "
                                    + symbol
                                    + "; the market engine has not loaded them"));
            if (book.isPresent()) {
              String text =
                  book.get()
                      .fill(approved.plan(), instrument, input.prices().current(), clock.instant());
              decisions.setExecutionStatus(decisionId, "paper: " + text);
              ExecutionResult.Paper filled = new ExecutionResult.Paper(text);
              yield new Outcome(
                  Optional.of(verdict), Optional.of(filled), filled.message(), Optional.empty());
            }
            Duration guardrailTime = Duration.ofNanos(System.nanoTime() - start);
            ExecutionResult result =
                executor.execute(approved.plan(), execution.get().enabled(), instrument, start);
            announce(approved.plan(), result, decision);
            // The executor writes its own status line (paper / filled / rejected …) to the
            // decision.
            yield new Outcome(
                Optional.of(verdict),
                Optional.of(result),
                result.message(),
                result.acceptedAfter().map(guardrailTime::plus));
          }
        };
    log.info(
        "event=decision_executed decision={} symbol={} action={} status=\"{}\"",
        decisionId,
        symbol,
        decision.action(),
        outcome.status());
    return outcome;
  }

  /** What the operator hears of a live execution: the fill, a protection that had to be mended, an outcome not known. */
  private void announce(OrderPlan plan, ExecutionResult result, Decision decision) {
    switch (result) {
      case ExecutionResult.Filled filled -> {
        TradingEvent.publish(events, filledEvent(plan, filled, decision));
        ProtectionEvents.of(clock.instant(), plan.symbol(), filled.protection())
            .ifPresent(e -> TradingEvent.publish(events, e));
      }
      case ExecutionResult.Unknown unknown ->
          TradingEvent.publish(
              events,
              new TradingEvent.OrderOutcomeUnknown(
                  clock.instant(), plan.symbol(), unknown.clientOrderId(), unknown.message()));
      default -> {}
    }
  }

  private TradingEvent filledEvent(
      OrderPlan plan, ExecutionResult.Filled filled, Decision decision) {
    var trade = filled.trade();
    if (plan.reduceOnly()) {
      return new TradingEvent.PositionClosed(
          clock.instant(),
          plan.symbol(),
          trade.side(),
          trade.size(),
          trade.price(),
          trade.pnl(),
          "decision " + decision.action() + ": " + plan.rationale());
    }
    return new TradingEvent.EntryFilled(
        clock.instant(),
        plan.symbol(),
        trade.side(),
        trade.size(),
        trade.price(),
        plan.stopLoss(),
        plan.takeProfit(),
        filled.protection().message());
  }

  /** The guardrails' verdict on {@code input}, and on a paper book its one rule of its own. */
  private static GuardrailVerdict judge(GuardrailInput input, Optional<PaperTrading> book) {
    GuardrailVerdict verdict = Guardrails.evaluate(input);
    if (book.isPresent()
        && verdict instanceof GuardrailVerdict.Approved a
        && !a.plan().reduceOnly()
        && book.get().holds(input.symbol())) {
      // a paper book holds one position per symbol, as the backtest does: adding to one is not
      // simulated
      verdict =
          new GuardrailVerdict.Blocked(
              "paper",
              "adding to an open position is not simulated on paper: keep require_position_alignment on",
              a.checks());
    }
    return verdict;
  }

  /**
   * What the guardrails would make of {@code decision} now, judged on the same input a decision made now would get and on
   * the account that would trade it (the paper book while live execution is off).
   *
   * @param paperBook the paper book judged on, empty when it is the OKX account
   * @param liveExecution whether the live-execution switch is on (off and no paper book: an approved order is only logged)
   */
  public record Preview(
      GuardrailVerdict verdict,
      GuardrailInput input,
      Optional<String> paperBook,
      boolean liveExecution) {

    /** The margin an approved entry would lock: contracts × contract value × current price ÷ leverage; empty otherwise. */
    public Optional<BigDecimal> marginEstimate() {
      if (!(verdict instanceof GuardrailVerdict.Approved a) || input.instrument().ctVal() == null) {
        return Optional.empty();
      }
      OrderPlan plan = a.plan();
      return Optional.of(
          plan.contracts()
              .multiply(input.instrument().ctVal())
              .multiply(input.prices().current())
              .divide(plan.leverage(), 2, RoundingMode.HALF_UP));
    }
  }

  /**
   * The verdict {@link #handle} would reach for {@code decision} at this moment, without its effects: nothing is recorded
   * (no decision row, verdict, status, alert or metric), nothing reaches the executor and no paper book fills. The
   * decision id in it is a fresh one that is never stored.
   *
   * @param referencePrice the price the decision is judged against (as a prompt's price), observed at {@code snapshotAt}
   */
  public Preview preview(
      String symbol, Decision decision, BigDecimal referencePrice, Instant snapshotAt) {
    boolean live = execution.get().enabled();
    Optional<PaperTrading> book = live ? Optional.empty() : paper.get();
    GuardrailInput input =
        input(UUID.randomUUID(), symbol, decision, referencePrice, snapshotAt, book);
    return new Preview(judge(input, book), input, book.map(PaperTrading::name), live);
  }

  private static boolean shadow(Optional<PaperTrading> book) {
    return book.filter(b -> b.name().startsWith("shadow")).isPresent();
  }

  private Outcome recorded(UUID decisionId, GuardrailVerdict verdict, String status) {
    decisions.setExecutionStatus(decisionId, status);
    return new Outcome(Optional.of(verdict), Optional.empty(), status, Optional.empty());
  }

  private GuardrailInput input(
      UUID decisionId,
      String symbol,
      Decision decision,
      BigDecimal referencePrice,
      Instant snapshotAt,
      Optional<PaperTrading> book) {
    MarketSnapshot now =
        market
            .snapshot(symbol)
            .orElseThrow(
                () ->
                    new IllegalStateException(symbol + " is no longer tracked; nothing was sent"));
    BigDecimal current =
        now.ticker() == null || now.ticker().last() == null ? referencePrice : now.ticker().last();
    GuardrailSettings g = guardrails.get();
    ExecutionSettings e = execution.get();
    Instant at = clock.instant();
    List<RiskLock> active = locks.all().stream().filter(RiskLock::locked).toList();
    GuardrailInput.RiskLockState lock =
        active.isEmpty()
            ? GuardrailInput.RiskLockState.off()
            : new GuardrailInput.RiskLockState(
                true, active.getFirst().key() + ": " + active.getFirst().reason().orElse("on"));
    GuardrailInput.Account facts;
    GuardrailInput.Activity recent;
    if (book.isPresent()) {
      // The operator's locks (kill switch, the account's daily loss) stop paper books too; a book's
      // own loss stops only it.
      facts = book.get().account(e.tradeMode());
      recent = book.get().activity(symbol, at, g.tradeWindow());
      lock = lock.locked() ? lock : book.get().lock(at);
    } else {
      Optional<AccountSnapshot> account = market.account();
      BigDecimal equity = account.map(AccountSnapshot::equityUsd).orElse(BigDecimal.ZERO);
      facts =
          new GuardrailInput.Account(
              equity,
              account.map(DecisionExecution::availableUsdt).orElse(BigDecimal.ZERO),
              this.facts.positionMode(),
              account.map(AccountSnapshot::positions).orElse(List.of()),
              decision instanceof Decision.Buy || decision instanceof Decision.Sell
                  ? seedable(symbol, e, equity)
                  : BigDecimal.ZERO);
      recent =
          new GuardrailInput.Activity(
              activity.lastFill(symbol), activity.fillsSince(at.minus(g.tradeWindow())));
    }
    Optional<BigDecimal> atr =
        Optional.ofNullable(now.riskMetrics())
            .map(MarketSnapshot.Risk::atr)
            .map(BigDecimal::valueOf);
    List<PositionTier> tiers = this.facts.tiers(symbol, e.tradeMode());
    return new GuardrailInput(
        decisionId,
        decision,
        symbol,
        at,
        new GuardrailInput.Prices(snapshotAt, referencePrice, current, atr),
        now.instrument(),
        tiers,
        facts,
        g,
        e,
        lock,
        recent,
        this.facts.takerFee());
  }

  /** min(seed limit, funding USDT) for an isolated entry with auto-seed on; zero otherwise or when funding cannot be read. */
  private BigDecimal seedable(String symbol, ExecutionSettings e, BigDecimal equity) {
    Optional<BigDecimal> limit = e.isolatedSeed().limit(symbol, equity);
    if (!e.tradeMode().equals("isolated")
        || limit.isEmpty()
        || okx.current().config().keys().isEmpty()) {
      return BigDecimal.ZERO;
    }
    try {
      return limit.get().min(okx.current().funding().available("USDT"));
    } catch (RuntimeException ex) {
      log.warn("event=funding_balance_failed symbol={} error={}", symbol, ex.toString());
      return BigDecimal.ZERO;
    }
  }

  static BigDecimal availableUsdt(AccountSnapshot account) {
    return account.balances().stream()
        .filter(b -> "USDT".equals(b.ccy()))
        .map(AccountSnapshot.Balance::available)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(BigDecimal.ZERO);
  }

  /** The account's position mode, position tiers and taker fee, read from OKX and cached (they rarely change). */
  static final class ExchangeFacts {
    private static final Duration TTL = Duration.ofMinutes(10);
    private final OkxConnection okx;
    private final Clock clock;
    private final Map<String, Cached<List<PositionTier>>> tiers = new ConcurrentHashMap<>();
    private volatile Cached<GuardrailInput.PositionMode> mode;
    private volatile Cached<Optional<BigDecimal>> fee;

    private record Cached<T>(T value, Instant at) {}

    ExchangeFacts(OkxConnection okx, Clock clock) {
      this.okx = okx;
      this.clock = clock;
    }

    GuardrailInput.PositionMode positionMode() {
      mode =
          fresh(
              mode,
              () -> {
                boolean longShort =
                    okx.current().config().keys().isPresent()
                        && "long_short_mode"
                            .equals(okx.current().trading().accountConfig().posMode());
                return longShort
                    ? GuardrailInput.PositionMode.LONG_SHORT
                    : GuardrailInput.PositionMode.NET;
              },
              GuardrailInput.PositionMode.NET);
      return mode.value();
    }

    Optional<BigDecimal> takerFee() {
      fee =
          fresh(
              fee,
              () ->
                  okx.current().config().keys().isPresent()
                      ? Optional.of(okx.current().trading().tradeFee().taker())
                      : Optional.<BigDecimal>empty(),
              Optional.empty());
      return fee.value();
    }

    List<PositionTier> tiers(String symbol, String tradeMode) {
      String family = symbol.toUpperCase(Locale.ROOT).replaceFirst("-SWAP$", "");
      return tiers
          .compute(
              symbol + "|" + tradeMode,
              (k, old) ->
                  fresh(
                      old,
                      () -> okx.current().market().positionTiers(family, tradeMode),
                      List.of()))
          .value();
    }

    /** The cached value while fresh; else a new read, or on failure the old value (or {@code fallback}) for a minute. */
    private <T> Cached<T> fresh(Cached<T> cached, Supplier<T> read, T fallback) {
      Instant now = clock.instant();
      if (cached != null && cached.at().plus(TTL).isAfter(now)) {
        return cached;
      }
      try {
        return new Cached<>(read.get(), now);
      } catch (RuntimeException e) {
        log.warn("event=exchange_facts_failed error={}", e.toString());
        return new Cached<>(
            cached == null ? fallback : cached.value(), now.minus(TTL).plus(Duration.ofMinutes(1)));
      }
    }
  }
}
