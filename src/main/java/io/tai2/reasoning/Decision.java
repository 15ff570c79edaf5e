package io.tai2.reasoning;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A trading decision for one symbol, parsed once at the edge from the model's reply. Every instance is valid: the
 * records check their own invariants, so nothing unchecked from the reply can reach execution. Checks that need the
 * market price (which side of the price a stop is on) are made by {@link DecisionParser}.
 */
public sealed interface Decision {

  /** Largest size hint accepted, in contracts; a sanity bound only, since code sizes orders. */
  BigDecimal MAX_POSITION_SIZE = new BigDecimal("1000000000");

  Action action();

  Assessment assessment();

  default BigDecimal confidence() {
    return assessment().confidence();
  }

  /** The four things the model may ask for. */
  enum Action {
    BUY,
    SELL,
    HOLD,
    CLOSE;

    /** The action named by {@code text}, ignoring case and surrounding blanks. */
    public static Optional<Action> named(String text) {
      String name = text.strip();
      if (name.length() > 5) {
        return Optional.empty();
      }
      for (Action action : values()) {
        if (action.name().equals(name.toUpperCase(Locale.ROOT))) {
          return Optional.of(action);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Open or add to a long.
   *
   * @param equityPct fraction of equity to commit, 0..1 (a hint for the sizer)
   * @param positionSize size hint in contracts, 0..{@link #MAX_POSITION_SIZE}
   * @param stopLoss below the take-profit when both are given
   */
  record Buy(
      Assessment assessment,
      Optional<BigDecimal> equityPct,
      Optional<BigDecimal> positionSize,
      Optional<BigDecimal> stopLoss,
      Optional<BigDecimal> takeProfit)
      implements Decision {

    public Buy {
      requireEntry(Action.BUY, assessment, equityPct, positionSize, stopLoss, takeProfit);
      if (stopLoss.isPresent()
          && takeProfit.isPresent()
          && stopLoss.get().compareTo(takeProfit.get()) >= 0) {
        throw new IllegalArgumentException("a BUY's stop_loss must be below its take_profit");
      }
    }

    @Override
    public Action action() {
      return Action.BUY;
    }
  }

  /**
   * Open or add to a short.
   *
   * @param equityPct fraction of equity to commit, 0..1 (a hint for the sizer)
   * @param positionSize size hint in contracts, 0..{@link #MAX_POSITION_SIZE}
   * @param stopLoss above the take-profit when both are given
   */
  record Sell(
      Assessment assessment,
      Optional<BigDecimal> equityPct,
      Optional<BigDecimal> positionSize,
      Optional<BigDecimal> stopLoss,
      Optional<BigDecimal> takeProfit)
      implements Decision {

    public Sell {
      requireEntry(Action.SELL, assessment, equityPct, positionSize, stopLoss, takeProfit);
      if (stopLoss.isPresent()
          && takeProfit.isPresent()
          && stopLoss.get().compareTo(takeProfit.get()) <= 0) {
        throw new IllegalArgumentException("a SELL's stop_loss must be above its take_profit");
      }
    }

    @Override
    public Action action() {
      return Action.SELL;
    }
  }

  /** Do nothing now; the stop-loss and take-profit, when given, are the model's suggested levels for what is open. */
  record Hold(Assessment assessment, Optional<BigDecimal> stopLoss, Optional<BigDecimal> takeProfit)
      implements Decision {

    public Hold {
      Objects.requireNonNull(assessment, "assessment");
      requirePrice("stop_loss", stopLoss);
      requirePrice("take_profit", takeProfit);
      if (stopLoss.isPresent()
          && takeProfit.isPresent()
          && stopLoss.get().compareTo(takeProfit.get()) == 0) {
        throw new IllegalArgumentException("stop_loss and take_profit must differ");
      }
    }

    @Override
    public Action action() {
      return Action.HOLD;
    }
  }

  /** Flatten the open position on the symbol; code decides how (reduce-only, whole size). */
  record Close(Assessment assessment) implements Decision {

    public Close {
      Objects.requireNonNull(assessment, "assessment");
    }

    @Override
    public Action action() {
      return Action.CLOSE;
    }
  }

  private static void requireEntry(
      Action action,
      Assessment assessment,
      Optional<BigDecimal> equityPct,
      Optional<BigDecimal> positionSize,
      Optional<BigDecimal> stopLoss,
      Optional<BigDecimal> takeProfit) {
    Objects.requireNonNull(assessment, "assessment");
    // an entry must carry the whole assessment the schema asks for; a HOLD or CLOSE is never
    // blocked by it
    if (assessment.riskScore().isEmpty()) {
      throw new IllegalArgumentException("a " + action + " needs a risk_score");
    }
    if (assessment.rationale().isEmpty()) {
      throw new IllegalArgumentException("a " + action + " needs a rationale");
    }
    equityPct.ifPresent(p -> Assessment.requireFraction("equity_pct", p));
    positionSize.ifPresent(
        s -> {
          if (s.signum() < 0 || s.compareTo(MAX_POSITION_SIZE) > 0) {
            throw new IllegalArgumentException(
                "position_size " + s + " is outside 0.." + MAX_POSITION_SIZE);
          }
        });
    requirePrice("stop_loss", stopLoss);
    requirePrice("take_profit", takeProfit);
  }

  private static void requirePrice(String field, Optional<BigDecimal> price) {
    if (price.isPresent() && price.get().signum() <= 0) {
      throw new IllegalArgumentException(field + " " + price.get() + " must be a positive price");
    }
  }
}
