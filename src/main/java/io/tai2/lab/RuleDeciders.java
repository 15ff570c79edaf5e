package io.tai2.lab;

import io.tai2.market.MarketSnapshot;
import io.tai2.reasoning.Assessment;
import io.tai2.reasoning.Decision;
import io.tai2.reasoning.DecisionOutcome;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;

/**
 * The deciders that need no LLM: deterministic fakes (to test the machinery and as a floor) and the heuristic signal
 * tai2 shows beside every prompt (a baseline an LLM must beat to be worth its cost).
 */
final class RuleDeciders {

  /** The confidence the rule deciders state: the default gate, so sizing uses the minimum leverage. */
  static final BigDecimal CONFIDENCE = new BigDecimal("0.5");

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private RuleDeciders() {}

  /**
   * {@code fake:long}, {@code fake:short}, {@code fake:alternate}: while flat, an entry with its stop and target
   * {@code stopPct}/{@code takePct} percent from the decision price; HOLD while a position is open. The alternating
   * fake goes long on its first entry, short on the next, and so on.
   */
  static Decider fake(String kind, BigDecimal stopPct, BigDecimal takePct, BigDecimal equityPct) {
    return new Decider() {
      private int entries;

      @Override
      public String name() {
        return "fake:" + kind;
      }

      @Override
      public Decided decide(Moment m) {
        if (m.position().isPresent()) {
          return Decided.local(
              accepted(hold("a position is open: the fake decider waits for its stop or target")));
        }
        boolean buy =
            switch (kind) {
              case "long" -> true;
              case "short" -> false;
              default -> entries % 2 == 0;
            };
        entries++;
        return Decided.local(
            accepted(entry(buy, m.price(), stopPct, takePct, equityPct, name() + " entry")));
      }
    };
  }

  /**
   * {@code heuristic}: the live strategy signal (RSI, MACD, StochRSI; order flow is absent in history). While flat, its
   * BUY or SELL is an entry with the stop 1.5 × ATR away (the snapshot's suggested stop) and the target twice as far;
   * with a position open, the opposite signal is a CLOSE and anything else a HOLD. No ATR yet means HOLD.
   */
  static Decider heuristic(BigDecimal equityPct) {
    return new Decider() {
      @Override
      public String name() {
        return "heuristic";
      }

      @Override
      public Decided decide(Moment m) {
        MarketSnapshot.Signal signal = m.snapshot().get().strategySignal();
        String action = signal == null ? "HOLD" : signal.action();
        String why =
            signal == null ? "no signal yet" : signal.reason() + " (score " + signal.score() + ")";
        if (m.position().isPresent()) {
          boolean opposite =
              m.position().get().direction() > 0 ? action.equals("SELL") : action.equals("BUY");
          return Decided.local(accepted(opposite ? close(why) : hold(why)));
        }
        Double stop =
            m.snapshot().get().riskMetrics() == null
                ? null
                : m.snapshot().get().riskMetrics().suggestedStop();
        if (action.equals("HOLD") || stop == null || stop <= 0) {
          return Decided.local(accepted(hold(stop == null ? "no ATR yet: " + why : why)));
        }
        BigDecimal pct =
            BigDecimal.valueOf(stop).multiply(HUNDRED).divide(m.price(), MathContext.DECIMAL64);
        return Decided.local(
            accepted(
                entry(
                    action.equals("BUY"),
                    m.price(),
                    pct,
                    pct.multiply(BigDecimal.TWO),
                    equityPct,
                    why)));
      }
    };
  }

  static Decision entry(
      boolean buy,
      BigDecimal price,
      BigDecimal stopPct,
      BigDecimal takePct,
      BigDecimal equityPct,
      String why) {
    BigDecimal down = BigDecimal.ONE.subtract(stopPct.divide(HUNDRED, MathContext.DECIMAL64));
    BigDecimal up = BigDecimal.ONE.add(takePct.divide(HUNDRED, MathContext.DECIMAL64));
    BigDecimal stop =
        price.multiply(buy ? down : BigDecimal.TWO.subtract(down), MathContext.DECIMAL64);
    BigDecimal take = price.multiply(buy ? up : BigDecimal.TWO.subtract(up), MathContext.DECIMAL64);
    Assessment a =
        new Assessment(
            CONFIDENCE,
            Optional.of(new BigDecimal("0.5")),
            why,
            Optional.empty(),
            Optional.empty(),
            List.of());
    Optional<BigDecimal> pct = Optional.of(equityPct);
    return buy
        ? new Decision.Buy(a, pct, Optional.empty(), Optional.of(stop), Optional.of(take))
        : new Decision.Sell(a, pct, Optional.empty(), Optional.of(stop), Optional.of(take));
  }

  static Decision hold(String why) {
    return new Decision.Hold(plain(why), Optional.empty(), Optional.empty());
  }

  static Decision close(String why) {
    return new Decision.Close(plain(why));
  }

  private static Assessment plain(String why) {
    return new Assessment(
        CONFIDENCE, Optional.empty(), why, Optional.empty(), Optional.empty(), List.of());
  }

  static DecisionOutcome accepted(Decision d) {
    return new DecisionOutcome.Accepted(d);
  }
}
