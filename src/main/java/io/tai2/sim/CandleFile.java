package io.tai2.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a candle file in either of its two layouts (both in docs/BACKTEST.md): {@code [ts, o, h, l, c, v]} with numbers, or
 * OKX's {@code [ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]} with strings; oldest or newest first.
 */
public final class CandleFile {

  /** One candle from the file; {@code ts} is its open time. */
  public record Row(
      Instant ts,
      BigDecimal open,
      BigDecimal high,
      BigDecimal low,
      BigDecimal close,
      BigDecimal volume) {}

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private CandleFile() {}

  /** The rows oldest first; fails with the file name and row number on malformed content. */
  public static List<Row> read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read candle file " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " is not JSON: " + e.getMessage(), e);
    }
    if (!root.isArray() || root.isEmpty()) {
      throw new IllegalArgumentException(file + ": expected a non-empty JSON array of candles");
    }
    List<Row> rows = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode r = root.get(i);
      if (!r.isArray() || r.size() < 6) {
        throw new IllegalArgumentException(
            file + " row " + i + ": expected [ts, open, high, low, close, volume, ...]");
      }
      rows.add(row(file, i, r));
    }
    rows.sort(Comparator.comparing(Row::ts));
    return rows;
  }

  /** The bar length, from the most common spacing between consecutive rows. */
  public static Duration barLength(List<Row> rows) {
    if (rows.size() < 2) {
      return Duration.ofMinutes(1);
    }
    Duration shortest = Duration.between(rows.get(0).ts(), rows.get(1).ts());
    for (int i = 2; i < Math.min(rows.size(), 50); i++) {
      Duration gap = Duration.between(rows.get(i - 1).ts(), rows.get(i).ts());
      if (gap.compareTo(shortest) < 0) {
        shortest = gap;
      }
    }
    return shortest;
  }

  private static final String[] COLUMNS = {"ts", "open", "high", "low", "close", "volume"};

  private static Row row(Path file, int i, JsonNode r) {
    BigDecimal[] v = new BigDecimal[6];
    for (int c = 0; c < 6; c++) {
      try {
        // Floats are read as BigDecimal, so 1.1893 stays 1.1893 rather than a binary double
        // expansion.
        v[c] = r.get(c).isNumber() ? r.get(c).decimalValue() : new BigDecimal(r.get(c).asString());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            file + " row " + i + ": " + COLUMNS[c] + " is not a number: " + r.get(c));
      }
    }
    if (v[2].compareTo(v[3]) < 0) {
      throw new IllegalArgumentException(
          file
              + " row "
              + i
              + ": high "
              + v[2].toPlainString()
              + " is below low "
              + v[3].toPlainString());
    }
    if (v[5].signum() < 0) {
      throw new IllegalArgumentException(
          file + " row " + i + ": volume " + v[5].toPlainString() + " is negative");
    }
    return new Row(Instant.ofEpochMilli(v[0].longValueExact()), v[1], v[2], v[3], v[4], v[5]);
  }
}
