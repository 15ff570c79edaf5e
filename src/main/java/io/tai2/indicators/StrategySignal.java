package io.tai2.indicators;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The heuristic signal of docs/spec/tai2-upstream.md §4.7 (also the base of the fallback decision): a score from RSI, MACD, StochRSI,
 * order-flow imbalance and CVD; BUY above 0.2, SELL below −0.2, else HOLD. Undefined inputs (NaN) contribute nothing.
 */
public record StrategySignal(
    String action, double confidence, double score, String reason, double lastPrice) {

  public static StrategySignal of(
      double rsi,
      double macd,
      double stochK,
      double stochD,
      double ofiNet,
      double cvd,
      double lastPrice) {
    double score = 0;
    List<String> reasons = new ArrayList<>();
    if (rsi < 35) {
      score += 1 + (35 - rsi) / 50;
      reasons.add(String.format(Locale.ROOT, "RSI oversold (%.1f)", rsi));
    } else if (rsi > 65) {
      score -= 1 + (rsi - 65) / 50;
      reasons.add(String.format(Locale.ROOT, "RSI overbought (%.1f)", rsi));
    }
    if (macd > 0) {
      score += 0.6;
      reasons.add("MACD positive");
    } else if (macd < 0) {
      score -= 0.6;
      reasons.add("MACD negative");
    }
    if (stochK > stochD + 5) {
      score += 0.4;
      reasons.add("StochRSI bullish cross");
    } else if (stochK + 5 < stochD) {
      score -= 0.4;
      reasons.add("StochRSI bearish cross");
    }
    if (ofiNet > 0) {
      score += 0.3;
      reasons.add("bid-side order flow");
    } else if (ofiNet < 0) {
      score -= 0.3;
      reasons.add("ask-side order flow");
    }
    if (cvd > 0) {
      score += 0.2;
      reasons.add("buyers lead CVD");
    } else if (cvd < 0) {
      score -= 0.2;
      reasons.add("sellers lead CVD");
    }
    String action = score > 0.2 ? "BUY" : score < -0.2 ? "SELL" : "HOLD";
    double confidence =
        action.equals("HOLD")
            ? Math.min(0.4, Math.abs(score) / 2 + 0.2)
            : Math.clamp(Math.abs(score) / 2 + 0.2, 0.2, 1.0);
    String reason =
        reasons.isEmpty()
            ? "Awaiting clear signal"
            : String.join(" & ", reasons.subList(0, Math.min(3, reasons.size())));
    return new StrategySignal(action, round3(confidence), round3(score), reason, lastPrice);
  }

  private static double round3(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
