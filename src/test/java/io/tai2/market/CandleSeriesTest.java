package io.tai2.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.okx.Candle;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One timeframe's candles: live candles that beat the REST history are applied after it, in order. */
class CandleSeriesTest {

  static final long MINUTE = 60_000;

  static Candle candle(long ts, double close, boolean confirmed) {
    BigDecimal c = BigDecimal.valueOf(close);
    return new Candle(
        Instant.ofEpochMilli(ts),
        c,
        c.add(BigDecimal.ONE),
        c.subtract(BigDecimal.ONE),
        c,
        BigDecimal.TEN,
        BigDecimal.ONE,
        BigDecimal.TEN,
        confirmed);
  }

  /** {@code count} closed candles ending one minute before {@code end}, newest first as OKX sends them. */
  static List<Candle> history(long end, int count) {
    List<Candle> newestFirst = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      newestFirst.add(candle(end - i * MINUTE, 100 + Math.sin(i) * 5, true));
    }
    return newestFirst;
  }

  @Test
  void givenLiveCandlesBeforeTheHistory_whenTheHistoryArrives_thenAllAreInInOrder() {
    long now = 1_000 * MINUTE;
    CandleSeries early = new CandleSeries();
    early.on(
        candle(now - MINUTE, 101, true)); // the bar that just closed, pushed before REST answered
    early.on(candle(now, 102, false));
    assertThat(early.view()).as("nothing shown before the history").isNull();

    early.bootstrap(
        history(now - MINUTE, 250)); // REST's newest closed candle is older than the pushed one
    CandleSeries inOrder = new CandleSeries();
    inOrder.bootstrap(history(now - MINUTE, 250));
    inOrder.on(candle(now - MINUTE, 101, true));
    inOrder.on(candle(now, 102, false));

    assertThat(early.view().candles()).isEqualTo(252);
    assertThat(early.view()).isEqualTo(inOrder.view());
    assertThat(early.rows()).hasSize(201);
  }

  @Test
  void givenNoHistory_whenItCannotBeLoaded_thenTheLiveCandlesAloneFillTheSeries() {
    CandleSeries series = new CandleSeries();
    series.on(candle(0, 100, true));
    series.on(candle(MINUTE, 101, false));

    series.bootstrap(List.of());

    assertThat(series.view().candles()).isEqualTo(2);
    assertThat(series.view().candleClosed()).isFalse();
  }
}
