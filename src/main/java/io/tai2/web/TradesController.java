package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.history.ExecutedTrade;
import io.tai2.history.TradeRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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

  /** One trade as the API shows it; numbers are exact decimals as the exchange reported them. */
  record TradeView(
      UUID id,
      Instant timestamp,
      String symbol,
      String instrument,
      String side,
      BigDecimal size,
      BigDecimal price,
      BigDecimal amount,
      String clientOrderId,
      BigDecimal pnl,
      BigDecimal fee,
      String llmReasoning) {

    static TradeView of(ExecutedTrade t) {
      return new TradeView(
          t.id(),
          t.timestamp(),
          t.symbol(),
          t.instrument(),
          t.side(),
          t.size(),
          t.price(),
          t.amount(),
          t.clientOrderId().orElse(null),
          t.pnl().orElse(null),
          t.fee().orElse(null),
          t.llmReasoning().orElse(null));
    }
  }

  record TradesPage(List<TradeView> items) {}

  @Operation(summary = "Most recent executed trades, newest first")
  @GetMapping("/trades/recent")
  TradesPage recent(@RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    try {
      return new TradesPage(trades.recent(limit).stream().map(TradeView::of).toList());
    } catch (DataAccessException e) {
      throw new ServiceUnavailableException(
          "trades unavailable", "the history database is not reachable; check DATABASE_URL and the server", e);
    }
  }
}
