package io.tai2.indicators;

/**
 * Every series {@link Indicators} produces: the one list the snapshot, the prompt context, the {@code indicators}
 * command, the chart columns and the TA page derive from. Adding an indicator is one entry here plus its math in
 * {@link Indicators}; the TA page draws it on its panel without a change to its script.
 *
 * @param key the name on the wire (snapshot JSON, chart columns, {@code indicators} output), e.g. {@code rsi_14}
 * @param label the name people read on the TA page
 * @param panel where the TA page draws it
 * @param style how it is drawn there
 * @param warmUp closed candles before its first defined value (TA-Lib's lookback; {@code SeriesCatalogueTest} checks
 *     each against the math)
 */
public enum Series {
  RSI_14("rsi_14", "RSI", Panel.RSI, Style.LINE, 14),
  EMA_50("ema_50", "EMA 50", Panel.PRICE, Style.LINE, 49),
  EMA_200("ema_200", "EMA 200", Panel.PRICE, Style.LINE, 199),
  MACD_LINE("macd_line", "MACD", Panel.MACD, Style.LINE, 33),
  MACD_SIGNAL("macd_signal", "signal", Panel.MACD, Style.LINE, 33),
  MACD_HIST("macd_hist", "hist", Panel.MACD, Style.BAR, 33),
  BB_UPPER("bb_upper", "BB upper", Panel.PRICE, Style.DASHED, 19),
  BB_MIDDLE("bb_middle", "BB mid", Panel.PRICE, Style.LINE, 19),
  BB_LOWER("bb_lower", "BB lower", Panel.PRICE, Style.DASHED, 19),
  ATR_14("atr_14", "ATR 14", Panel.NONE, Style.LINE, 14),
  ADX_14("adx_14", "ADX", Panel.ADX, Style.LINE, 27),
  DI_PLUS_14("di_plus_14", "+DI", Panel.ADX, Style.LINE, 14),
  DI_MINUS_14("di_minus_14", "-DI", Panel.ADX, Style.LINE, 14),
  OBV("obv", "OBV", Panel.OBV, Style.LINE, 0),
  VOLUME_SMA_20("volume_sma_20", "volume SMA 20", Panel.VOLUME, Style.LINE, 19),
  VOLUME_RSI_14("volume_rsi_14", "volume RSI 14", Panel.NONE, Style.LINE, 14),
  CMF_20("cmf_20", "CMF", Panel.CMF, Style.LINE, 19),
  STOCHRSI_K("stochrsi_k", "%K", Panel.STOCH_RSI, Style.LINE, 29),
  STOCHRSI_D("stochrsi_d", "%D", Panel.STOCH_RSI, Style.LINE, 31),
  VWAP("vwap", "VWAP", Panel.PRICE, Style.LINE, 0);

  /** Where the TA page draws a series: over the candles, under them with the volume bars, or in a panel of its own. */
  public enum Panel {
    PRICE("price"),
    VOLUME("volume (contracts)"),
    RSI("RSI 14"),
    MACD("MACD"),
    STOCH_RSI("Stoch RSI"),
    ADX("ADX 14"),
    OBV("OBV"),
    CMF("CMF 20"),
    /** In the snapshot and the prompt, not on the chart. */
    NONE("");

    private final String title;

    Panel(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  /** A line, a dashed line (band edges) or bars (histograms). */
  public enum Style {
    LINE,
    DASHED,
    BAR
  }

  private final String key;
  private final String label;
  private final Panel panel;
  private final Style style;
  private final int warmUp;

  Series(String key, String label, Panel panel, Style style, int warmUp) {
    this.key = key;
    this.label = label;
    this.panel = panel;
    this.style = style;
    this.warmUp = warmUp;
  }

  /** The name in the {@code indicators} output and the snapshot, e.g. {@code rsi_14}. */
  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  public Panel panel() {
    return panel;
  }

  public Style style() {
    return style;
  }

  /** Closed candles before the first defined value. */
  public int warmUp() {
    return warmUp;
  }
}
