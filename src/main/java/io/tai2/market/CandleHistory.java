package io.tai2.market;

import io.tai2.indicators.Series;
import java.util.List;
import java.util.Map;

/**
 * One symbol's candles of one timeframe with the indicators at each, in columns aligned by index (oldest first), as
 * charts take them: the last 200 closed candles and, when {@code lastOpen}, the open one. Volume is in contracts;
 * indicator values are null where undefined.
 */
public record CandleHistory(
    String symbol,
    String timeframe,
    boolean lastOpen,
    List<Long> ts,
    List<Double> open,
    List<Double> high,
    List<Double> low,
    List<Double> close,
    List<Double> volumeContracts,
    Map<String, List<Double>> indicators) {

  /** One series' column (null where undefined), empty when this history has none. */
  public List<Double> column(Series series) {
    return indicators.getOrDefault(series.key(), List.of());
  }
}
