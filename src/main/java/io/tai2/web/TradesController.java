package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.history.ExecutedTrade;
import io.tai2.history.TradeQuery;
import io.tai2.history.TradeRepository;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Executed trades from the history database. */
@RestController
class TradesController {

  static final int MAX_LIMIT = 1000;
  static final int CSV_MAX_ROWS = 100_000;

  private final TradeRepository trades;

  TradesController(TradeRepository trades) {
    this.trades = trades;
  }

  /** Jackson writes the Optional fields as their value or null, in snake_case. */
  record TradesPage(List<ExecutedTrade> items) {}

  @Operation(summary = "Most recent executed trades, newest first")
  @GetMapping("/trades/recent")
  TradesPage recent(@RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadParameterException(
          "limit", "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    try {
      return new TradesPage(trades.recent(limit));
    } catch (DataAccessException e) {
      throw new ServiceUnavailableException(
          "trades unavailable",
          "the history database is not reachable; check DATABASE_URL and the server",
          e);
    }
  }

  @Operation(
      summary =
          "Executed trades: filter (symbol, side, from/to dates), sort (time, symbol, side, size, price, amount, fee, pnl; asc/desc), "
              + "page (size ≤ 200); with the count, realised PnL and fees of all matches")
  @GetMapping("/trades")
  TradeQuery.Page json(HistoryController.Filters filters) {
    return trades.page(filters.query());
  }

  @Operation(
      summary =
          "The same selection as CSV (every match, in the chosen order, at most 100,000 rows)")
  @GetMapping("/trades/export.csv")
  void csv(HttpServletResponse response, HistoryController.Filters filters) throws IOException {
    filters.query(); // invalid filters are a 400 before anything is written
    response.setContentType("text/csv; charset=utf-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"tai2-trades.csv\"");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    PrintWriter out = response.getWriter();
    out.print(
        "executed_at,symbol,side,contracts,price,amount,fee_usdt,realised_pnl_usdt,client_order_id,reasoning\r\n");
    int written = 0;
    for (int page = 1; written < CSV_MAX_ROWS; page++) {
      List<ExecutedTrade> rows = trades.page(filters.atPage(page, 200).query()).rows();
      for (ExecutedTrade t : rows) {
        out.print(
            String.join(
                    ",",
                    t.timestamp().toString(),
                    cell(t.symbol()),
                    t.side(),
                    plain(t.size()),
                    plain(t.price()),
                    plain(t.amount()),
                    t.fee().map(TradesController::plain).orElse(""),
                    t.pnl().map(TradesController::plain).orElse(""),
                    cell(t.clientOrderId().orElse("")),
                    cell(t.llmReasoning().orElse("")))
                + "\r\n");
      }
      written += rows.size();
      if (rows.size() < 200) {
        break;
      }
    }
    out.flush();
  }

  private static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  /** RFC 4180: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
  static String cell(String value) {
    String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
        ? "\"" + v.replace("\"", "\"\"") + "\""
        : v;
  }
}
