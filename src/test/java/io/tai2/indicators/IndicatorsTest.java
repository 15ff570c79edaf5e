package io.tai2.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The indicators against references computed independently from TA-Lib's formulas ({@code scripts/indicator-reference.py},
 * numpy, from scratch per candle) on real XRP-USDT-SWAP 5-minute candles, and the open-candle preview against appending.
 */
class IndicatorsTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final double RELATIVE = 1e-6;

  static List<Bar> bars() throws IOException {
    List<Bar> bars = new ArrayList<>();
    for (JsonNode r : read("/data/xrp-usdt-swap-5m.json")) {
      bars.add(
          new Bar(
              r.get(0).asLong(),
              r.get(1).asDouble(),
              r.get(2).asDouble(),
              r.get(3).asDouble(),
              r.get(4).asDouble(),
              r.get(5).asDouble()));
    }
    bars.sort(Comparator.comparingLong(Bar::ts));
    return bars;
  }

  static JsonNode read(String resource) throws IOException {
    try (InputStream in = IndicatorsTest.class.getResourceAsStream(resource)) {
      return JSON.readTree(in);
    }
  }

  @Test
  void givenRealCandles_whenAppendedOneByOne_thenEverySeriesMatchesTheReferenceToOnePartPerMillion()
      throws IOException {
    List<Bar> bars = bars();
    JsonNode reference = read("/data/xrp-usdt-swap-5m.indicators.json");
    assertThat(reference.path("ts").size()).isEqualTo(bars.size());
    Indicators indicators = new Indicators();
    int compared = 0;

    for (int i = 0; i < bars.size(); i++) {
      IndicatorValues values = indicators.append(bars.get(i));
      assertThat(values.ts()).isEqualTo(reference.path("ts").get(i).asLong());
      for (Series series : Series.values()) {
        JsonNode expected = reference.path(series.key()).get(i);
        double actual = values.get(series);
        if (expected.isNull()) {
          assertThat(actual).as("%s at candle %d is not defined yet", series.key(), i).isNaN();
        } else {
          double want = expected.asDouble();
          // Relative, with an absolute floor of 1e-9 for values at zero (a StochRSI of 0 may come
          // out as 1e-14).
          double tolerance = Math.max(RELATIVE * Math.abs(want), 1e-9);
          assertThat(actual)
              .as("%s at candle %d", series.key(), i)
              .isCloseTo(want, Offset.offset(tolerance));
          compared++;
        }
      }
    }
    assertThat(compared).as("values compared").isGreaterThan(35_000);
  }

  @Test
  void
      givenTheSeriesCatalogue_whenCandlesAreAppended_thenEachSeriesFirstHasAValueAfterItsDeclaredWarmUp()
          throws IOException {
    Indicators indicators = new Indicators();
    Map<Series, Integer> firstDefined = new EnumMap<>(Series.class);
    List<Bar> bars = bars();
    for (int i = 0; i < 300; i++) {
      IndicatorValues values = indicators.append(bars.get(i));
      for (Series series : Series.values()) {
        if (values.isDefined(series)) {
          firstDefined.putIfAbsent(series, i);
        }
      }
    }

    for (Series series : Series.values()) {
      assertThat(firstDefined.get(series))
          .as("%s's warm-up", series.key())
          .isEqualTo(series.warmUp());
    }
  }

  @Test
  void
      givenTheSeriesCatalogue_whenRead_thenKeysAndLabelsAreUniqueAndEveryChartedSeriesHasAPanelTitle() {
    assertThat(Arrays.stream(Series.values()).map(Series::key))
        .doesNotHaveDuplicates()
        .allMatch(k -> k.matches("[a-z0-9_]+"));
    for (Series series : Series.values()) {
      assertThat(series.label()).as(series.key()).isNotBlank();
      assertThat(series.panel() == Series.Panel.NONE || !series.panel().title().isBlank())
          .as(series.key())
          .isTrue();
    }
  }

  @Test
  void
      givenAnOpenCandleThatKeepsChanging_whenPreviewed_thenEachPreviewEqualsAppendingThatCandleToTheHistory()
          throws IOException {
    List<Bar> bars = bars();
    Indicators live = new Indicators();
    for (int i = 0; i < bars.size(); i++) {
      Bar full = bars.get(i);
      if (i % 97 == 0 || i > bars.size() - 20 || (i >= 12 && i <= 40)) {
        for (Bar partial : partials(full)) {
          IndicatorValues preview = live.preview(partial);
          Indicators scratch = new Indicators();
          bars.subList(0, i).forEach(scratch::append);
          assertThat(preview).as("preview at candle %d", i).isEqualTo(scratch.append(partial));
        }
      }
      live.append(full);
    }
  }

  /** How an open candle grows: at its open, after a dip, after a rally, and nearly closed. */
  static List<Bar> partials(Bar full) {
    return List.of(
        new Bar(full.ts(), full.open(), full.open(), full.open(), full.open(), 0),
        new Bar(full.ts(), full.open(), full.open(), full.low(), full.low(), full.volume() / 3),
        new Bar(
            full.ts(), full.open(), full.high(), full.low(), full.high(), full.volume() * 2 / 3),
        new Bar(
            full.ts(), full.open(), full.high(), full.low(), full.close(), full.volume() * 0.99));
  }

  @Test
  void givenPreviews_whenTheCandleFinallyCloses_thenNothingOfThePreviewsRemains()
      throws IOException {
    List<Bar> bars = bars().subList(0, 300);
    Indicators withPreviews = new Indicators();
    Indicators plain = new Indicators();
    for (Bar bar : bars) {
      partials(bar).forEach(withPreviews::preview);
      assertThat(withPreviews.append(bar)).isEqualTo(plain.append(bar));
    }
  }
}
