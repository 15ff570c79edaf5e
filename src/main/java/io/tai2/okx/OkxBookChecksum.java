package io.tai2.okx;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The legacy order-book checksum (docs/spec/okx-openrouter-protocols.md §8.6): CRC32 over {@code bid1px:bid1sz:ask1px:ask1sz:…} of the first 25
 * levels per side, interleaved, with prices and sizes as the exact strings received, as a signed 32-bit int. OKX sends
 * 0 since 2026-06-23; a 0 means "not checked".
 */
public final class OkxBookChecksum {

  static final int LEVELS = 25;

  private OkxBookChecksum() {}

  /** Levels as (price, size) strings, best first. */
  public static int of(List<Map.Entry<String, String>> bids, List<Map.Entry<String, String>> asks) {
    StringBuilder text = new StringBuilder(1024);
    for (int i = 0; i < LEVELS; i++) {
      if (i < bids.size()) {
        append(text, bids.get(i));
      }
      if (i < asks.size()) {
        append(text, asks.get(i));
      }
    }
    return of(text.toString());
  }

  /** The checksum of an already-built checksum string (the worked vectors of docs/spec/okx-openrouter-protocols.md §8.6). */
  static int of(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }

  private static void append(StringBuilder text, Map.Entry<String, String> level) {
    if (!text.isEmpty()) {
      text.append(':');
    }
    text.append(level.getKey()).append(':').append(level.getValue());
  }
}
