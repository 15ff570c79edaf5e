package io.tai2.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ticker's rolling 24 h figures of a replay, against a plain scan over every minute applied. */
class TrailingDayTest {

  static final long MINUTE = 60_000;

  record Minute(long ts, double open, double high, double low, double volume) {}

  @Test
  void givenMinutesWithGaps_whenReadAtEveryCloseAndLater_thenTheFiguresEqualAScanOfTheLast24h() {
    SplittableRandom random = new SplittableRandom(3);
    TrailingDay day = new TrailingDay();
    List<Minute> all = new ArrayList<>();
    long ts = 1_000 * MINUTE;
    for (int i = 0; i < 5_000; i++) {
      ts +=
          random.nextInt(10) == 0
              ? MINUTE * (2 + random.nextInt(90))
              : MINUTE; // a gap now and then, some over an hour
      double open = 100 + random.nextDouble() * 10;
      Minute m =
          new Minute(
              ts,
              open,
              open + random.nextDouble(),
              open - random.nextDouble(),
              random.nextInt(1_000));
      all.add(m);
      day.add(m.ts(), m.open(), m.high(), m.low(), m.volume());
      for (long now : new long[] {ts + MINUTE, ts + 37 * MINUTE, ts + 25 * 60 * MINUTE}) {
        TrailingDay.Stats expected = scan(all, now);
        TrailingDay.Stats actual = day.at(now);
        if (expected == null) {
          assertThat(actual).as("no minute in the day before %d", now).isNull();
          continue;
        }
        assertThat(actual.open()).isEqualTo(expected.open());
        assertThat(actual.high()).isEqualTo(expected.high());
        assertThat(actual.low()).isEqualTo(expected.low());
        assertThat(actual.volume()).isCloseTo(expected.volume(), within(1e-6));
      }
    }
  }

  private static TrailingDay.Stats scan(List<Minute> all, long now) {
    List<Minute> in =
        all.subList(Math.max(0, all.size() - TrailingDay.MINUTES), all.size()).stream()
            .filter(m -> m.ts() >= now - 86_400_000L && m.ts() < now)
            .toList();
    if (in.isEmpty()) {
      return null;
    }
    return new TrailingDay.Stats(
        in.getFirst().open(),
        in.stream().mapToDouble(Minute::high).max().orElseThrow(),
        in.stream().mapToDouble(Minute::low).min().orElseThrow(),
        in.stream().mapToDouble(Minute::volume).sum());
  }
}
