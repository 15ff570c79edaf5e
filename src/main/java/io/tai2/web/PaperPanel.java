package io.tai2.web;

import io.tai2.config.DisplaySettings;
import io.tai2.config.ExecutionSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.history.PaperRepository;
import io.tai2.history.PaperTrade;
import io.tai2.paper.PaperDesk;
import io.tai2.paper.PaperSummary;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What LIVE and HISTORY show of paper trading, always marked PAPER or SHADOW so it is never read as the exchange's: the
 * dry-run book in full while live execution is off, any book holding positions in full, every shadow book in one line,
 * and the round trips. A failing source shows as a note; it never takes the page down.
 */
@Component
class PaperPanel {

  private static final Logger log = LoggerFactory.getLogger(PaperPanel.class);

  /** How many paper round trips HISTORY lists (the API gives more). */
  static final int HISTORY_ROWS = 100;

  private final ObjectProvider<PaperDesk> desk;
  private final PaperRepository repository;
  private final SettingsDocument<ExecutionSettings> execution;
  private final SettingsDocument<DisplaySettings> display;

  PaperPanel(
      ObjectProvider<PaperDesk> desk,
      PaperRepository repository,
      SettingsDocument<ExecutionSettings> execution,
      SettingsDocument<DisplaySettings> display) {
    this.desk = desk;
    this.repository = repository;
    this.execution = execution;
    this.display = display;
  }

  /** LIVE's PAPER card: {@code books} names every book the reset form offers, the dry run first. */
  record View(
      boolean running,
      boolean liveExecution,
      String note,
      List<BookCard> cards,
      List<ShadowRow> shadows,
      List<String> books) {}

  /** A book in full; {@code kind} PAPER or SHADOW. */
  record BookCard(
      String name,
      String kind,
      String equity,
      String pnl,
      boolean loss,
      String since,
      String available,
      String fees,
      String funding,
      String lock,
      List<LivePanel.PositionRow> positions) {}

  record ShadowRow(String name, String equity, String pnl, boolean loss, int open) {}

  /** A paper round trip on HISTORY; {@code kind} PAPER or SHADOW; its times in the display zone, which the headers name. */
  record TradeRow(
      String kind,
      String book,
      String symbol,
      String side,
      String size,
      String entryTime,
      String entry,
      String exitTime,
      String exit,
      String reason,
      String fees,
      String funding,
      String pnl,
      boolean loss,
      String mfe,
      String mae,
      boolean open) {

    /**
     * The book as a row names it beside its badge: a shadow's {@code model @ version} without the {@code shadow: } prefix
     * and with the version id cut to its first 8 characters (the full name is the cell's title).
     */
    public String shortName() {
      String name = book.startsWith("shadow: ") ? book.substring("shadow: ".length()) : book;
      int at = name.lastIndexOf(" @ ");
      return at >= 0 && name.length() - at - 3 > 9 ? name.substring(0, at + 3 + 8) + "…" : name;
    }
  }

  View live() {
    PaperDesk d = desk.getIfAvailable();
    boolean live = execution.current().enabled();
    if (d == null) {
      return new View(
          false,
          live,
          "paper trading follows the market engine, which is off in this process",
          List.of(),
          List.of(),
          List.of());
    }
    try {
      String mode = execution.current().tradeMode();
      ZoneId zone = display.current().timeZone();
      List<PaperSummary> all = d.books().stream().map(b -> b.summary(mode)).toList();
      List<BookCard> cards =
          all.stream()
              .filter(s -> (!live && s.name().equals(PaperDesk.PAPER)) || !s.positions().isEmpty())
              .map(s -> card(s, zone))
              .toList();
      List<ShadowRow> shadows =
          all.stream()
              .filter(s -> !s.name().equals(PaperDesk.PAPER))
              .map(
                  s ->
                      new ShadowRow(
                          s.name(),
                          Fmt.usdt(s.equity()),
                          signed(s.pnl()),
                          loss(s.pnl()),
                          s.positions().size()))
              .toList();
      String note =
          live
              ? "live execution is on: approved plans go to OKX; paper books here are the shadows' and any dry-run position left"
              : "live execution is off: approved plans fill in the dry-run book \"paper\" at live prices";
      return new View(
          true, live, note, cards, shadows, all.stream().map(PaperSummary::name).toList());
    } catch (RuntimeException e) {
      log.warn("event=live_panel_source_failed source=paper error={}", e.toString());
      return new View(
          false,
          live,
          "paper books unavailable: " + e.getMessage(),
          List.of(),
          List.of(),
          List.of());
    }
  }

  /** HISTORY's paper round trips, newest entry first; empty (and logged) when the database cannot be read. */
  List<TradeRow> history() {
    try {
      ZoneId zone = display.current().timeZone();
      return repository.recent(HISTORY_ROWS).stream().map(t -> row(t, zone)).toList();
    } catch (RuntimeException e) {
      log.warn("event=history_source_failed source=paper error={}", e.toString());
      return List.of();
    }
  }

  static String kind(String book) {
    return PaperDesk.PAPER.equals(book) ? "PAPER" : "SHADOW";
  }

  private static BookCard card(PaperSummary s, ZoneId zone) {
    BigDecimal pct =
        s.initialEquity().signum() == 0
            ? BigDecimal.ZERO
            : s.pnl().divide(s.initialEquity(), MathContext.DECIMAL64);
    return new BookCard(
        s.name(),
        kind(s.name()),
        Fmt.usdt(s.equity()),
        signed(s.pnl()) + " (" + (pct.signum() > 0 ? "+" : "") + Fmt.pct(pct) + ")",
        loss(s.pnl()),
        Fmt.usdt(s.initialEquity()) + " at " + Fmt.time(s.startedAt(), zone),
        Fmt.usdt(s.available()),
        Fmt.usdt(s.feesPaid()),
        Fmt.usdt(s.fundingPaid()),
        s.lock().orElse(null),
        LivePanel.positionRows(s.positions()));
  }

  private static TradeRow row(PaperTrade t, ZoneId zone) {
    return new TradeRow(
        kind(t.book()),
        t.book(),
        t.symbol(),
        t.side(),
        Fmt.num(t.contracts()) + " ct",
        Fmt.bareTime(t.entryTime(), zone),
        Fmt.num(t.entryPrice()),
        t.exitTime().map(x -> Fmt.bareTime(x, zone)).orElse(""),
        t.exitPrice().map(Fmt::num).orElse("open"),
        t.exitReason().orElse("–"),
        t.fees().map(Fmt::usdt).orElse("–"),
        t.funding().map(Fmt::usdt).orElse("–"),
        t.pnl().map(PaperPanel::signed).orElse("–"),
        t.pnl().map(PaperPanel::loss).orElse(false),
        t.mfePct().map(PaperPanel::percent).orElse("–"),
        t.maePct().map(PaperPanel::percent).orElse("–"),
        !t.closed());
  }

  /** A PnL with its sign: +12.30 USDT, -4.00 USDT. */
  private static String signed(BigDecimal v) {
    return (v.setScale(2, RoundingMode.HALF_EVEN).signum() > 0 ? "+" : "") + Fmt.usdt(v);
  }

  private static boolean loss(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_EVEN).signum() < 0;
  }

  /** A value already in % (MFE/MAE). */
  private static String percent(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " %";
  }
}
