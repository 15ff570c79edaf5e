package io.tai2.reasoning;

import io.tai2.reasoning.Decision.Action;
import io.tai2.reasoning.DecisionOutcome.Accepted;
import io.tai2.reasoning.DecisionOutcome.Rejected;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a model's reply into a {@link Decision} that can be trusted, or a {@link Rejected} that means HOLD. The reply is
 * untrusted input: it is size-capped before it is scanned, read with Jackson limits, and every field is typed and
 * range-checked; stops and targets must sit on the right side of the price. Text fields are only text: nothing in the
 * rationale can change a number. {@link #parse} never throws.
 *
 * <p>Choices: numbers written as text ("0.7") are accepted when they are plain decimals; duplicate keys are rejected;
 * unknown keys are ignored and listed; {@code risk_score} and {@code rationale} are required for BUY/SELL but may be
 * missing on HOLD/CLOSE (a missing descriptive field must never block getting out); a HOLD ignores sizes and a
 * CLOSE ignores sizes and stops (listed, not checked).
 */
public final class DecisionParser {

  /**
   * How strict the parser is.
   *
   * @param requireStopLoss every BUY/SELL must carry a stop-loss ({@code require_protection}, on by default)
   * @param maxProtectionDistance largest distance of a stop-loss or take-profit from the price, as a fraction of it
   */
  public record Rules(boolean requireStopLoss, BigDecimal maxProtectionDistance) {

    public static final Rules DEFAULT = new Rules(true, new BigDecimal("0.5"));

    public Rules {
      Objects.requireNonNull(maxProtectionDistance, "maxProtectionDistance");
      if (maxProtectionDistance.signum() <= 0 || maxProtectionDistance.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("maxProtectionDistance " + maxProtectionDistance + " must be in (0, 1]");
      }
    }
  }

  /** A HOLD opens nothing, so sizes in its reply mean nothing and are only listed. */
  private static final Set<String> HOLD_KEYS =
      Set.of("action", "confidence", "rationale", "risk_score", "timeframe_alignment", "notes", "tags", "stop_loss",
          "take_profit");

  /** A CLOSE flattens the whole position, so sizes and levels in its reply mean nothing and are only listed. */
  private static final Set<String> CLOSE_KEYS =
      Set.of("action", "confidence", "rationale", "risk_score", "timeframe_alignment", "notes", "tags");

  private final Rules rules;

  public DecisionParser() {
    this(Rules.DEFAULT);
  }

  public DecisionParser(Rules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /** The decision in {@code rawReply}, checked against the market in {@code context}. */
  public DecisionOutcome parse(String rawReply, PriceContext context) {
    Objects.requireNonNull(context, "context");
    Optional<Action> attempted = Optional.empty();
    try {
      ReplyFields reply = new ReplyFields(ReplyJson.objectIn(rawReply));
      Action action = reply.action();
      attempted = Optional.of(action);
      Assessment assessment = assessment(reply, action);
      Decision decision =
          switch (action) {
            case BUY, SELL -> entry(reply, action, assessment, context);
            case HOLD -> hold(reply, assessment, context);
            case CLOSE -> new Decision.Close(assessment);
          };
      Set<String> used =
          switch (action) {
            case BUY, SELL -> ReplyFields.SCHEMA_KEYS;
            case HOLD -> HOLD_KEYS;
            case CLOSE -> CLOSE_KEYS;
          };
      return new Accepted(decision, reply.keysOutside(used));
    } catch (RejectedReply | IllegalArgumentException e) {
      // IllegalArgumentException: a record invariant the checks above should already have caught; still a rejection
      return new Rejected(e.getMessage(), attempted);
    } catch (RuntimeException e) {
      // the last line of defence: whatever went wrong, the outcome is a recorded HOLD, never an exception
      return new Rejected("the reply could not be checked (" + e.getClass().getSimpleName() + ")", attempted);
    }
  }

  private static Assessment assessment(ReplyFields reply, Action action) {
    boolean entry = action == Action.BUY || action == Action.SELL;
    BigDecimal confidence = reply.requiredFraction("confidence", action);
    Optional<BigDecimal> risk = reply.fraction("risk_score");
    if (entry && risk.isEmpty()) {
      throw new RejectedReply("risk_score is missing; a " + action + " needs it");
    }
    Optional<String> rationale = reply.text("rationale", Assessment.MAX_RATIONALE, true);
    if (entry && rationale.isEmpty()) {
      throw new RejectedReply("rationale is missing or blank; a " + action + " must explain itself");
    }
    return new Assessment(
        confidence, risk, rationale.orElse(""), reply.text("timeframe_alignment", Assessment.MAX_LABEL, false),
        reply.text("notes", Assessment.MAX_NOTES, true), reply.tags());
  }

  private Decision entry(ReplyFields reply, Action action, Assessment assessment, PriceContext context) {
    Optional<BigDecimal> equityPct = reply.fraction("equity_pct");
    Optional<BigDecimal> size = reply.size("position_size");
    Optional<BigDecimal> stop = reply.price("stop_loss");
    Optional<BigDecimal> target = reply.price("take_profit");
    boolean buy = action == Action.BUY;
    if (stop.isEmpty() && rules.requireStopLoss()) {
      throw new RejectedReply("a " + action + " without stop_loss: every entry needs a stop-loss");
    }
    stop.ifPresent(s -> requireSide("stop_loss", s, !buy, action, context));
    target.ifPresent(t -> requireSide("take_profit", t, buy, action, context));
    return buy
        ? new Decision.Buy(assessment, equityPct, size, stop, target)
        : new Decision.Sell(assessment, equityPct, size, stop, target);
  }

  private Decision hold(ReplyFields reply, Assessment assessment, PriceContext context) {
    Optional<BigDecimal> stop = reply.price("stop_loss");
    Optional<BigDecimal> target = reply.price("take_profit");
    stop.ifPresent(s -> requireDistance("stop_loss", s, context));
    target.ifPresent(t -> requireDistance("take_profit", t, context));
    if (stop.isPresent() && target.isPresent()) {
      BigDecimal price = context.lastPrice();
      boolean longLike = stop.get().compareTo(price) < 0 && target.get().compareTo(price) > 0;
      boolean shortLike = stop.get().compareTo(price) > 0 && target.get().compareTo(price) < 0;
      if (!longLike && !shortLike) {
        throw new RejectedReply(
            "stop_loss " + ReplyFields.show(stop.get()) + " and take_profit " + ReplyFields.show(target.get())
                + " are on the same side of the price " + ReplyFields.show(price)
                + ": one must be below it and the other above");
      }
    }
    return new Decision.Hold(assessment, stop, target);
  }

  /** A stop or target on the side of the price the position needs, at a sane distance. */
  private void requireSide(String field, BigDecimal level, boolean above, Action action, PriceContext context) {
    int side = level.compareTo(context.lastPrice());
    if (above ? side <= 0 : side >= 0) {
      String where = side == 0 ? "at" : side > 0 ? "above" : "below";
      String position = action == Action.BUY ? "a long's " : "a short's ";
      String rule = field.equals("stop_loss") ? "stop must be " : "take-profit must be ";
      throw new RejectedReply(
          field + " " + ReplyFields.show(level) + " is " + where + " the price " + ReplyFields.show(context.lastPrice())
              + " for a " + action + " on " + context.symbol() + ": " + position + rule
              + (above ? "above" : "below") + " the entry");
    }
    requireDistance(field, level, context);
  }

  /** At least one tick from the price (or it triggers at once) and not absurdly far (a decimal slip, or an attack). */
  private void requireDistance(String field, BigDecimal level, PriceContext context) {
    BigDecimal price = context.lastPrice();
    BigDecimal gap = level.subtract(price).abs();
    if (gap.compareTo(context.tickSize()) < 0) {
      throw new RejectedReply(
          field + " " + ReplyFields.show(level) + " is within one tick (" + ReplyFields.show(context.tickSize())
              + ") of the price " + ReplyFields.show(price) + ": it would trigger at once");
    }
    if (gap.compareTo(price.multiply(rules.maxProtectionDistance())) > 0) {
      BigDecimal percent = gap.multiply(BigDecimal.valueOf(100)).divide(price, 1, RoundingMode.HALF_UP);
      throw new RejectedReply(
          field + " " + ReplyFields.show(level) + " is " + percent.toPlainString() + "% away from the price "
              + ReplyFields.show(price) + "; more than "
              + ReplyFields.show(rules.maxProtectionDistance().movePointRight(2)) + "% is treated as a mistake");
    }
  }
}
