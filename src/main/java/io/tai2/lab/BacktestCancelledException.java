package io.tai2.lab;

/** A backtest stopped because its owner cancelled it; nothing of it is reported. */
public final class BacktestCancelledException extends RuntimeException {
  public BacktestCancelledException(String message) {
    super(message);
  }
}
