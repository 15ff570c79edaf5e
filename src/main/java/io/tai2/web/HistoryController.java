package io.tai2.web;

import io.tai2.config.DisplaySettings;
import io.tai2.config.SettingsDocument;
import io.tai2.history.TradeQuery;
import io.tai2.history.TradeRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * HISTORY: executed trades, filtered (symbol, side, dates), sorted by any column and paginated in the database, with
 * the realised PnL and fees of everything the filters match; the same selection as CSV and as JSON. Below them, apart and
 * marked PAPER or SHADOW, the paper books' round trips (never sent to OKX).
 */
@Controller
class HistoryController {

  private final TradeRepository trades;
  private final PaperPanel paper;
  private final SettingsDocument<DisplaySettings> display;

  HistoryController(
      TradeRepository trades, PaperPanel paper, SettingsDocument<DisplaySettings> display) {
    this.display = display;
    this.trades = trades;
    this.paper = paper;
  }

  /** The filters as the page's form and links carry them (dates as yyyy-mm-dd, UTC days, both inclusive). */
  record Filters(
      String symbol,
      String side,
      String from,
      String to,
      String sort,
      String dir,
      Integer page,
      Integer size) {

    static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2100, 12, 31);

    /** Bound from the query string; what is left out is the newest first, 50 a page. */
    Filters {
      sort = sort == null || sort.isBlank() ? "time" : sort;
      dir = dir == null || dir.isBlank() ? "desc" : dir;
      page = page == null ? 1 : page;
      size = size == null ? 50 : size;
    }

    static Filters newest() {
      return new Filters(null, null, null, null, null, null, null, null);
    }

    Filters atPage(int page, int size) {
      return new Filters(symbol, side, from, to, sort, dir, page, size);
    }

    TradeQuery query() {
      Optional<Instant> start =
          day(from, "from").map(d -> d.atStartOfDay().toInstant(ZoneOffset.UTC));
      Optional<Instant> end =
          day(to, "to").map(d -> d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
      if (!dir.equals("asc") && !dir.equals("desc")) {
        throw new BadParameterException(
            "dir", "dir must be asc or desc, was " + RequestProblems.echo(dir));
      }
      try {
        return new TradeQuery(
            Optional.ofNullable(symbol),
            Optional.ofNullable(side),
            start,
            end,
            sort,
            dir.equals("desc"),
            page,
            size);
      } catch (IllegalArgumentException e) {
        // TradeQuery's messages start with the parameter they are about ("size must be between 1
        // and 200, …")
        String first = String.valueOf(e.getMessage()).split(" ", 2)[0];
        throw List.of("side", "sort", "page", "size", "from").contains(first)
            ? new BadParameterException(first, e.getMessage())
            : e;
      }
    }

    private static Optional<LocalDate> day(String text, String name) {
      if (text == null || text.isBlank()) {
        return Optional.empty();
      }
      LocalDate day;
      try {
        day = LocalDate.parse(text.strip());
      } catch (DateTimeParseException e) {
        throw new BadParameterException(
            name, name + " must be a date like 2026-12-04, was " + RequestProblems.echo(text));
      }
      // a far date (+999999999-12-31) overflows the day after it; no trade is outside these years
      if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
        throw new BadParameterException(
            name, name + " must be between " + FIRST_DAY + " and " + LAST_DAY + ", was " + day);
      }
      return Optional.of(day);
    }

    /** A link to the same selection with some parameters changed. */
    String link(String path, Map<String, Object> changes) {
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("symbol", symbol);
      params.put("side", side);
      params.put("from", from);
      params.put("to", to);
      params.put("sort", sort);
      params.put("dir", dir);
      params.put("page", page);
      params.put("size", size);
      params.putAll(changes);
      UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
      params.forEach(
          (k, v) -> {
            if (v != null && !v.toString().isBlank()) {
              b.queryParam(k, v);
            }
          });
      return b.encode().build().toUriString();
    }
  }

  /** An executed trade; {@code time} in the display zone, which the column header names. */
  record Row(
      String time,
      String symbol,
      String side,
      String size,
      String price,
      String amount,
      String fee,
      String pnl,
      boolean loss,
      String clientOrderId,
      String reasoning) {}

  record Header(String column, String label, String link, String arrow) {}

  record View(
      Filters filters,
      List<Row> rows,
      List<Header> headers,
      long total,
      String pnl,
      boolean loss,
      String fees,
      int page,
      int pages,
      String prev,
      String next,
      String csv) {}

  @GetMapping("/history")
  String page(Model model, Filters filters) {
    model.addAttribute("page", Page.HISTORY);
    model.addAttribute("paperTrades", paper.history());
    show(model, filters);
    return "history";
  }

  @GetMapping("/history/table")
  String table(Model model, Filters filters) {
    show(model, filters);
    return "history :: #history-table"; // by id: "table" would also select every <table> element of
    // the page
  }

  /** The selection, or, for filters that make no sense, what is wrong with them above the unfiltered newest trades. */
  private void show(Model model, Filters f) {
    try {
      model.addAttribute("history", view(f));
    } catch (IllegalArgumentException e) {
      model.addAttribute("historyError", e.getMessage());
      model.addAttribute("history", view(Filters.newest()));
    }
  }

  private View view(Filters f) {
    TradeQuery.Page result = trades.page(f.query());
    int pages = (int) Math.max(1, (result.total() + f.size() - 1) / f.size());
    ZoneId zone = display.current().timeZone();
    List<Row> rows =
        result.rows().stream()
            .map(
                t ->
                    new Row(
                        Fmt.bareTime(t.timestamp(), zone),
                        t.symbol(),
                        t.side(),
                        Fmt.num(t.size()) + " ct",
                        Fmt.num(t.price()),
                        Fmt.num(t.amount()),
                        t.fee().map(Fmt::usdt).orElse("–"),
                        t.pnl().map(Fmt::usdt).orElse("–"),
                        t.pnl().map(p -> p.signum() < 0).orElse(false),
                        t.clientOrderId().orElse(""),
                        t.llmReasoning().orElse("")))
            .toList();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("time", Fmt.header("Time", zone));
    labels.put("symbol", "Symbol");
    labels.put("side", "Side");
    labels.put("size", "Size");
    labels.put("price", "Fill price");
    labels.put("amount", "Amount");
    labels.put("fee", "Fee");
    labels.put("pnl", "Realised PnL");
    List<Header> headers =
        labels.entrySet().stream()
            .map(
                e -> {
                  boolean current = e.getKey().equals(f.sort());
                  String nextDir = current && f.dir().equals("desc") ? "asc" : "desc";
                  return new Header(
                      e.getKey(),
                      e.getValue(),
                      f.link(
                          "/history/table", Map.of("sort", e.getKey(), "dir", nextDir, "page", 1)),
                      current ? (f.dir().equals("desc") ? "▼" : "▲") : "");
                })
            .toList();
    return new View(
        f,
        rows,
        headers,
        result.total(),
        Fmt.usdt(result.realisedPnl()),
        result.realisedPnl().signum() < 0,
        Fmt.usdt(result.fees()),
        f.page(),
        pages,
        f.page() > 1 ? f.link("/history/table", Map.of("page", f.page() - 1)) : null,
        f.page() < pages ? f.link("/history/table", Map.of("page", f.page() + 1)) : null,
        f.link("/trades/export.csv", Map.of("page", "", "size", "")));
  }
}
