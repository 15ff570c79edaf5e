package io.tai2.indicators;

/** Every series {@link Indicators} produces, with the name the {@code indicators} command writes. */
public enum Series {
  RSI_14("rsi_14"),
  EMA_50("ema_50"),
  EMA_200("ema_200"),
  MACD_LINE("macd_line"),
  MACD_SIGNAL("macd_signal"),
  MACD_HIST("macd_hist"),
  BB_UPPER("bb_upper"),
  BB_MIDDLE("bb_middle"),
  BB_LOWER("bb_lower"),
  ATR_14("atr_14"),
  ADX_14("adx_14"),
  DI_PLUS_14("di_plus_14"),
  DI_MINUS_14("di_minus_14"),
  OBV("obv"),
  VOLUME_SMA_20("volume_sma_20"),
  VOLUME_RSI_14("volume_rsi_14"),
  CMF_20("cmf_20"),
  STOCHRSI_K("stochrsi_k"),
  STOCHRSI_D("stochrsi_d"),
  VWAP("vwap");

  private final String key;

  Series(String key) {
    this.key = key;
  }

  /** The name in the {@code indicators} output, e.g. {@code rsi_14}. */
  public String key() {
    return key;
  }
}
