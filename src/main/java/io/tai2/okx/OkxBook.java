package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * An order book kept from a {@code books} snapshot plus incremental updates (docs/spec/okx-openrouter-protocols.md §8.6): same price replaces the
 * size, size "0" deletes the level; each update's {@code prevSeqId} must equal the last {@code seqId} (a heartbeat
 * repeats it; a sequence reset after maintenance, {@code seqId < prevSeqId}, is accepted). A non-zero checksum is
 * verified over the exact strings received. Not thread-safe: one socket thread feeds it.
 */
final class OkxBook {

  /** What applying a message did. */
  enum Outcome {
    APPLIED,
    /** A message is missing: resubscribe for a fresh snapshot. */
    GAP,
    /** The merged book disagrees with OKX's checksum: resubscribe. */
    CHECKSUM_MISMATCH
  }

  /** Levels by price; the value keeps the exact price and size strings for the checksum. */
  private final TreeMap<BigDecimal, String[]> asks = new TreeMap<>();

  private final TreeMap<BigDecimal, String[]> bids = new TreeMap<>(Comparator.reverseOrder());
  private final String instId;
  private long seqId = Long.MIN_VALUE;
  private Instant ts = Instant.EPOCH;

  OkxBook(String instId) {
    this.instId = instId;
  }

  Outcome apply(String action, JsonNode data) {
    long prev = data.path("prevSeqId").asLong(-1);
    long seq = data.path("seqId").asLong();
    if (action.equals("snapshot")) {
      asks.clear();
      bids.clear();
    } else if (seqId == Long.MIN_VALUE || (prev != seqId && seq >= prev)) {
      return Outcome.GAP;
    }
    merge(asks, data.path("asks"));
    merge(bids, data.path("bids"));
    seqId = seq;
    ts = OkxJson.millis(data.path("ts"));
    int checksum = data.path("checksum").asInt(0);
    if (checksum != 0 && checksum != OkxBookChecksum.of(strings(bids), strings(asks))) {
      return Outcome.CHECKSUM_MISMATCH;
    }
    return Outcome.APPLIED;
  }

  private static void merge(TreeMap<BigDecimal, String[]> side, JsonNode levels) {
    for (JsonNode level : levels) {
      String px = level.get(0).asString();
      String sz = level.get(1).asString();
      BigDecimal price = new BigDecimal(px);
      if (new BigDecimal(sz).signum() == 0) {
        side.remove(price);
      } else {
        side.put(price, new String[] {px, sz, level.path(3).asString("0")});
      }
    }
  }

  private static List<Map.Entry<String, String>> strings(TreeMap<BigDecimal, String[]> side) {
    List<Map.Entry<String, String>> levels = new ArrayList<>(OkxBookChecksum.LEVELS);
    for (String[] level : side.values()) {
      if (levels.size() == OkxBookChecksum.LEVELS) {
        break;
      }
      levels.add(Map.entry(level[0], level[1]));
    }
    return levels;
  }

  long seqId() {
    return seqId;
  }

  /** The best {@code depth} levels per side as an immutable snapshot. */
  OrderBook top(int depth) {
    return new OrderBook(instId, levels(asks, depth), levels(bids, depth), ts);
  }

  private static List<OrderBook.Level> levels(TreeMap<BigDecimal, String[]> side, int depth) {
    List<OrderBook.Level> levels = new ArrayList<>(Math.min(depth, side.size()));
    for (var entry : side.entrySet()) {
      if (levels.size() == depth) {
        break;
      }
      levels.add(
          new OrderBook.Level(
              entry.getKey(),
              new BigDecimal(entry.getValue()[1]),
              Integer.parseInt(entry.getValue()[2])));
    }
    return levels;
  }
}
