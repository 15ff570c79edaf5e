package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A book snapshot: asks ascending, bids descending; sizes in contracts for swaps. */
public record OrderBook(String instId, List<Level> asks, List<Level> bids, Instant ts) {

  public OrderBook {
    asks = List.copyOf(asks);
    bids = List.copyOf(bids);
  }

  /** One price level. */
  public record Level(BigDecimal price, BigDecimal size, int orders) {}
}
