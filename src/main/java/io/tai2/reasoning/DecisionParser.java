package io.tai2.reasoning;

import io.tai2.config.FieldError;
import io.tai2.config.InvalidFieldsException;
import io.tai2.reasoning.Decision.Action;
import io.tai2.reasoning.DecisionOutcome.Accepted;
import io.tai2.reasoning.DecisionOutcome.Rejected;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

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
      if (maxProtectionDistance.signum() <= 0
          || maxProtectionDistance.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException(
            "maxProtectionDistance " + maxProtectionDistance + " must be in (0, 1]");
      }
    }
  }

  /** A HOLD opens nothing, so sizes in its reply mean nothing and are only listed. */
  private static final Set<String> HOLD_KEYS =
      Set.of(
          "action",
          "confidence",
          "rationale",
          "risk_score",
          "timeframe_alignment",
          "notes",
          "tags",
          "stop_loss",
          "take_profit");

  /** A CLOSE flattens the whole position, so sizes and levels in its reply mean nothing and are only listed. */
  private static final Set<String> CLOSE_KEYS =
      Set.of(
          "action",
          "confidence",
          "rationale",
          "risk_score",
          "timeframe_alignment",
          "notes",
          "tags");

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
      // IllegalArgumentException: a record invariant the checks above should already have caught;
      // still a rejection
      return new Rejected(e.getMessage(), attempted);
    } catch (RuntimeException e) {
      // the last line of defence: whatever went wrong, the outcome is a recorded HOLD, never an
      // exception
      return new Rejected(
          "the reply could not be checked (" + e.getClass().getSimpleName() + ")", attempted);
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
      throw new RejectedReply(
          "rationale is missing or blank; a " + action + " must explain itself");
    }
    return new Assessment(
        confidence,
        risk,
        rationale.orElse(""),
        reply.text("timeframe_alignment", Assessment.MAX_LABEL, false),
        reply.text("notes", Assessment.MAX_NOTES, true),
        reply.tags());
  }

  private Decision entry(
      ReplyFields reply, Action action, Assessment assessment, PriceContext context) {
    return entry(reply, action, assessment, context, Refusals.AT_ONCE);
  }

  /**
   * An entry the operator types in (TA's "what would the guardrails do?"), read with the same field reads, bounds and
   * price checks as a model's BUY or SELL. Unlike {@link #parse} every refused field is reported by its name, since a
   * person fixes a form field, not a reply.
   *
   * @param fields the entry in the reply's shape: {@code action} (BUY or SELL), {@code confidence}, {@code risk_score},
   *     {@code rationale}, {@code equity_pct}, {@code position_size}, {@code stop_loss}, {@code take_profit}
   * @throws InvalidFieldsException naming every refused field
   */
  public Decision entry(ObjectNode fields, PriceContext context) {
    Objects.requireNonNull(context, "context");
    ReplyFields reply = new ReplyFields(fields);
    Refusals.Collected refusals = new Refusals.Collected();
    Optional<Action> action =
        refusals.read(
            "action",
            () ->
                Optional.of(reply.action())
                    .filter(a -> a == Action.BUY || a == Action.SELL)
                    .or(
                        () -> {
                          throw new RejectedReply(
                              "must be BUY or SELL: a HOLD or CLOSE opens nothing to preview");
                        }));
    Optional<BigDecimal> confidence =
        refusals.read(
            "confidence",
            () -> Optional.of(reply.requiredFraction("confidence", action.orElse(Action.BUY))));
    Optional<BigDecimal> risk = refusals.read("risk_score", () -> reply.fraction("risk_score"));
    Optional<String> rationale =
        refusals.read("rationale", () -> reply.text("rationale", Assessment.MAX_RATIONALE, true));
    Assessment assessment =
        confidence.isPresent() && risk.isPresent() && rationale.isPresent()
            ? new Assessment(
                confidence.get(),
                risk,
                rationale.get(),
                Optional.empty(),
                Optional.empty(),
                List.of())
            : null;
    if (assessment == null) {
      refusals.check(
          "risk_score",
          () ->
              risk.orElseThrow(
                  () -> new RejectedReply("risk_score is missing; an entry needs it")));
      refusals.check(
          "rationale",
          () ->
              rationale.orElseThrow(
                  () ->
                      new RejectedReply(
                          "rationale is missing or blank; an entry must explain itself")));
    }
    if (action.isEmpty()) {
      refusals.throwIfAny(); // where a stop may lie depends on the side
    }
    return entry(
        reply,
        action.get(),
        assessment,
        context,
        refusals); // refused fields are thrown before a decision is built
  }

  private Decision entry(
      ReplyFields reply,
      Action action,
      Assessment assessment,
      PriceContext context,
      Refusals refusals) {
    Optional<BigDecimal> equityPct =
        refusals.read("equity_pct", () -> reply.fraction("equity_pct"));
    Optional<BigDecimal> size = refusals.read("position_size", () -> reply.size("position_size"));
    Optional<BigDecimal> stop = refusals.read("stop_loss", () -> reply.price("stop_loss"));
    Optional<BigDecimal> target = refusals.read("take_profit", () -> reply.price("take_profit"));
    boolean buy = action == Action.BUY;
    refusals.check(
        "stop_loss",
        () -> {
          if (stop.isEmpty() && rules.requireStopLoss()) {
            throw new RejectedReply(
                "a " + action + " without stop_loss: every entry needs a stop-loss");
          }
          stop.ifPresent(s -> requireSide("stop_loss", s, !buy, action, context));
        });
    refusals.check(
        "take_profit",
        () -> target.ifPresent(t -> requireSide("take_profit", t, buy, action, context)));
    refusals.throwIfAny();
    return buy
        ? new Decision.Buy(assessment, equityPct, size, stop, target)
        : new Decision.Sell(assessment, equityPct, size, stop, target);
  }

  /** Where a refused field goes: thrown at once (a model's reply, which is rejected whole) or collected by name (a form). */
  private abstract static sealed class Refusals {

    static final Refusals AT_ONCE = new AtOnce();

    abstract <T> Optional<T> read(String field, Supplier<Optional<T>> read);

    abstract void check(String field, Runnable check);

    abstract void throwIfAny();

    private static final class AtOnce extends Refusals {
      @Override
      <T> Optional<T> read(String field, Supplier<Optional<T>> read) {
        return read.get();
      }

      @Override
      void check(String field, Runnable check) {
        check.run();
      }

      @Override
      void throwIfAny() {}
    }

    private static final class Collected extends Refusals {
      private final Map<String, String> refused = new LinkedHashMap<>();

      @Override
      <T> Optional<T> read(String field, Supplier<Optional<T>> read) {
        try {
          return read.get();
        } catch (RejectedReply | IllegalArgumentException e) {
          refused.putIfAbsent(field, e.getMessage());
          return Optional.empty();
        }
      }

      @Override
      void check(String field, Runnable check) {
        if (!refused.containsKey(field)) { // a field already refused is not judged again
          read(
              field,
              () -> {
                check.run();
                return Optional.empty();
              });
        }
      }

      @Override
      void throwIfAny() {
        if (!refused.isEmpty()) {
          throw new InvalidFieldsException(
              refused.entrySet().stream()
                  .map(e -> new FieldError(e.getKey(), e.getValue()))
                  .toList());
        }
      }
    }
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
            "stop_loss "
                + ReplyFields.show(stop.get())
                + " and take_profit "
                + ReplyFields.show(target.get())
                + " are on the same side of the price "
                + ReplyFields.show(price)
                + ": one must be below it and the other above");
      }
    }
    return new Decision.Hold(assessment, stop, target);
  }

  /** A stop or target on the side of the price the position needs, at a sane distance. */
  private void requireSide(
      String field, BigDecimal level, boolean above, Action action, PriceContext context) {
    int side = level.compareTo(context.lastPrice());
    if (above ? side <= 0 : side >= 0) {
      String where = side == 0 ? "at" : side > 0 ? "above" : "below";
      String position = action == Action.BUY ? "a long's " : "a short's ";
      String rule = field.equals("stop_loss") ? "stop must be " : "take-profit must be ";
      throw new RejectedReply(
          field
              + " "
              + ReplyFields.show(level)
              + " is "
              + where
              + " the price "
              + ReplyFields.show(context.lastPrice())
              + " for a "
              + action
              + " on "
              + context.symbol()
              + ": "
              + position
              + rule
              + (above ? "above" : "below")
              + " the entry");
    }
    requireDistance(field, level, context);
  }

  /** At least one tick from the price (or it triggers at once) and not absurdly far (a decimal slip, or an attack). */
  private void requireDistance(String field, BigDecimal level, PriceContext context) {
    BigDecimal price = context.lastPrice();
    BigDecimal gap = level.subtract(price).abs();
    if (gap.compareTo(context.tickSize()) < 0) {
      throw new RejectedReply(
          field
              + " "
              + ReplyFields.show(level)
              + " is within one tick ("
              + ReplyFields.show(context.tickSize())
              + ") of the price "
              + ReplyFields.show(price)
              + ": it would trigger at once");
    }
    if (gap.compareTo(price.multiply(rules.maxProtectionDistance())) > 0) {
      BigDecimal percent =
          gap.multiply(BigDecimal.valueOf(100)).divide(price, 1, RoundingMode.HALF_UP);
      throw new RejectedReply(
          field
              + " "
              + ReplyFields.show(level)
              + " is "
              + percent.toPlainString()
              + "% away from the price "
              + ReplyFields.show(price)
              + "; more than "
              + ReplyFields.show(rules.maxProtectionDistance().movePointRight(2))
              + "% is treated as a mistake");
    }
  }
}
