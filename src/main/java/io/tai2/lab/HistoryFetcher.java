package io.tai2.lab;

import io.tai2.history.CandleRepository;
import io.tai2.history.FundingRateRecord;
import io.tai2.history.MinuteBar;
import io.tai2.okx.Candle;
import io.tai2.okx.FundingSettlement;
import io.tai2.okx.OkxMarketData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * Downloads one-minute bars from OKX's {@code market/history-candles} into the candle store, paging backwards with
 * {@code after}. The range is worked in UTC days, newest first; a day whose minutes are all stored is skipped, so a
 * rerun (or a run after an interruption) asks only for the days still missing. The REST client keeps to OKX's limit
 * for the endpoint (20 requests per 2 s).
 */
public final class HistoryFetcher {

  /** Bars per request: the most {@code history-candles} returns on OKX. */
  public static final int PAGE = 100;

  /** Where a fetch stands: bars stored and requests made so far, days done of all days in the range. */
  public record Progress(
      String instId, Instant day, long bars, long requests, int daysDone, int days) {}

  /** What a fetch did: bars stored, requests made, days fetched and days skipped as already complete. */
  public record Summary(
      String instId, long bars, long requests, int daysFetched, int daysSkipped) {}

  private final OkxMarketData market;
  private final CandleRepository store;
  private final Clock clock;
  private final Consumer<Progress> progress;

  public HistoryFetcher(
      OkxMarketData market, CandleRepository store, Clock clock, Consumer<Progress> progress) {
    this.market = market;
    this.store = store;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Fetches the minute bars opening in [{@code from}, {@code to}) that are not stored yet. {@code to} is cut to the
   * current minute (a bar still forming is never stored); {@code from} is rounded up to a whole minute.
   */
  public Summary fetch(String instId, Instant from, Instant to) {
    Instant start = ceilMinute(from);
    Instant end =
        min(to.truncatedTo(ChronoUnit.MINUTES), clock.instant().truncatedTo(ChronoUnit.MINUTES));
    if (!start.isBefore(end)) {
      return new Summary(instId, 0, 0, 0, 0);
    }
    int days =
        (int)
                ChronoUnit.DAYS.between(
                    start.truncatedTo(ChronoUnit.DAYS),
                    end.minusMillis(1).truncatedTo(ChronoUnit.DAYS))
            + 1;
    long bars = 0;
    long requests = 0;
    int fetched = 0;
    int skipped = 0;
    Instant dayEnd = end;
    for (int done = 0; done < days; done++) {
      Instant dayStart = max(start, dayEnd.minusMillis(1).truncatedTo(ChronoUnit.DAYS));
      Instant windowEnd = dayEnd;
      long minutes = Duration.between(dayStart, dayEnd).toMinutes();
      if (store.count(instId, dayStart, dayEnd) >= minutes) {
        skipped++;
      } else {
        fetched++;
        long after = dayEnd.toEpochMilli();
        while (true) {
          List<Candle> page = market.historyCandles(instId, "1m", after, PAGE);
          requests++;
          List<MinuteBar> keep =
              page.stream()
                  .filter(
                      c ->
                          c.confirmed() && !c.ts().isBefore(dayStart) && c.ts().isBefore(windowEnd))
                  .map(c -> new MinuteBar(c.ts(), c.open(), c.high(), c.low(), c.close(), c.vol()))
                  .toList();
          store.upsert(instId, keep);
          bars += keep.size();
          progress.accept(new Progress(instId, dayStart, bars, requests, done, days));
          if (page.isEmpty()) {
            // Nothing older exists (before the instrument was listed): the older days would all
            // come back empty.
            return new Summary(instId, bars, requests, fetched, skipped);
          }
          long oldest = page.getLast().ts().toEpochMilli();
          if (oldest <= dayStart.toEpochMilli() || oldest >= after) {
            break;
          }
          after = oldest;
        }
      }
      progress.accept(new Progress(instId, dayStart, bars, requests, done + 1, days));
      dayEnd = dayStart;
    }
    return new Summary(instId, bars, requests, fetched, skipped);
  }

  /**
   * Fetches the funding settlements in [{@code from}, {@code to}) that lie outside what is stored for the range (before
   * its oldest or after its newest stored settlement); returns how many were stored.
   */
  public int fetchFunding(String instId, Instant from, Instant to) {
    List<FundingRateRecord> stored = store.funding(instId, from, to);
    if (stored.isEmpty()) {
      return fundingBetween(instId, from, to);
    }
    return fundingBetween(instId, stored.getLast().fundingTime().plusMillis(1), to)
        + fundingBetween(instId, from, stored.getFirst().fundingTime());
  }

  private int fundingBetween(String instId, Instant from, Instant to) {
    int stored = 0;
    long after = to.toEpochMilli();
    while (after > from.toEpochMilli()) {
      List<FundingSettlement> page =
          market.fundingRateHistory(instId, after, OkxMarketData.MAX_FUNDING_SETTLEMENTS);
      List<FundingRateRecord> keep =
          page.stream()
              .filter(f -> !f.fundingTime().isBefore(from) && f.fundingTime().isBefore(to))
              .map(f -> new FundingRateRecord(f.fundingTime(), f.rate()))
              .toList();
      store.upsertFunding(instId, keep);
      stored += keep.size();
      if (page.isEmpty() || page.getLast().fundingTime().toEpochMilli() >= after) {
        break;
      }
      after = page.getLast().fundingTime().toEpochMilli();
    }
    return stored;
  }

  private static Instant ceilMinute(Instant t) {
    Instant down = t.truncatedTo(ChronoUnit.MINUTES);
    return down.equals(t) ? t : down.plus(Duration.ofMinutes(1));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
