package io.tai2.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An opt-in fake LLM that reads tai2's prompt and answers with a decision that fits it, for end-to-end runs over many
 * symbols where a queue of scripted replies cannot know which symbol asks next. It takes the symbol, the last (else
 * mark) price, the tick size and the open positions from the prompt's context JSON: with a position open on the symbol
 * it answers CLOSE, else an entry (always BUY, always SELL, or BUY and SELL in turn per symbol) with the stop-loss
 * {@code stopPct} % and the take-profit {@code takePct} % away on the correct sides, rounded outwards to the tick.
 * A prompt it cannot read gets HOLD. Thread-safe.
 */
public final class FakeLlmStrategy {

  /** Which entry to answer on a flat symbol. */
  public enum Kind {
    ALTERNATE,
    LONG,
    SHORT;

    public static Kind parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown strategy \"" + text + "\"; use alternate, long or short");
      }
    }
  }

  private static final String CONTEXT_START = "```json\n";

  private final Kind kind;
  private final BigDecimal stopPct;
  private final BigDecimal takePct;
  private final BigDecimal equityPct;
  private final Map<String, Integer> entries = new HashMap<>();

  /** {@code stopPct}/{@code takePct} in percent of the price (1.0 = 1 %), {@code equityPct} a fraction (0.05 = 5 %). */
  public FakeLlmStrategy(Kind kind, BigDecimal stopPct, BigDecimal takePct, BigDecimal equityPct) {
    if (stopPct.signum() <= 0
        || stopPct.compareTo(new BigDecimal("50")) >= 0
        || takePct.signum() <= 0
        || takePct.compareTo(new BigDecimal("50")) >= 0) {
      throw new IllegalArgumentException(
          "stop_pct and take_pct must be above 0 and below 50 (percent of the price)");
    }
    if (equityPct.signum() <= 0 || equityPct.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("equity_pct must be above 0 and at most 1");
    }
    this.kind = kind;
    this.stopPct = stopPct;
    this.takePct = takePct;
    this.equityPct = equityPct;
  }

  /** From the control API's JSON: {@code {"kind":"alternate","stop_pct":1.0,"take_pct":2.0,"equity_pct":0.05}}. */
  static FakeLlmStrategy of(JsonNode b) {
    return new FakeLlmStrategy(
        Kind.parse(b.path("kind").asString("alternate")),
        new BigDecimal(b.path("stop_pct").asString("1.0")),
        new BigDecimal(b.path("take_pct").asString("2.0")),
        new BigDecimal(b.path("equity_pct").asString("0.05")));
  }

  /** The decision for one chat request: {@code base} (the schema's HOLD) with the strategy's fields written over it. */
  synchronized String answer(JsonNode messages, ObjectNode base) {
    Optional<JsonNode> context = context(messages);
    if (context.isEmpty()) {
      return hold(base, "fake LLM strategy: no context JSON in the prompt");
    }
    JsonNode c = context.get();
    String symbol = c.path("symbol").asString("");
    Optional<BigDecimal> price =
        positive(c.path("market").path("last_price"))
            .or(() -> positive(c.path("market").path("mark_price")));
    if (symbol.isEmpty() || price.isEmpty()) {
      return hold(base, "fake LLM strategy: no symbol or price in the context");
    }
    for (JsonNode p : c.path("positions")) {
      if (p.path("symbol").asString("").equals(symbol)) {
        base.put("action", "CLOSE").put("confidence", 0.7).put("risk_score", 0.3);
        put(base, "stop_loss", null);
        put(base, "take_profit", null);
        base.put(
            "rationale",
            "fake LLM strategy: a "
                + p.path("side").asString("").toLowerCase(Locale.ROOT)
                + " is open on "
                + symbol
                + ", close it");
        return FakeLlm.JSON.writeValueAsString(base);
      }
    }
    int n = entries.merge(symbol, 1, Integer::sum);
    boolean buy =
        switch (kind) {
          case LONG -> true;
          case SHORT -> false;
          case ALTERNATE -> n % 2 == 1;
        };
    BigDecimal tick =
        positive(c.path("instrument").path("tick_size")).orElse(new BigDecimal("0.0001"));
    BigDecimal px = price.get();
    BigDecimal sign = buy ? BigDecimal.ONE : BigDecimal.ONE.negate();
    // Stop on the losing side, target on the winning side, each rounded away from the price to the
    // tick.
    BigDecimal stop =
        toTick(
            px.multiply(BigDecimal.ONE.subtract(sign.multiply(stopPct.movePointLeft(2)))),
            tick,
            buy ? RoundingMode.FLOOR : RoundingMode.CEILING);
    BigDecimal take =
        toTick(
            px.multiply(BigDecimal.ONE.add(sign.multiply(takePct.movePointLeft(2)))),
            tick,
            buy ? RoundingMode.CEILING : RoundingMode.FLOOR);
    base.put("action", buy ? "BUY" : "SELL").put("confidence", 0.6).put("risk_score", 0.3);
    put(base, "equity_pct", equityPct);
    put(base, "position_size", null);
    put(base, "stop_loss", stop);
    put(base, "take_profit", take);
    base.put(
        "rationale",
        "fake LLM strategy: "
            + (buy ? "long " : "short ")
            + symbol
            + " at "
            + px.toPlainString()
            + ", stop "
            + stop.toPlainString()
            + ", target "
            + take.toPlainString()
            + "; snapshot fresh, within the position cap");
    return FakeLlm.JSON.writeValueAsString(base);
  }

  private static String hold(ObjectNode base, String why) {
    base.put("action", "HOLD");
    base.put("rationale", why);
    return FakeLlm.JSON.writeValueAsString(base);
  }

  /** Writes a field the schema (or tai2's default decision) has; a null where the value is absent. */
  private static void put(ObjectNode base, String field, BigDecimal value) {
    if (value == null) {
      base.putNull(field);
    } else {
      base.put(field, value);
    }
  }

  private static BigDecimal toTick(BigDecimal value, BigDecimal tick, RoundingMode mode) {
    return value.divide(tick, 0, mode).multiply(tick).stripTrailingZeros();
  }

  private static Optional<BigDecimal> positive(JsonNode node) {
    if (!node.isNumber() && !node.isString()) {
      return Optional.empty();
    }
    try {
      BigDecimal v = new BigDecimal(node.asString());
      return v.signum() > 0 ? Optional.of(v) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The context JSON of the last user message: tai2 puts it in a {@code ```json} block after the instructions. */
  private static Optional<JsonNode> context(JsonNode messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if (!m.path("role").asString("").equals("user")) {
        continue;
      }
      String text =
          m.path("content").isArray()
              ? m.path("content").path(0).path("text").asString("")
              : m.path("content").asString("");
      int start = text.lastIndexOf(CONTEXT_START);
      if (start < 0) {
        return Optional.empty();
      }
      int end = text.indexOf("\n```", start + CONTEXT_START.length());
      String json = text.substring(start + CONTEXT_START.length(), end < 0 ? text.length() : end);
      try {
        JsonNode node = FakeLlm.JSON.readTree(json);
        return node.isObject() ? Optional.of(node) : Optional.empty();
      } catch (JacksonException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
