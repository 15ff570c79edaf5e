package io.tai2.history;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.LongUnaryOperator;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The candle store: one-minute base bars per instrument (a TimescaleDB hypertable where available) and funding-rate
 * history. Every other timeframe is aggregated from the minute bars, so there is one source of truth per instrument.
 */
@Repository
public class CandleRepository {

  /** Rows per statement: a year of minutes is ~1 000 statements, not 500 000 round trips. */
  static final int CHUNK = 500;

  private final JdbcClient jdbc;

  public CandleRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores bars, replacing any stored at the same (instrument, open time): importing twice changes nothing. */
  public void upsert(String instId, List<MinuteBar> bars) {
    for (int start = 0; start < bars.size(); start += CHUNK) {
      List<MinuteBar> chunk = bars.subList(start, Math.min(bars.size(), start + CHUNK));
      List<Object> params = new ArrayList<>(chunk.size() * 7);
      for (MinuteBar b : chunk) {
        params.addAll(
            List.of(instId, Rows.time(b.ts()), b.open(), b.high(), b.low(), b.close(), b.volume()));
      }
      String row =
          "(CAST(? AS varchar(64)), CAST(? AS timestamp with time zone), CAST(? AS numeric), CAST(? AS numeric),"
              + " CAST(? AS numeric), CAST(? AS numeric), CAST(? AS numeric))";
      jdbc.sql(
              "MERGE INTO candles_1m c USING (VALUES "
                  + String.join(", ", Collections.nCopies(chunk.size(), row))
                  + ")"
                  + " AS v(inst_id, ts, open, high, low, close, volume) ON c.inst_id = v.inst_id AND c.ts = v.ts"
                  + " WHEN MATCHED THEN UPDATE SET open = v.open, high = v.high, low = v.low, close = v.close, volume = v.volume"
                  + " WHEN NOT MATCHED THEN INSERT (inst_id, ts, open, high, low, close, volume)"
                  + " VALUES (v.inst_id, v.ts, v.open, v.high, v.low, v.close, v.volume)")
          .params(params)
          .update();
    }
  }

  /** The stored minute bars opening in [{@code from}, {@code to}), oldest first. */
  public List<MinuteBar> range(String instId, Instant from, Instant to) {
    return jdbc.sql("SELECT * FROM candles_1m WHERE inst_id = ? AND ts >= ? AND ts < ? ORDER BY ts")
        .params(instId, Rows.time(from), Rows.time(to))
        .query(CandleRepository::map)
        .list();
  }

  /** How many minute bars are stored for the instrument in [{@code from}, {@code to}). */
  public long count(String instId, Instant from, Instant to) {
    return jdbc.sql("SELECT COUNT(*) FROM candles_1m WHERE inst_id = ? AND ts >= ? AND ts < ?")
        .params(instId, Rows.time(from), Rows.time(to))
        .query(Long.class)
        .single();
  }

  /** The highest high and lowest low of a run of minute bars. */
  public record PriceRange(BigDecimal high, BigDecimal low) {}

  /**
   * The highest high and lowest low of the minute bars opening in [{@code from}, {@code to}] (both rounded down to their
   * minute); empty unless every minute there is stored — an extreme over a gap could miss the real one.
   */
  public Optional<PriceRange> extremes(String instId, Instant from, Instant to) {
    Instant first = from.truncatedTo(ChronoUnit.MINUTES);
    Instant last = to.truncatedTo(ChronoUnit.MINUTES);
    long minutes = Duration.between(first, last).toMinutes() + 1;
    if (minutes < 1) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT MAX(high) AS high, MIN(low) AS low, COUNT(*) AS bars FROM candles_1m WHERE inst_id = ? AND ts >= ? AND ts <= ?")
        .params(instId, Rows.time(first), Rows.time(last))
        .query(
            (rs, row) ->
                rs.getLong("bars") < minutes
                    ? Optional.<PriceRange>empty()
                    : Optional.of(new PriceRange(Rows.number(rs, "high"), Rows.number(rs, "low"))))
        .single();
  }

  /** Open time of the oldest stored minute bar of the instrument. */
  public Optional<Instant> oldest(String instId) {
    return jdbc.sql("SELECT MIN(ts) AS t FROM candles_1m WHERE inst_id = ?")
        .param(instId)
        .query((rs, row) -> Optional.ofNullable(Rows.instant(rs, "t")))
        .single();
  }

  /** Open time of the newest stored minute bar of the instrument. */
  public Optional<Instant> newest(String instId) {
    return jdbc.sql("SELECT MAX(ts) AS t FROM candles_1m WHERE inst_id = ?")
        .param(instId)
        .query((rs, row) -> Optional.ofNullable(Rows.instant(rs, "t")))
        .single();
  }

  /**
   * Bars of a longer timeframe built from the minute bars opening in [{@code from}, {@code to}), oldest first:
   * {@code openOf} maps a minute's open (epoch millis) to the open of the bar that contains it (the exchange's
   * alignment rule, given by the caller so this module keeps no second copy of it). A bar is open of its first
   * minute, close of its last, the extremes and the summed volume of the minutes stored; a bar cut by the range
   * holds only the minutes inside it.
   */
  public List<MinuteBar> aggregated(
      String instId, Instant from, Instant to, LongUnaryOperator openOf) {
    List<MinuteBar> out = new ArrayList<>();
    jdbc.sql("SELECT * FROM candles_1m WHERE inst_id = ? AND ts >= ? AND ts < ? ORDER BY ts")
        .params(instId, Rows.time(from), Rows.time(to))
        .query(
            new RowCallbackHandler() {
              long open = Long.MIN_VALUE;
              MinuteBar bar;

              @Override
              public void processRow(ResultSet rs) throws SQLException {
                MinuteBar m = map(rs, 0);
                long bucket = openOf.applyAsLong(m.ts().toEpochMilli());
                if (bar != null && bucket == open) {
                  bar =
                      new MinuteBar(
                          bar.ts(),
                          bar.open(),
                          bar.high().max(m.high()),
                          bar.low().min(m.low()),
                          m.close(),
                          canonical(bar.volume().add(m.volume())));
                  out.set(out.size() - 1, bar);
                } else {
                  open = bucket;
                  bar =
                      new MinuteBar(
                          Instant.ofEpochMilli(bucket),
                          m.open(),
                          m.high(),
                          m.low(),
                          m.close(),
                          m.volume());
                  out.add(bar);
                }
              }
            });
    return out;
  }

  /** Stores funding rates, replacing any stored at the same (instrument, funding time). */
  public void upsertFunding(String instId, List<FundingRateRecord> rates) {
    for (FundingRateRecord r : rates) {
      int updated =
          jdbc.sql(
                  "UPDATE funding_rate_history SET rate = ? WHERE inst_id = ? AND funding_time = ?")
              .params(r.rate(), instId, Rows.time(r.fundingTime()))
              .update();
      if (updated == 0) {
        jdbc.sql("INSERT INTO funding_rate_history (inst_id, funding_time, rate) VALUES (?, ?, ?)")
            .params(instId, Rows.time(r.fundingTime()), r.rate())
            .update();
      }
    }
  }

  /** The funding rates charged in [{@code from}, {@code to}), oldest first. */
  public List<FundingRateRecord> funding(String instId, Instant from, Instant to) {
    return jdbc.sql(
            "SELECT * FROM funding_rate_history WHERE inst_id = ? AND funding_time >= ? AND funding_time < ? ORDER BY funding_time")
        .params(instId, Rows.time(from), Rows.time(to))
        .query(
            (rs, row) ->
                new FundingRateRecord(Rows.instant(rs, "funding_time"), Rows.number(rs, "rate")))
        .list();
  }

  /** A sum in the same canonical form as a stored number (no trailing zeros), so equal bars compare equal. */
  private static BigDecimal canonical(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static MinuteBar map(ResultSet rs, int row) throws SQLException {
    return new MinuteBar(
        Rows.instant(rs, "ts"),
        Rows.number(rs, "open"),
        Rows.number(rs, "high"),
        Rows.number(rs, "low"),
        Rows.number(rs, "close"),
        Rows.number(rs, "volume"));
  }
}
