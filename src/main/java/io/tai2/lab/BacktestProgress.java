package io.tai2.lab;

/** Where a running backtest is, and whether its owner wants it stopped. Called from the backtest's own thread. */
public interface BacktestProgress {

  /** {@code done} of {@code total} one-minute bars replayed. */
  void update(long done, long total);

  /** Checked between bars: true ends the run early with {@link BacktestCancelledException}. */
  boolean cancelled();

  /** For runs nobody watches. */
  BacktestProgress NONE =
      new BacktestProgress() {
        @Override
        public void update(long done, long total) {}

        @Override
        public boolean cancelled() {
          return false;
        }
      };
}
