package io.tai2.indicators;

/**
 * Order-flow imbalance over the top levels of a book (docs/spec/tai2-upstream.md §4.7): {@code net} = Σ bid sizes − Σ ask sizes,
 * {@code ratio} = Σ bid sizes / Σ ask sizes (NaN when the asks are empty), {@code weighted} = Σ px·sz of bids − Σ px·sz
 * of asks (in quote currency × contract size units: multiply by ctVal for USDT).
 */
public record OrderFlow(double net, double ratio, double weighted) {

  /** Levels as {@code [price, size]} pairs, best first; at most {@code depth} per side are used. */
  public static OrderFlow of(double[][] bids, double[][] asks, int depth) {
    double bidSize = 0;
    double askSize = 0;
    double bidNotional = 0;
    double askNotional = 0;
    for (int i = 0; i < Math.min(depth, bids.length); i++) {
      bidSize += bids[i][1];
      bidNotional += bids[i][0] * bids[i][1];
    }
    for (int i = 0; i < Math.min(depth, asks.length); i++) {
      askSize += asks[i][1];
      askNotional += asks[i][0] * asks[i][1];
    }
    return new OrderFlow(
        bidSize - askSize,
        askSize == 0 ? Double.NaN : bidSize / askSize,
        bidNotional - askNotional);
  }
}
