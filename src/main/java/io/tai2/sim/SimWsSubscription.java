package io.tai2.sim;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * One subscribed channel on one connection, with what the feed last sent on it: the book levels and sequence of a
 * {@code books} subscription, the bar a {@code candle*} subscription last pushed, the last trade price.
 */
final class SimWsSubscription {

  final ObjectNode arg;
  final String channel;
  final String instId;
  final String instType;

  /** {@code books}: the levels the client holds (price → size), asks ascending, bids descending. */
  final TreeMap<BigDecimal, String> asks = new TreeMap<>();

  final TreeMap<BigDecimal, String> bids = new TreeMap<>(Comparator.reverseOrder());

  /** The seqId of the last book/trade message; -1 before the snapshot. */
  long seqId = -1;

  /** Set by the BOOK_GAP fault: the next update skips a sequence number. */
  boolean gapNext;

  /** {@code candle*}: open time of the bar last pushed; {@code trades}: the price last traded. */
  long lastBarOpen = -1;

  BigDecimal lastPrice;
  String lastPayload = "";

  /** When the feed last pushed on this subscription (timed channels and book heartbeats), {@link System#nanoTime()}. */
  long lastPushNanos = System.nanoTime();

  SimWsSubscription(ObjectNode arg, String channel, String instId, String instType) {
    this.arg = arg;
    this.channel = channel;
    this.instId = instId;
    this.instType = instType;
  }
}
