package io.tai2.paper;

import io.tai2.config.GuardrailSettings;
import io.tai2.history.PaperRepository;
import io.tai2.market.MarketEngine;
import io.tai2.reasoning.ReasoningSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every paper account: the dry run ({@value #PAPER}) and one per shadow model, each loaded from its saved document (or
 * started with {@link PaperBook#DEFAULT_EQUITY}). Once a second each book that holds positions sees the live snapshot of
 * their symbols, so stops, take-profits, liquidations and funding happen on the live path while nobody asks.
 */
public final class PaperDesk implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PaperDesk.class);

  /** The dry run's book. */
  public static final String PAPER = "paper";

  /** How often open paper positions look at the live price. */
  static final Duration EVERY = Duration.ofSeconds(1);

  private final MarketEngine market;
  private final PaperRepository repository;
  private final Supplier<GuardrailSettings> guardrails;
  private final Supplier<String> tradeMode;
  private final Clock clock;
  private final Map<String, PaperBook> books = new ConcurrentHashMap<>();
  private ScheduledExecutorService loop;

  public PaperDesk(
      MarketEngine market,
      PaperRepository repository,
      Supplier<GuardrailSettings> guardrails,
      Supplier<String> tradeMode,
      Clock clock) {
    this.market = market;
    this.repository = repository;
    this.guardrails = guardrails;
    this.tradeMode = tradeMode;
    this.clock = clock;
  }

  /** The dry run's book: where approved plans fill while live execution is off. */
  public PaperBook paper() {
    return book(PAPER);
  }

  /** A shadow's own book, named {@code shadow: model @ version}. */
  public PaperBook shadow(ReasoningSettings.Shadow shadow) {
    return book(shadowBook(shadow));
  }

  public static String shadowBook(ReasoningSettings.Shadow shadow) {
    return "shadow: " + shadow.key();
  }

  /** Every book saved before the start or used since, the dry run first (the saved ones are loaded once, at start). */
  public List<PaperBook> books() {
    return books.values().stream()
        .sorted(
            (a, b) ->
                a.name().equals(PAPER)
                    ? -1
                    : b.name().equals(PAPER) ? 1 : a.name().compareTo(b.name()))
        .toList();
  }

  public Optional<PaperBook> find(String name) {
    return Optional.ofNullable(books.get(name));
  }

  /** Flattens the book at its last prices and starts it again with {@code equity} USDT. */
  public PaperBook reset(String name, BigDecimal equity) {
    PaperBook book = book(name);
    book.reset(equity, clock.instant());
    log.info("event=paper_reset book=\"{}\" equity={}", name, equity.toPlainString());
    return book;
  }

  String tradeMode() {
    return tradeMode.get();
  }

  private PaperBook book(String name) {
    return books.computeIfAbsent(
        name,
        n ->
            new PaperBook(
                n,
                repository
                    .book(n)
                    .map(PaperBookJson::read)
                    .orElseGet(
                        () ->
                            PaperBook.BookState.fresh(
                                PaperBook.DEFAULT_EQUITY,
                                PaperBook.DEFAULT_TAKER_FEE,
                                PaperBook.DEFAULT_SLIPPAGE_BPS,
                                clock.instant())),
                repository::save,
                guardrails));
  }

  public void start() {
    repository.books().forEach(this::book);
    paper();
    loop =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tai2-paper").factory());
    loop.scheduleWithFixedDelay(
        this::tick, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Each book with positions sees the live snapshot of each of their symbols. Never throws. */
  void tick() {
    for (PaperBook book : books.values()) {
      try {
        for (String symbol : book.heldSymbols()) {
          market
              .snapshot(symbol)
              .ifPresent(
                  s ->
                      book.onSnapshot(symbol, s, clock.instant())
                          .ifPresent(
                              c ->
                                  log.info(
                                      "event=paper_exit book=\"{}\" symbol={} reason={} price={} pnl={}",
                                      book.name(),
                                      symbol,
                                      c.reason().word(),
                                      c.exitPrice(),
                                      c.pnl())));
        }
      } catch (RuntimeException e) {
        log.warn("event=paper_tick_failed book=\"{}\" error={}", book.name(), e.toString(), e);
      }
    }
  }

  @Override
  public void close() {
    if (loop != null) {
      loop.shutdownNow();
    }
  }
}
