package io.tai2.indicators;

import java.util.ArrayDeque;

/**
 * Cumulative volume delta from taker trades: {@code +size} for a taker buy, {@code −size} for a taker sell. Keeps the
 * total since the feed started (upstream only had the last 500 trades, which it called cumulative) and the delta over
 * the last {@code window} trades. Sizes in contracts. Not thread-safe.
 */
public final class Cvd {

  private final int window;
  private final ArrayDeque<Double> recent;
  private double total;
  private double windowSum;
  private long trades;

  public Cvd(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1 trade, was " + window);
    }
    this.window = window;
    this.recent = new ArrayDeque<>(window);
  }

  /** Adds a trade; {@code buy} when the taker bought. */
  public void add(boolean buy, double size) {
    double delta = buy ? size : -size;
    total += delta;
    recent.addLast(delta);
    windowSum += delta;
    if (recent.size() > window) {
      windowSum -= recent.removeFirst();
    }
    trades++;
  }

  /** Σ delta since the feed started. */
  public double total() {
    return total;
  }

  /** Σ delta over the last {@code window} trades. */
  public double windowDelta() {
    return windowSum;
  }

  public long trades() {
    return trades;
  }
}
