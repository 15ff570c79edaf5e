package io.tai2.indicators;

import java.util.Arrays;

/**
 * The indicator set of docs/spec/tai2-upstream.md §4.6, computed the way TA-Lib does, one candle at a time: {@link #append} a closed candle
 * (O(1), at most a 20-value window), {@link #preview} the still-open candle as often as it changes without committing
 * it. Appending every candle of a history gives, at each candle, exactly the values a from-scratch computation over the
 * history up to that candle gives (the tests check this against independent references).
 *
 * <ul>
 *   <li>EMA(n) seeded with the SMA of the first n closes; RSI(14), ATR(14) with Wilder smoothing seeded by plain means.
 *   <li>MACD(12, 26, 9) as TA-Lib aligns it: slow EMA seeded with the SMA of closes 1–26, fast EMA with the SMA of
 *       closes 15–26, signal with the SMA of the first 9 MACD values; all three defined from the 34th candle.
 *   <li>ADX(14) and ±DI(14): DM and TR summed over the first 13 changes, then Wilder; DI from the 15th candle, ADX = mean
 *       of the first 14 DX values (28th candle), then Wilder.
 *   <li>Bollinger(20, 2) with the population standard deviation; StochRSI(14, 14, 3, 3): stochastic of RSI over 14 (0
 *       when flat), %K = SMA3, %D = SMA3 of %K; CMF(20); OBV from the first volume; VWAP of the typical price, reset at
 *       each UTC midnight; volume SMA(20) and RSI(14) of volume.
 * </ul>
 *
 * Not thread-safe: one feed thread owns an instance.
 */
public final class Indicators {

  private static final long DAY_MILLIS = 86_400_000L;
  private static final int BB = 20;
  private static final int STOCH = 14;
  private static final int SMOOTH = 3;

  private final Smoother ema50 = Smoother.ema(50);
  private final Smoother ema200 = Smoother.ema(200);
  private final Smoother macdSlow = Smoother.ema(26);
  private final Smoother macdFast = new Smoother(26 - 12, 12, 2.0 / 13);
  private final Smoother macdSignal = Smoother.ema(9);
  private final Smoother rsiGain = Smoother.wilder(14);
  private final Smoother rsiLoss = Smoother.wilder(14);
  private final Smoother volGain = Smoother.wilder(14);
  private final Smoother volLoss = Smoother.wilder(14);
  private final Smoother atr = Smoother.wilder(14);
  private final WilderSum plusDm = new WilderSum(14);
  private final WilderSum minusDm = new WilderSum(14);
  private final WilderSum trSum = new WilderSum(14);
  private final Smoother adx = Smoother.wilder(14);
  private final Window closes = new Window(BB);
  private final Window volumes = new Window(BB);
  private final Window moneyFlow = new Window(BB);
  private final Window rsis = new Window(STOCH);
  private final Window stochs = new Window(SMOOTH);
  private final Window ks = new Window(SMOOTH);
  private final double[] scratch = new double[BB];
  private final double[] scratch2 = new double[BB];

  private Bar previous;
  private double obv;
  private long vwapDay = Long.MIN_VALUE;
  private double vwapPriceVolume;
  private double vwapVolume;
  private IndicatorValues last;

  /** Adds a closed candle and returns the values at it. */
  public IndicatorValues append(Bar bar) {
    last = compute(bar, true);
    previous = bar;
    return last;
  }

  /** The values the history so far plus this (still open) candle give; nothing is remembered. */
  public IndicatorValues preview(Bar open) {
    return compute(open, false);
  }

  /** The values at the last appended candle, or null before the first. */
  public IndicatorValues last() {
    return last;
  }

  private IndicatorValues compute(Bar bar, boolean commit) {
    double[] v = new double[Series.values().length];
    Arrays.fill(v, Double.NaN);
    double c = bar.close();

    v[Series.EMA_50.ordinal()] = ema50.next(c, commit);
    v[Series.EMA_200.ordinal()] = ema200.next(c, commit);
    macd(c, v, commit);
    bollinger(c, v, commit);
    volumeAndFlow(bar, v, commit);
    vwap(bar, v, commit);
    v[Series.OBV.ordinal()] =
        previous == null
            ? bar.volume()
            : obv
                + (c > previous.close()
                    ? bar.volume()
                    : c < previous.close() ? -bar.volume() : 0.0);
    if (previous != null) {
      double change = c - previous.close();
      double rsi =
          rsi(
              rsiGain.next(Math.max(change, 0), commit),
              rsiLoss.next(Math.max(-change, 0), commit));
      v[Series.RSI_14.ordinal()] = rsi;
      stochRsi(rsi, v, commit);
      double tr =
          Math.max(
              bar.high() - bar.low(),
              Math.max(
                  Math.abs(bar.high() - previous.close()), Math.abs(bar.low() - previous.close())));
      v[Series.ATR_14.ordinal()] = atr.next(tr, commit);
      directional(bar, tr, v, commit);
    }
    if (commit) {
      obv = v[Series.OBV.ordinal()];
    }
    return new IndicatorValues(bar.ts(), v);
  }

  private static double rsi(double gain, double loss) {
    if (Double.isNaN(gain)) {
      return Double.NaN;
    }
    return gain + loss == 0 ? 0.0 : 100.0 * gain / (gain + loss);
  }

  private void macd(double c, double[] v, boolean commit) {
    double slow = macdSlow.next(c, commit);
    double fast = macdFast.next(c, commit);
    if (Double.isNaN(slow)) {
      return;
    }
    double line = fast - slow;
    double signal = macdSignal.next(line, commit);
    if (!Double.isNaN(signal)) {
      v[Series.MACD_LINE.ordinal()] = line;
      v[Series.MACD_SIGNAL.ordinal()] = signal;
      v[Series.MACD_HIST.ordinal()] = line - signal;
    }
  }

  private void bollinger(double c, double[] v, boolean commit) {
    int n = closes.with(c, scratch);
    if (commit) {
      closes.push(c);
    }
    if (n < BB) {
      return;
    }
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      sum += scratch[i];
      squares += scratch[i] * scratch[i];
    }
    double mean = sum / n;
    double sd = Math.sqrt(Math.max(0.0, squares / n - mean * mean));
    v[Series.BB_MIDDLE.ordinal()] = mean;
    v[Series.BB_UPPER.ordinal()] = mean + 2 * sd;
    v[Series.BB_LOWER.ordinal()] = mean - 2 * sd;
  }

  /** Volume SMA(20), Chaikin money flow(20) = Σ(multiplier × volume) / Σ volume, and RSI(14) of the volume. */
  private void volumeAndFlow(Bar bar, double[] v, boolean commit) {
    double range = bar.high() - bar.low();
    double multiplier =
        range == 0 ? 0.0 : ((bar.close() - bar.low()) - (bar.high() - bar.close())) / range;
    double flow = multiplier * bar.volume();
    int n = volumes.with(bar.volume(), scratch);
    moneyFlow.with(flow, scratch2);
    if (commit) {
      volumes.push(bar.volume());
      moneyFlow.push(flow);
    }
    if (n == BB) {
      double volumeSum = 0;
      double flowSum = 0;
      for (int i = 0; i < n; i++) {
        volumeSum += scratch[i];
        flowSum += scratch2[i];
      }
      v[Series.VOLUME_SMA_20.ordinal()] = volumeSum / n;
      v[Series.CMF_20.ordinal()] = volumeSum == 0 ? Double.NaN : flowSum / volumeSum;
    }
    if (previous != null) {
      double change = bar.volume() - previous.volume();
      v[Series.VOLUME_RSI_14.ordinal()] =
          rsi(
              volGain.next(Math.max(change, 0), commit),
              volLoss.next(Math.max(-change, 0), commit));
    }
  }

  private void vwap(Bar bar, double[] v, boolean commit) {
    long day = Math.floorDiv(bar.ts(), DAY_MILLIS);
    boolean sameDay = day == vwapDay;
    double typical = (bar.high() + bar.low() + bar.close()) / 3.0;
    double priceVolume = (sameDay ? vwapPriceVolume : 0) + typical * bar.volume();
    double volume = (sameDay ? vwapVolume : 0) + bar.volume();
    v[Series.VWAP.ordinal()] = volume == 0 ? Double.NaN : priceVolume / volume;
    if (commit) {
      vwapDay = day;
      vwapPriceVolume = priceVolume;
      vwapVolume = volume;
    }
  }

  private void stochRsi(double rsi, double[] v, boolean commit) {
    if (Double.isNaN(rsi)) {
      return;
    }
    int n = rsis.with(rsi, scratch);
    if (commit) {
      rsis.push(rsi);
    }
    if (n < STOCH) {
      return;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      lo = Math.min(lo, scratch[i]);
      hi = Math.max(hi, scratch[i]);
    }
    double stoch = hi == lo ? 0.0 : 100.0 * (rsi - lo) / (hi - lo);
    double k = mean(stochs, stoch, commit);
    if (Double.isNaN(k)) {
      return;
    }
    v[Series.STOCHRSI_K.ordinal()] = k;
    v[Series.STOCHRSI_D.ordinal()] = mean(ks, k, commit);
  }

  /** The mean of a 3-value window ending with {@code x}; NaN while it fills. */
  private double mean(Window window, double x, boolean commit) {
    int n = window.with(x, scratch2);
    if (commit) {
      window.push(x);
    }
    if (n < SMOOTH) {
      return Double.NaN;
    }
    return (scratch2[0] + scratch2[1] + scratch2[2]) / SMOOTH;
  }

  private void directional(Bar bar, double tr, double[] v, boolean commit) {
    double up = bar.high() - previous.high();
    double down = previous.low() - bar.low();
    double plus = up > 0 && up > down ? up : 0.0;
    double minus = down > 0 && up < down ? down : 0.0;
    double p = plusDm.next(plus, commit);
    double m = minusDm.next(minus, commit);
    double t = trSum.next(tr, commit);
    if (Double.isNaN(t)) {
      return;
    }
    double diPlus = t == 0 ? 0.0 : 100.0 * p / t;
    double diMinus = t == 0 ? 0.0 : 100.0 * m / t;
    v[Series.DI_PLUS_14.ordinal()] = diPlus;
    v[Series.DI_MINUS_14.ordinal()] = diMinus;
    double dx =
        diPlus + diMinus == 0 ? 0.0 : 100.0 * Math.abs(diPlus - diMinus) / (diPlus + diMinus);
    v[Series.ADX_14.ordinal()] = adx.next(dx, commit);
  }
}
