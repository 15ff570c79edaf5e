package io.tai2.web;

/** The seven operator pages, in header order, each with what it is for (the link's tooltip). */
enum Page {
  LIVE("/", "live", "Equity, balances, positions, tickers, fees, risk lock and execution alerts"),
  TA(
      "/ta",
      "ta",
      "Candles with indicator overlays and panels, order flow, funding and open interest"),
  ENGINE(
      "/engine",
      "engine",
      "Decision log, prompt preview, chat with the LLM, scheduler controls, champion vs challenger"),
  HISTORY("/history", "history", "Executed trades: sort, filter, paginate, export, realised PnL"),
  DEBUG("/debug", "debug", "Live backend and frontend event panes"),
  CFG("/cfg", "cfg", "Every runtime setting, validated and saved atomically"),
  LAB(
      "/lab",
      "lab",
      "Backtests, compared with buy-and-hold; the A/B leaderboard, calibration and champion vs challenger");

  private final String path;
  private final String id;
  private final String purpose;

  Page(String path, String id, String purpose) {
    this.path = path;
    this.id = id;
    this.purpose = purpose;
  }

  public String path() {
    return path;
  }

  public String id() {
    return id;
  }

  public String label() {
    return name();
  }

  public String purpose() {
    return purpose;
  }
}
