package io.tai2.indicators;

/** One candle for indicator math: open time in epoch milliseconds, prices and volume as doubles. */
public record Bar(long ts, double open, double high, double low, double close, double volume) {}
