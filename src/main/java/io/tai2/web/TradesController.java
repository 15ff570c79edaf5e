package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.history.ExecutedTrade;
import io.tai2.history.TradeRepository;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Executed trades from the history database. */
@RestController
class TradesController {

  static final int MAX_LIMIT = 1000;

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
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    try {
      return new TradesPage(trades.recent(limit));
    } catch (DataAccessException e) {
      throw new ServiceUnavailableException(
          "trades unavailable", "the history database is not reachable; check DATABASE_URL and the server", e);
    }
  }
}
