package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.config.ExecutionSettings;
import io.tai2.config.InvalidFieldsException;
import io.tai2.config.SettingsDocument;
import io.tai2.config.StrictJson;
import io.tai2.history.PaperRepository;
import io.tai2.history.PaperTrade;
import io.tai2.market.AccountSnapshot;
import io.tai2.paper.PaperBook;
import io.tai2.paper.PaperDesk;
import io.tai2.paper.PaperSummary;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Paper trading: the dry-run book and the shadows' books with their positions, their round trips, and a reset. It is paper
 * money — nothing here reaches OKX — so a reset needs no password, only the same login and CSRF rules as every write.
 */
@RestController
class PaperController {

  static final BigDecimal MIN_EQUITY = BigDecimal.TEN;
  static final BigDecimal MAX_EQUITY = new BigDecimal("100000000");
  static final int MAX_LIMIT = 1000;
  static final List<String> TRADE_PARAMETERS = List.of("book", "limit");

  private final ObjectProvider<PaperDesk> desk;
  private final PaperRepository repository;
  private final SettingsDocument<ExecutionSettings> execution;

  PaperController(
      ObjectProvider<PaperDesk> desk,
      PaperRepository repository,
      SettingsDocument<ExecutionSettings> execution) {
    this.desk = desk;
    this.repository = repository;
    this.execution = execution;
  }

  record Books(boolean liveExecution, List<Book> books) {}

  /** One paper account; money in USDT, {@code lock} the reason its own daily-loss lock is on (null while off). */
  record Book(
      String name,
      String source,
      Instant startedAt,
      BigDecimal initialEquityUsdt,
      BigDecimal equityUsdt,
      BigDecimal pnlUsdt,
      BigDecimal cashUsdt,
      BigDecimal availableUsdt,
      BigDecimal feesPaidUsdt,
      BigDecimal fundingPaidUsdt,
      String lock,
      List<Position> positions) {}

  record Position(
      String symbol,
      String side,
      BigDecimal contracts,
      BigDecimal entryPrice,
      BigDecimal markPrice,
      BigDecimal uplUsdt,
      BigDecimal leverage,
      BigDecimal liquidationPrice,
      BigDecimal stopLoss,
      BigDecimal takeProfit) {}

  record Trades(List<Trade> items) {}

  /** One round trip; the exit fields, PnL and MFE/MAE are null while it is {@code open}. */
  record Trade(
      UUID id,
      String book,
      String source,
      String symbol,
      String side,
      BigDecimal contracts,
      BigDecimal leverage,
      Instant entryTime,
      BigDecimal entryPrice,
      Optional<BigDecimal> stopLoss,
      Optional<BigDecimal> takeProfit,
      UUID entryDecision,
      boolean open,
      Optional<Instant> exitTime,
      Optional<BigDecimal> exitPrice,
      Optional<String> exitReason,
      Optional<BigDecimal> feesUsdt,
      Optional<BigDecimal> fundingUsdt,
      Optional<BigDecimal> grossPnlUsdt,
      Optional<BigDecimal> pnlUsdt,
      Optional<BigDecimal> mfePct,
      Optional<BigDecimal> maePct) {}

  /** The reset request, read strictly: {@code book} required, {@code equity_usdt} 10–100,000,000 (default 10,000). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ResetBody(String book, BigDecimal equityUsdt) {}

  @Operation(
      summary =
          "Paper books: the dry run (\"paper\", where approved plans fill while live execution is off) first, then one per shadow "
              + "model; each with equity, PnL since its start, cash, fees, funding, its own daily-loss lock and its open positions. Never sent to OKX.")
  @GetMapping("/api/paper")
  Books books() {
    PaperDesk d = running();
    return new Books(
        execution.current().enabled(),
        d.books().stream().map(b -> book(b.summary(tradeMode()))).toList());
  }

  @Operation(
      summary =
          "Paper round trips, newest entry first: every book, or one (book=paper, book=shadow: model @ version id); limit 1–1000 "
              + "(default 100); open ones have open=true and no exit")
  @GetMapping("/api/paper/trades")
  Trades trades(
      HttpServletRequest request,
      @RequestParam Optional<String> book,
      @RequestParam(defaultValue = "100") int limit) {
    request.getParameterMap().keySet().stream()
        .filter(p -> !TRADE_PARAMETERS.contains(p))
        .findFirst()
        .ifPresent(
            p -> {
              throw new BadParameterException(
                  RequestProblems.echo(p),
                  "unknown parameter "
                      + RequestProblems.echo(p)
                      + "; this endpoint takes book, limit");
            });
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadParameterException(
          "limit", "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    try {
      Optional<String> name = book.filter(b -> !b.isBlank());
      if (name.isPresent() && !exists(name.get())) {
        throw unknownBook(name.get());
      }
      return new Trades(
          name
              .map(n -> repository.recent(n, limit))
              .orElseGet(() -> repository.recent(limit))
              .stream()
              .map(PaperController::trade)
              .toList());
    } catch (DataAccessException e) {
      throw new ServiceUnavailableException(
          "paper trades unavailable",
          "the history database is not reachable; check DATABASE_URL and the server",
          e);
    }
  }

  @Operation(
      summary =
          "Reset a paper book: {\"book\" (required, must exist, else 404), \"equity_usdt\" (10–100,000,000, default 10,000)}; "
              + "its open positions close at their last price (exit reason reset), then it starts again with that equity. Answers the new summary.")
  @PostMapping(path = "/api/paper/reset", consumes = "application/json")
  Book reset(@RequestBody String body) {
    ResetBody reset = StrictJson.bind(StrictJson.parse(body), ResetBody.class, "");
    if (reset.book() == null || reset.book().isBlank()) {
      throw new InvalidFieldsException(
          "book", "book is required: the paper book to reset, such as \"paper\"");
    }
    BigDecimal equity = Optional.ofNullable(reset.equityUsdt()).orElse(PaperBook.DEFAULT_EQUITY);
    if (equity.compareTo(MIN_EQUITY) < 0 || equity.compareTo(MAX_EQUITY) > 0) {
      throw new InvalidFieldsException(
          "equity_usdt",
          "equity_usdt must be between 10 and 100,000,000 USDT, was " + equity.toPlainString());
    }
    PaperDesk d = running();
    if (d.find(reset.book()).isEmpty()) {
      throw unknownBook(reset.book());
    }
    return book(d.reset(reset.book(), equity).summary(tradeMode()));
  }

  private boolean exists(String name) {
    PaperDesk d = desk.getIfAvailable();
    return d != null ? d.find(name).isPresent() : repository.books().contains(name);
  }

  private BadParameterException unknownBook(String name) {
    List<String> names =
        Optional.ofNullable(desk.getIfAvailable())
            .map(d -> d.books().stream().map(PaperBook::name).toList())
            .orElseGet(repository::books);
    return BadParameterException.unknown(
        "book", "no paper book named " + RequestProblems.echo(name) + "; the books are " + names);
  }

  private PaperDesk running() {
    PaperDesk d = desk.getIfAvailable();
    if (d == null) {
      throw new ServiceUnavailableException(
          "paper trading off",
          "paper books follow the market engine, which is not running in this process (tai2.market.enabled=false)");
    }
    return d;
  }

  private String tradeMode() {
    return execution.current().tradeMode();
  }

  /** {@code paper} for the dry run, {@code shadow} for a shadow model's book. */
  static String source(String book) {
    return PaperDesk.PAPER.equals(book) ? "paper" : "shadow";
  }

  static Book book(PaperSummary s) {
    return new Book(
        s.name(),
        source(s.name()),
        s.startedAt(),
        s.initialEquity(),
        s.equity(),
        s.pnl(),
        s.cash(),
        s.available(),
        s.feesPaid(),
        s.fundingPaid(),
        s.lock().orElse(null),
        s.positions().stream().map(PaperController::position).toList());
  }

  private static Position position(AccountSnapshot.Position p) {
    return new Position(
        p.instId(),
        p.side(),
        p.contracts(),
        p.avgPx(),
        p.markPx(),
        p.uplUsdt(),
        p.leverage(),
        p.liqPx(),
        p.stopLoss(),
        p.takeProfit());
  }

  private static Trade trade(PaperTrade t) {
    return new Trade(
        t.id(),
        t.book(),
        source(t.book()),
        t.symbol(),
        t.side(),
        t.contracts(),
        t.leverage(),
        t.entryTime(),
        t.entryPrice(),
        t.stopLoss(),
        t.takeProfit(),
        t.entryDecision(),
        !t.closed(),
        t.exitTime(),
        t.exitPrice(),
        t.exitReason(),
        t.fees(),
        t.funding(),
        t.grossPnl(),
        t.pnl(),
        t.mfePct(),
        t.maePct());
  }
}
