package io.tai2.lab;

import io.tai2.lab.ReplayReport.Cycle;
import io.tai2.lab.ReplayReport.Side;
import io.tai2.lab.ReplayReport.SideTotals;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The summary of a replay: agreement, and each side's pnl, trades and wins over the replayed cycles. */
final class ReplayTotals {

  private ReplayTotals() {}

  static ReplayReport.Summary summary(
      List<Cycle> cycles,
      Map<String, Integer> skipped,
      int llmCalls,
      int cacheHits,
      BigDecimal cost) {
    long agreeing = cycles.stream().filter(Cycle::agree).count();
    double agreement = cycles.isEmpty() ? 0 : (double) agreeing / cycles.size();
    return new ReplayReport.Summary(
        cycles.size(),
        Map.copyOf(skipped),
        agreement,
        side(cycles, Cycle::live),
        side(cycles, Cycle::replayed),
        llmCalls,
        cacheHits,
        cost);
  }

  static SideTotals side(List<Cycle> cycles, Function<Cycle, Side> which) {
    BigDecimal total = BigDecimal.ZERO;
    int trades = 0;
    int wins = 0;
    int noPrices = 0;
    for (Cycle c : cycles) {
      Side s = which.apply(c);
      if (s.exitReason().filter("no_prices"::equals).isPresent()) {
        noPrices++;
        continue;
      }
      total = total.add(s.pnl().orElse(BigDecimal.ZERO));
      if (s.exitReason().isPresent()) {
        trades++;
        if (s.pnl().orElse(BigDecimal.ZERO).signum() > 0) {
          wins++;
        }
      }
    }
    return new SideTotals(total, trades, wins, trades == 0 ? 0 : (double) wins / trades, noPrices);
  }
}
