package io.tai2.sim;

import java.util.concurrent.atomic.AtomicLong;

/** The simulator's ids: numeric strings that only grow, 19 digits like OKX order ids. */
final class SimIds {

  private final AtomicLong last = new AtomicLong(2_896_576_259_728_695_296L);

  /** A new order, algo, position or bill id. */
  String next() {
    return Long.toString(last.incrementAndGet());
  }

  /** A trade id derived from the last id issued (nine digits, as OKX's are). */
  String tradeId() {
    return Long.toString(last.get() % 1_000_000_000L);
  }
}
