package io.tai2.paper;

import io.tai2.config.GuardrailSettings;
import io.tai2.execution.DailyLossRule;
import io.tai2.execution.GuardrailInput;
import io.tai2.execution.OrderPlan;
import io.tai2.execution.PaperTrading;
import io.tai2.fills.ExitReason;
import io.tai2.fills.PaperAccount;
import io.tai2.history.PaperTrade;
import io.tai2.history.RiskLock;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.MarketSnapshot;
import io.tai2.okx.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One paper account — the dry run, or a shadow model's — with what the guardrails remember of it: the last fill per
 * symbol (cooldown), the accepted orders (trade-rate limit) and its own daily-loss lock on its own equity. Fills use the
 * backtest's fill model ({@link PaperAccount}) at live prices: entries and closes at the last price (slipped), stops and
 * take-profits met on the way between two prices at their level, funding at each settlement on the positions held then.
 * Every change is saved (the account and its round trips in one transaction), so a restart resumes it.
 *
 * <p>Thread-safe: the price loop, the scheduler's cycles and the pages all use it; every method holds its monitor.
 */
public final class PaperBook implements PaperTrading {

  /** What a paper account starts with unless the operator says otherwise when resetting it. */
  public static final BigDecimal DEFAULT_EQUITY = new BigDecimal("10000");

  /** OKX's regular taker fee for swaps (0.05 %). */
  public static final BigDecimal DEFAULT_TAKER_FEE = new BigDecimal("0.0005");

  /** How far a paper market order fills from the last price, against it. */
  public static final BigDecimal DEFAULT_SLIPPAGE_BPS = new BigDecimal("5");

  /** The trade-rate window is at most a day; older fills are forgotten. */
  private static final Duration ACTIVITY_MEMORY = Duration.ofDays(1);

  /** Saves a book: its document, and the round trips that opened or closed with this change. */
  @FunctionalInterface
  public interface Saving {
    void save(
        String book,
        String document,
        Instant at,
        List<PaperTrade> entered,
        List<PaperTrade> exited);
  }

  /** The next funding settlement seen for a symbol: at {@code at} positions held pay or receive {@code rate}. */
  record FundingDue(Instant at, BigDecimal rate) {}

  private final String name;
  private final Saving saving;
  private final Supplier<GuardrailSettings> guardrails;
  private BookState state;

  /** Everything a book is; {@link PaperBookJson} saves and reads it. */
  record BookState(
      BigDecimal initialEquity,
      BigDecimal takerFee,
      BigDecimal slippageBps,
      Instant startedAt,
      PaperAccount account,
      Map<String, Instant> lastFill,
      Deque<Instant> accepted,
      Optional<RiskLock> lock,
      Optional<Instant> dayOpenAt,
      BigDecimal dayOpenEquity,
      Map<String, FundingDue> fundingDue,
      Map<String, Instant> settled) {

    static BookState fresh(
        BigDecimal equity, BigDecimal takerFee, BigDecimal slippageBps, Instant at) {
      return new BookState(
          equity,
          takerFee,
          slippageBps,
          at,
          new PaperAccount(equity, takerFee, slippageBps),
          new HashMap<>(),
          new ArrayDeque<>(),
          Optional.empty(),
          Optional.of(at.truncatedTo(ChronoUnit.DAYS)),
          equity,
          new HashMap<>(),
          new HashMap<>());
    }
  }

  PaperBook(String name, BookState state, Saving saving, Supplier<GuardrailSettings> guardrails) {
    this.name = name;
    this.state = state;
    this.saving = saving;
    this.guardrails = guardrails;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized GuardrailInput.Account account(String tradeMode) {
    PaperAccount a = state.account();
    return new GuardrailInput.Account(
        a.equity(), a.available(), GuardrailInput.PositionMode.NET, positions(tradeMode));
  }

  @Override
  public synchronized GuardrailInput.Activity activity(
      String symbol, Instant now, Duration window) {
    forgetBefore(now.minus(ACTIVITY_MEMORY));
    Instant since = now.minus(window);
    int inWindow = (int) state.accepted().stream().filter(t -> t.isAfter(since)).count();
    return new GuardrailInput.Activity(Optional.ofNullable(state.lastFill().get(symbol)), inWindow);
  }

  @Override
  public synchronized GuardrailInput.RiskLockState lock(Instant now) {
    if (checkLoss(now)) {
      save(now, List.of(), List.of()); // an engaged lock survives a restart, as the live one does
    }
    return state
        .lock()
        .filter(RiskLock::locked)
        .map(
            l ->
                new GuardrailInput.RiskLockState(
                    true, name + " " + l.key() + ": " + l.reason().orElse("on")))
        .orElse(GuardrailInput.RiskLockState.off());
  }

  /** The symbols the book holds positions on: the ones whose live prices it must follow. */
  public synchronized List<String> heldSymbols() {
    return state.account().positions().stream().map(PaperAccount.Position::symbol).toList();
  }

  @Override
  public synchronized boolean holds(String symbol) {
    return state.account().position(symbol).isPresent();
  }

  @Override
  public synchronized String fill(
      OrderPlan plan, Instrument instrument, BigDecimal price, Instant at) {
    PaperAccount a = state.account();
    String text;
    List<PaperTrade> entered = new ArrayList<>();
    List<PaperTrade> exited = new ArrayList<>();
    if (plan.reduceOnly()) {
      Optional<PaperAccount.Closed> closed =
          a.close(plan.symbol(), price, at, Optional.of(plan.decisionId()));
      if (closed.isEmpty()) {
        return "nothing to close on " + plan.symbol() + " in " + name;
      }
      exited.add(PaperTrades.exited(name, closed.get()));
      text =
          "closed "
              + closed.get().position().side()
              + " "
              + plan.contracts().stripTrailingZeros().toPlainString()
              + " "
              + plan.symbol()
              + " at "
              + closed.get().exitPrice().toPlainString()
              + ", PnL "
              + money(closed.get().pnl())
              + " USDT (fees and funding included)";
    } else {
      int direction = plan.side().equals("buy") ? 1 : -1;
      PaperAccount.Position p =
          a.open(
              plan.symbol(),
              direction,
              plan.contracts(),
              instrument.ctVal(),
              price,
              plan.leverage(),
              plan.stopLoss(),
              plan.takeProfit(),
              at,
              plan.decisionId());
      entered.add(PaperTrades.entered(name, p));
      text =
          plan.side()
              + " "
              + plan.contracts().stripTrailingZeros().toPlainString()
              + " contracts of "
              + plan.symbol()
              + " filled at "
              + p.entryPrice().toPlainString()
              + " ("
              + plan.leverage().stripTrailingZeros().toPlainString()
              + "×"
              + plan.stopLoss().map(sl -> ", stop " + sl.toPlainString()).orElse("")
              + plan.takeProfit().map(tp -> ", take " + tp.toPlainString()).orElse("")
              + ") in "
              + name;
    }
    state.lastFill().put(plan.symbol(), at);
    state.accepted().addLast(at);
    save(at, entered, exited);
    return text;
  }

  /**
   * The symbol's live snapshot: a new last price (stops and take-profits on the way fill), then funding if a settlement
   * passed while a position was held. Returns the round trip it closed, if any.
   */
  public synchronized Optional<PaperAccount.Closed> onSnapshot(
      String symbol, MarketSnapshot snapshot, Instant now) {
    if (snapshot.ticker() == null || snapshot.ticker().last() == null) {
      return Optional.empty();
    }
    BigDecimal last = snapshot.ticker().last();
    boolean changed = settleFunding(symbol, last, now);
    Optional<PaperAccount.Closed> closed = state.account().onPrice(symbol, last, now);
    closed.ifPresent(c -> state.lastFill().put(symbol, now));
    Optional<FundingDue> announced =
        Optional.ofNullable(snapshot.funding())
            .filter(f -> f.rate() != null && f.fundingTime() != null)
            .map(f -> new FundingDue(f.fundingTime(), f.rate()));
    boolean newDue =
        announced.isPresent()
            && !announced.get().equals(state.fundingDue().put(symbol, announced.get()));
    boolean lockChanged = checkLoss(now);
    // marks are not saved every second: after a restart the live feed brings them back
    if (closed.isPresent() || changed || newDue || lockChanged) {
      save(now, List.of(), closed.map(c -> List.of(PaperTrades.exited(name, c))).orElse(List.of()));
    }
    return closed;
  }

  /** Funding due at a settlement that has passed, on a position held since before it; true when some was charged. */
  private boolean settleFunding(String symbol, BigDecimal price, Instant now) {
    FundingDue due = state.fundingDue().get(symbol);
    if (due == null
        || now.isBefore(due.at())
        || !due.at().isAfter(state.settled().getOrDefault(symbol, Instant.MIN))) {
      return false;
    }
    state.settled().put(symbol, due.at());
    Optional<PaperAccount.Position> held =
        state.account().position(symbol).filter(p -> p.entryTime().isBefore(due.at()));
    return held.isPresent() && state.account().fund(symbol, price, due.rate()).isPresent();
  }

  /** The daily-loss rule on this book's equity (reference: its equity when the UTC day began); true when it changed. */
  private boolean checkLoss(Instant now) {
    Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
    BigDecimal equity = state.account().equity();
    if (state.dayOpenAt().filter(d -> !d.isBefore(midnight)).isEmpty()) {
      state = withDay(midnight, equity);
    }
    BigDecimal limit = guardrails.get().dailyLossLimitPct();
    if (limit.signum() <= 0 || state.lock().filter(RiskLock::locked).isPresent()) {
      return false;
    }
    RiskLock next =
        DailyLossRule.next(state.lock(), now, equity, limit, Optional.of(state.dayOpenEquity()));
    boolean changed = next.locked();
    state = withLock(Optional.of(next));
    return changed;
  }

  /** Flattens every position at its last price ({@code reset}), then starts again with {@code equity}. */
  synchronized void reset(BigDecimal equity, Instant at) {
    PaperAccount a = state.account();
    List<PaperTrade> exited = new ArrayList<>();
    for (PaperAccount.Position p : a.positions()) {
      a.closeAtEnd(p.symbol(), a.mark(p.symbol()), at)
          .ifPresent(c -> exited.add(PaperTrades.exited(name, c, ExitReason.RESET)));
    }
    state = BookState.fresh(equity, state.takerFee(), state.slippageBps(), at);
    save(at, List.of(), exited);
  }

  /** The account as the prompt shows it: an OKX-like account snapshot in USDT with positions in contracts. */
  public synchronized AccountSnapshot snapshot(Instant now, String tradeMode) {
    PaperAccount a = state.account();
    BigDecimal equity = a.equity();
    return AccountView.snapshot(equity, a.cash(), a.available(), positions(tradeMode), now);
  }

  /** What LIVE shows of the book. */
  public synchronized PaperSummary summary(String tradeMode) {
    PaperAccount a = state.account();
    return new PaperSummary(
        name,
        state.startedAt(),
        state.initialEquity(),
        a.equity(),
        a.cash(),
        a.available(),
        a.feesPaid(),
        a.fundingPaid(),
        positions(tradeMode),
        state.lock().filter(RiskLock::locked).flatMap(RiskLock::reason));
  }

  synchronized BookState state() {
    return state;
  }

  private List<AccountSnapshot.Position> positions(String tradeMode) {
    PaperAccount a = state.account();
    return a.positions().stream().map(p -> AccountView.position(a, p, tradeMode)).toList();
  }

  private void forgetBefore(Instant cutoff) {
    while (!state.accepted().isEmpty() && state.accepted().peekFirst().isBefore(cutoff)) {
      state.accepted().removeFirst();
    }
  }

  private void save(Instant at, List<PaperTrade> entered, List<PaperTrade> exited) {
    saving.save(name, PaperBookJson.write(state), at, entered, exited);
  }

  private BookState withDay(Instant midnight, BigDecimal equity) {
    BookState s = state;
    return new BookState(
        s.initialEquity(),
        s.takerFee(),
        s.slippageBps(),
        s.startedAt(),
        s.account(),
        s.lastFill(),
        s.accepted(),
        s.lock(),
        Optional.of(midnight),
        equity,
        s.fundingDue(),
        s.settled());
  }

  private BookState withLock(Optional<RiskLock> lock) {
    BookState s = state;
    return new BookState(
        s.initialEquity(),
        s.takerFee(),
        s.slippageBps(),
        s.startedAt(),
        s.account(),
        s.lastFill(),
        s.accepted(),
        lock,
        s.dayOpenAt(),
        s.dayOpenEquity(),
        s.fundingDue(),
        s.settled());
  }

  private static String money(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }
}
