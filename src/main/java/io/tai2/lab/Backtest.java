package io.tai2.lab;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.execution.DailyLossRule;
import io.tai2.execution.GuardrailInput;
import io.tai2.execution.GuardrailVerdict;
import io.tai2.execution.Guardrails;
import io.tai2.execution.OrderPlan;
import io.tai2.fills.PaperAccount;
import io.tai2.fills.PathBar;
import io.tai2.history.RiskLock;
import io.tai2.indicators.Bar;
import io.tai2.market.HistoricalMarket;
import io.tai2.market.MarketSnapshot;
import io.tai2.okx.OkxBarSize;
import io.tai2.paper.AccountView;
import io.tai2.reasoning.Decision;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One backtest in virtual time: the candles are replayed minute by minute into the same market engine live tai2 uses,
 * and at every close of the cadence's bars the decider decides, the real guardrails judge the decision against a paper
 * account, and an approved order fills at the open of the next minute by the shared fill model. Nothing here reads the
 * wall clock, sleeps or sends an order; the only network a backtest may use is an LLM decider's.
 *
 * <p>Time-based rules run on the virtual clock: the snapshot age (0: the decision sees the bar that just closed), the
 * cooldown and the trade rate (from the order fills of this run), the daily-loss lock (reference equity at 00:00 UTC,
 * checked every minute a position is open) and funding (charged at 00:00, 08:00 and 16:00 UTC at the historical rate).
 */
public final class Backtest {

  private static final long MINUTE = 60_000L;
  private static final long FUNDING_PERIOD = Duration.ofHours(8).toMillis();
  private static final long DAY = Duration.ofDays(1).toMillis();

  private final BacktestRequest request;
  private final List<SymbolHistory> symbols;
  private final Decider decider;
  private final GuardrailSettings guardrails;
  private final ExecutionSettings execution;
  private final String timeframe;
  private final List<String> timeframes;
  private final PaperAccount account;
  private final BacktestBook book;
  private final OkxBarSize cadence;
  private final long from;
  private final long to;

  private final HistoricalMarket[] markets;
  private final int[] cursor;
  private final OrderPlan[] pending;
  private final Instant[] lastFill;

  /** The last funding time charged per symbol, and the last UTC day seen: data with holes still gets them. */
  private final long[] lastFunding;

  private long lastDay = Long.MIN_VALUE;

  /** When the previous trading minute closed: a cadence boundary after it and at or before this close is a decision. */
  private long previousClose;

  private final ArrayDeque<Instant> accepted = new ArrayDeque<>();
  private Optional<RiskLock> lock = Optional.empty();
  private BigDecimal equityAtMidnight;

  /**
   * @param timeframe the analysis timeframe the prompt is built for
   * @param timeframes the timeframes the market engine keeps (the live engine's), {@code timeframe} among them
   */
  public Backtest(
      BacktestRequest request,
      List<SymbolHistory> symbols,
      Decider decider,
      GuardrailSettings guardrails,
      ExecutionSettings execution,
      String timeframe,
      List<String> timeframes) {
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException(
          "no symbols to backtest: give --candles SYMBOL=FILE or symbols with stored candles");
    }
    this.request = request;
    this.symbols = List.copyOf(symbols);
    this.decider = decider;
    this.guardrails = guardrails;
    this.execution = execution;
    this.timeframe = timeframe;
    this.timeframes =
        timeframes.contains(timeframe)
            ? List.copyOf(timeframes)
            : Stream.concat(timeframes.stream(), Stream.of(timeframe)).toList();
    this.cadence = request.cadence();
    long first =
        symbols.stream()
            .mapToLong(s -> s.size() == 0 ? Long.MAX_VALUE : s.ts()[0])
            .min()
            .orElseThrow();
    long last =
        symbols.stream()
            .mapToLong(s -> s.size() == 0 ? Long.MIN_VALUE : s.ts()[s.size() - 1])
            .max()
            .orElseThrow();
    if (first == Long.MAX_VALUE) {
      throw new IllegalArgumentException(
          "no candles for " + symbols.stream().map(SymbolHistory::symbol).toList());
    }
    this.from = request.from().map(Instant::toEpochMilli).orElse(first);
    this.to = request.to().map(Instant::toEpochMilli).orElse(last + MINUTE);
    if (from >= to) {
      throw new IllegalArgumentException(
          "--from "
              + Instant.ofEpochMilli(from)
              + " is not before --to "
              + Instant.ofEpochMilli(to));
    }
    if (from > last || to <= first) {
      throw new IllegalArgumentException(
          "the candles cover "
              + Instant.ofEpochMilli(first)
              + " … "
              + Instant.ofEpochMilli(last + MINUTE)
              + ", outside --from "
              + Instant.ofEpochMilli(from)
              + " --to "
              + Instant.ofEpochMilli(to));
    }
    this.account = new PaperAccount(request.equity(), request.takerFee(), request.slippageBps());
    this.book = new BacktestBook(request.equity(), symbols.size());
    int n = symbols.size();
    this.markets = new HistoricalMarket[n];
    this.cursor = new int[n];
    this.pending = new OrderPlan[n];
    this.lastFill = new Instant[n];
    this.lastFunding = new long[n];
    Arrays.fill(lastFunding, Long.MIN_VALUE);
    for (int i = 0; i < n; i++) {
      markets[i] = new HistoricalMarket(symbols.get(i).instrument(), this.timeframes, timeframe);
    }
    this.equityAtMidnight = request.equity();
    this.previousClose = from;
  }

  /** How many decisions a run of {@code request} over {@code symbols} takes (for the LLM cost estimate). */
  public static long decisionTimes(BacktestRequest request, List<SymbolHistory> symbols) {
    OkxBarSize cadence = request.cadence();
    long from = request.from().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
    long to = request.to().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
    long count = 0;
    for (SymbolHistory s : symbols) {
      for (long t : s.ts()) {
        if (t >= from && t < to && cadence.openOf(t + MINUTE) == t + MINUTE) {
          count++;
        }
      }
    }
    return count;
  }

  /** Runs to the end of the data (or {@code --to}) and reports. */
  public BacktestReport run(BacktestProgress progress) {
    long total = symbols.stream().mapToLong(SymbolHistory::size).sum();
    long done = 0;
    int n = symbols.size();
    boolean[] due = new boolean[n];
    while (true) {
      long t = Long.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        if (cursor[i] < symbols.get(i).size()) {
          t = Math.min(t, symbols.get(i).ts()[cursor[i]]);
        }
      }
      if (t == Long.MAX_VALUE || t >= to) {
        break;
      }
      boolean trading = t >= from;
      if (trading && Math.floorDiv(t, DAY) > lastDay) {
        // the first minute of a UTC day (or after a hole across midnight): the day's reference
        // equity
        if (lastDay != Long.MIN_VALUE) {
          midnight(Math.floorDiv(t, DAY) * DAY);
        }
        lastDay = Math.floorDiv(t, DAY);
      }
      boolean open = false;
      for (int i = 0; i < n; i++) {
        SymbolHistory s = symbols.get(i);
        due[i] = cursor[i] < s.size() && s.ts()[cursor[i]] == t;
        if (!due[i]) {
          continue;
        }
        int k = cursor[i]++;
        done++;
        if (trading) {
          minute(i, s, k, t);
          open |= account.position(s.symbol()).isPresent();
        }
        markets[i].onMinute(
            new Bar(t, s.open()[k], s.high()[k], s.low()[k], s.close()[k], s.volume()[k]));
      }
      if (trading) {
        long now = t + MINUTE;
        BigDecimal equity = account.equity();
        book.minute(equity, open);
        if (open) {
          checkLock(Instant.ofEpochMilli(now), equity);
        }
        boolean decisionTime = cadence.openOf(now) > previousClose;
        previousClose = now;
        if (decisionTime) {
          // the minute closing on a cadence boundary, or the first after it when the data has a
          // hole there
          for (int i = 0; i < n; i++) {
            if (due[i]) {
              decide(i, Instant.ofEpochMilli(now));
            }
          }
          book.sample(Instant.ofEpochMilli(now), account.equity(), closes());
        }
      }
      if ((done & 0x3FFF) == 0) {
        progress.update(done, total);
        if (progress.cancelled()) {
          throw new BacktestCancelledException(
              "the backtest was cancelled after " + done + " of " + total + " bars");
        }
      }
    }
    finish();
    progress.update(total, total);
    return book.report(
        request,
        decider.name(),
        timeframe,
        Instant.ofEpochMilli(from),
        Instant.ofEpochMilli(Math.min(to, book.lastMinute())),
        account);
  }

  /** One minute of one symbol while trading: funding, the pending order filling at its open, then the bar's path. */
  private void minute(int i, SymbolHistory s, int k, long t) {
    Instant at = Instant.ofEpochMilli(t);
    BigDecimal open = BigDecimal.valueOf(s.open()[k]);
    book.startPrice(i, s.open()[k]);
    // Funding settles at the funding time on the positions held then, before an order filling at
    // that open.
    long fundingTime = Math.floorDiv(t, FUNDING_PERIOD) * FUNDING_PERIOD;
    boolean fundingDue = lastFunding[i] != Long.MIN_VALUE && fundingTime > lastFunding[i];
    lastFunding[i] = fundingTime;
    if (fundingDue && request.fundingHistory()) {
      Map.Entry<Long, BigDecimal> rate = s.funding().floorEntry(fundingTime);
      if (rate != null) {
        account.fund(s.symbol(), open, rate.getValue());
        markets[i].funding(
            rate.getValue(),
            Instant.ofEpochMilli(rate.getKey()),
            Instant.ofEpochMilli(fundingTime + FUNDING_PERIOD));
      }
    }
    if (pending[i] != null) {
      fill(i, s, pending[i], open, at);
      pending[i] = null;
    }
    PathBar bar =
        new PathBar(
            at,
            open,
            BigDecimal.valueOf(s.high()[k]),
            BigDecimal.valueOf(s.low()[k]),
            BigDecimal.valueOf(s.close()[k]));
    account.onBar(s.symbol(), bar).ifPresent(book::closed);
    book.lastClose(i, s.close()[k], t + MINUTE);
  }

  private void fill(int i, SymbolHistory s, OrderPlan plan, BigDecimal open, Instant at) {
    if (plan.reduceOnly()) {
      account.close(s.symbol(), open, at, Optional.of(plan.decisionId())).ifPresent(book::closed);
    } else {
      account.open(
          s.symbol(),
          plan.side().equals("buy") ? 1 : -1,
          plan.contracts(),
          s.contractSize(),
          open,
          plan.leverage(),
          plan.stopLoss(),
          plan.takeProfit(),
          at,
          plan.decisionId());
    }
    lastFill[i] = at;
    accepted.addLast(at);
  }

  private void decide(int i, Instant now) {
    SymbolHistory s = symbols.get(i);
    BigDecimal price = BigDecimal.valueOf(book.lastClose(i));
    HistoricalMarket market = markets[i];
    Supplier<MarketSnapshot> snapshot = once(() -> market.snapshot(now));
    Optional<PaperAccount.Position> position = account.position(s.symbol());
    List<RiskLock> locks = lock.stream().toList();
    Decider.Moment moment =
        new Decider.Moment(
            s.symbol(),
            now,
            price,
            timeframe,
            snapshot,
            once(() -> market.history(timeframe)),
            position,
            once(() -> AccountView.snapshot(account, now, execution.tradeMode())),
            guardrails,
            execution,
            locks);
    Decider.Decided decided = decider.decide(moment);
    UUID id = UUID.nameUUIDFromBytes((s.symbol() + "@" + now).getBytes(StandardCharsets.UTF_8));
    Decision decision = decided.outcome().decision();
    GuardrailVerdict verdict = Guardrails.evaluate(input(id, s, decision, price, now, snapshot));
    if (verdict instanceof GuardrailVerdict.Approved approved
        && !approved.plan().reduceOnly()
        && position.isPresent()) {
      // the paper account holds one position per symbol; adding to one is not simulated (alignment
      // on forbids it anyway)
      verdict =
          new GuardrailVerdict.Blocked(
              "backtest",
              "adding to an open position is not simulated: keep require_position_alignment on",
              approved.checks());
    }
    if (verdict instanceof GuardrailVerdict.Approved approved) {
      pending[i] = approved.plan();
    }
    book.decision(id, now, s.symbol(), decided, verdict, price);
  }

  private GuardrailInput input(
      UUID id,
      SymbolHistory s,
      Decision decision,
      BigDecimal price,
      Instant now,
      Supplier<MarketSnapshot> snapshot) {
    Optional<BigDecimal> atr =
        guardrails.maxPriceDriftAtr().signum() > 0
            ? Optional.ofNullable(snapshot.get().riskMetrics())
                .map(MarketSnapshot.Risk::atr)
                .map(BigDecimal::valueOf)
            : Optional.empty();
    Instant windowStart = now.minus(guardrails.tradeWindow());
    while (!accepted.isEmpty() && !accepted.peekFirst().isAfter(windowStart)) {
      accepted.removeFirst();
    }
    GuardrailInput.Account facts =
        new GuardrailInput.Account(
            account.equity(),
            account.available(),
            GuardrailInput.PositionMode.NET,
            AccountView.snapshot(account, now, execution.tradeMode()).positions());
    GuardrailInput.RiskLockState lockState =
        lock.filter(RiskLock::locked)
            .map(
                l ->
                    new GuardrailInput.RiskLockState(
                        true, l.key() + ": " + l.reason().orElse("on")))
            .orElse(GuardrailInput.RiskLockState.off());
    int i = symbols.indexOf(s);
    return new GuardrailInput(
        id,
        decision,
        s.symbol(),
        now,
        new GuardrailInput.Prices(now, price, price, atr),
        s.instrument(),
        List.of(),
        facts,
        guardrails,
        execution,
        lockState,
        new GuardrailInput.Activity(Optional.ofNullable(lastFill[i]), accepted.size()),
        Optional.of(request.takerFee().negate()));
  }

  /** A new UTC day: its opening equity is the daily-loss reference (the lock itself stays on until reset, as live). */
  private void midnight(long t) {
    equityAtMidnight = account.equity();
    book.day(equityAtMidnight);
    checkLock(Instant.ofEpochMilli(t), equityAtMidnight);
  }

  private void checkLock(Instant now, BigDecimal equity) {
    if (lock.filter(RiskLock::locked).isPresent() || guardrails.dailyLossLimitPct().signum() <= 0) {
      return;
    }
    lock =
        Optional.of(
            DailyLossRule.next(
                lock, now, equity, guardrails.dailyLossLimitPct(), Optional.of(equityAtMidnight)));
    if (lock.get().locked()) {
      book.locked(now, lock.get().reason().orElse("daily loss limit reached"));
    }
  }

  /** The data ended: open positions close at the last close ({@code end}); an order still waiting never fills. */
  private void finish() {
    for (int i = 0; i < symbols.size(); i++) {
      String symbol = symbols.get(i).symbol();
      if (account.position(symbol).isPresent()) {
        account
            .closeAtEnd(
                symbol,
                BigDecimal.valueOf(book.lastClose(i)),
                Instant.ofEpochMilli(book.lastMinute()))
            .ifPresent(book::closed);
      }
    }
    book.sample(Instant.ofEpochMilli(book.lastMinute()), account.equity(), closes());
  }

  private double[] closes() {
    double[] closes = new double[symbols.size()];
    for (int i = 0; i < closes.length; i++) {
      closes[i] = book.lastClose(i);
    }
    return closes;
  }

  private static <T> Supplier<T> once(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }
}
