package io.tai2.reasoning;

import io.tai2.history.RiskLock;
import io.tai2.market.MarketSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What stops a prompt cycle now (upstream's check order, decided per docs/spec/README.md): a stale price (judged on the
 * ticker's own timestamp, not the snapshot's), the daily-loss lock, and wait-for-TP/SL on a position that has both.
 * Pure: the inputs the prompt is built from decide it.
 */
final class RunChecks {

  /** One reason not to run, with the refusal it becomes. */
  record Blocker(ReasoningException.Kind kind, String message) {}

  private RunChecks() {}

  static List<Blocker> of(PromptInputs in) {
    List<Blocker> out = new ArrayList<>();
    Duration maxAge = in.guardrails().snapshotMaxAge();
    MarketSnapshot.Ticker ticker = in.market().ticker();
    Duration age =
        ticker == null || ticker.ts() == null ? null : Duration.between(ticker.ts(), in.now());
    if (age == null || age.compareTo(maxAge) > 0) {
      out.add(
          new Blocker(
              ReasoningException.Kind.STALE_SNAPSHOT,
              "stale: the newest price for "
                  + in.symbol()
                  + " is "
                  + (age == null ? "missing" : age.toSeconds() + " s old")
                  + " (limit "
                  + maxAge.toSeconds()
                  + " s); wait for the market feed to recover"));
    }
    in.riskLocks().stream()
        .filter(RiskLock::locked)
        .findFirst()
        .ifPresent(
            lock ->
                out.add(
                    new Blocker(
                        ReasoningException.Kind.RISK_LOCKED,
                        "locked: the "
                            + lock.key().replace('_', '-')
                            + " lock is on since "
                            + lock.triggeredAt().map(Instant::toString).orElse("?")
                            + " ("
                            + lock.reason().orElse("limit reached")
                            + "); an operator must reset it")));
    if (in.guardrails().waitForTpSl()) {
      in.account().stream()
          .flatMap(a -> a.positions().stream())
          .filter(
              p -> p.instId().equals(in.symbol()) && p.stopLoss() != null && p.takeProfit() != null)
          .findFirst()
          .ifPresent(
              p ->
                  out.add(
                      new Blocker(
                          ReasoningException.Kind.HOLD_RULE,
                          "hold: wait-for-TP/SL is on and the "
                              + p.side()
                              + " position on "
                              + in.symbol()
                              + " has its stop-loss and take-profit set; the position is left to them")));
    }
    return out;
  }
}
