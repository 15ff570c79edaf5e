package io.tai2.notify;

/** What the operator may ask and do from the Telegram chat; each answer is the text the chat reads. */
interface OperatorDesk {

  /** Environment, live switch, scheduler, locks, equity, positions and market-data age, in a few lines. */
  String status();

  /** Every open position with its size, entry, mark, unrealised PnL and stop-loss / take-profit. */
  String positions();

  /** Today's figures since 00:00 UTC: realised PnL, fees, trades, unrealised PnL, equity against the day's start, LLM cost. */
  String pnl();

  /** Engages the kill switch (with {@code flatten}, closes every position too) as {@code actor}; what was done. */
  String kill(boolean flatten, String actor);

  /** Releases the engaged risk locks as the API does (the kill switch; the daily-loss lock reset) as {@code actor}. */
  String release(String actor);
}
