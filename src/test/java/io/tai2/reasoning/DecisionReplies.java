package io.tai2.reasoning;

import io.tai2.reasoning.Decision.Action;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Generates valid replies for BTC at 60000 (tick 0.1) together with the decision each must parse to: random actions,
 * levels anywhere in the allowed band, optional fields present, {@code null} or left out, numbers sometimes quoted, keys
 * in any order. Fuzz cases start from these and break them.
 */
final class DecisionReplies {

  static final BigDecimal PRICE = new BigDecimal("60000");
  static final PriceContext BTC = new PriceContext("BTC-USDT-SWAP", PRICE, new BigDecimal("0.1"));

  private static final String[] WORDS = {
    "trend",
    "breakout",
    "funding",
    "flat",
    "RSI",
    "überkauft",
    "趋势",
    "🚀",
    "café",
    "ATR",
    "4h",
    "mixed",
    "cooldown",
    "snapshot",
    "fresh",
    "caps",
    "ok",
    "momentum",
    "weak",
    "1h"
  };

  /** A valid reply as raw JSON fields, and the decision it stands for. */
  record Sample(Map<String, String> fields, Decision expected) {

    String json() {
      return render(fields);
    }

    Action action() {
      return expected.action();
    }
  }

  private DecisionReplies() {}

  static String render(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> quoted(e.getKey()) + ":" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** A JSON string literal; characters other than quote, backslash and C0 controls are written as they are. */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  static Sample sample(SplittableRandom random) {
    Action action = Action.values()[random.nextInt(4)];
    boolean entry = action == Action.BUY || action == Action.SELL;
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(
        "action", quoted(random.nextBoolean() ? action.name() : action.name().toLowerCase()));

    BigDecimal confidence = fraction(random);
    fields.put("confidence", number(confidence, random));
    Optional<BigDecimal> risk =
        entry || random.nextBoolean() ? Optional.of(fraction(random)) : Optional.empty();
    optionalNumber(fields, "risk_score", risk, random);
    String rationale = entry || random.nextBoolean() ? words(random, 1 + random.nextInt(50)) : "";
    if (!rationale.isEmpty() || random.nextBoolean()) {
      fields.put("rationale", quoted(rationale));
    }
    Optional<String> timeframe =
        random.nextBoolean() ? Optional.of(words(random, 1 + random.nextInt(3))) : Optional.empty();
    optionalText(fields, "timeframe_alignment", timeframe, random);
    Optional<String> notes =
        random.nextBoolean()
            ? Optional.of(words(random, 1 + random.nextInt(20)))
            : Optional.empty();
    optionalText(fields, "notes", notes, random);
    List<String> tags = new ArrayList<>();
    for (int i = random.nextInt(6); i > 0; i--) {
      tags.add(WORDS[random.nextInt(WORDS.length)]);
    }
    if (!tags.isEmpty() || random.nextBoolean()) {
      fields.put(
          "tags",
          tags.stream().map(DecisionReplies::quoted).collect(Collectors.joining(",", "[", "]")));
    }
    Assessment assessment = new Assessment(confidence, risk, rationale, timeframe, notes, tags);

    Decision expected =
        switch (action) {
          case BUY, SELL -> {
            Optional<BigDecimal> equityPct =
                random.nextBoolean() ? Optional.of(fraction(random)) : Optional.empty();
            Optional<BigDecimal> size =
                random.nextBoolean()
                    ? Optional.of(
                        BigDecimal.valueOf(random.nextLong(10_000_000), random.nextInt(4)))
                    : Optional.empty();
            boolean buy = action == Action.BUY;
            Optional<BigDecimal> stop = Optional.of(level(random, !buy));
            Optional<BigDecimal> target =
                random.nextBoolean() ? Optional.of(level(random, buy)) : Optional.empty();
            optionalNumber(fields, "equity_pct", equityPct, random);
            optionalNumber(fields, "position_size", size, random);
            optionalNumber(fields, "stop_loss", stop, random);
            optionalNumber(fields, "take_profit", target, random);
            yield buy
                ? new Decision.Buy(assessment, equityPct, size, stop, target)
                : new Decision.Sell(assessment, equityPct, size, stop, target);
          }
          case HOLD -> {
            boolean stopAbove = random.nextBoolean();
            Optional<BigDecimal> stop =
                random.nextBoolean() ? Optional.of(level(random, stopAbove)) : Optional.empty();
            Optional<BigDecimal> target =
                random.nextBoolean() ? Optional.of(level(random, !stopAbove)) : Optional.empty();
            optionalNumber(fields, "stop_loss", stop, random);
            optionalNumber(fields, "take_profit", target, random);
            yield new Decision.Hold(assessment, stop, target);
          }
          case CLOSE -> {
            for (String unused :
                List.of("stop_loss", "take_profit", "position_size", "equity_pct")) {
              if (random.nextBoolean()) {
                fields.put(unused, "null");
              }
            }
            yield new Decision.Close(assessment);
          }
        };
    return new Sample(shuffled(fields, random), expected);
  }

  /** The decision with another rationale (what an injected rationale must change, and nothing else). */
  static Decision withRationale(Decision decision, String rationale) {
    Assessment a = decision.assessment();
    Assessment changed =
        new Assessment(
            a.confidence(), a.riskScore(), rationale, a.timeframeAlignment(), a.notes(), a.tags());
    return switch (decision) {
      case Decision.Buy b ->
          new Decision.Buy(changed, b.equityPct(), b.positionSize(), b.stopLoss(), b.takeProfit());
      case Decision.Sell s ->
          new Decision.Sell(changed, s.equityPct(), s.positionSize(), s.stopLoss(), s.takeProfit());
      case Decision.Hold h -> new Decision.Hold(changed, h.stopLoss(), h.takeProfit());
      case Decision.Close c -> new Decision.Close(changed);
    };
  }

  /** Plain, fenced, inside prose, or padded with blanks and a byte-order mark. */
  static String wrapped(String json, SplittableRandom random) {
    return switch (random.nextInt(4)) {
      case 0 -> json;
      case 1 -> "```json\n" + json + "\n```";
      case 2 -> "Checked freshness and guardrails. Decision: " + json + "\nThat is all.";
      default -> "\uFEFF \n\t" + json + " \n";
    };
  }

  /** A fraction 0..1 with 0 to 6 decimals. */
  static BigDecimal fraction(SplittableRandom random) {
    int scale = random.nextInt(7);
    long unit = BigDecimal.TEN.pow(scale).longValueExact();
    return BigDecimal.valueOf(random.nextLong(unit + 1), scale);
  }

  /** A price above or below 60000 by at least one tick and at most half the price. */
  static BigDecimal level(SplittableRandom random, boolean above) {
    long tenths = 1 + random.nextLong(300_000);
    return BigDecimal.valueOf(600_000 + (above ? tenths : -tenths), 1);
  }

  static String words(SplittableRandom random, int count) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      words.add(WORDS[random.nextInt(WORDS.length)]);
    }
    return String.join(" ", words);
  }

  private static String number(BigDecimal value, SplittableRandom random) {
    String plain = value.toPlainString();
    return random.nextInt(8) == 0 ? quoted(plain) : plain; // a quoted plain decimal is accepted too
  }

  private static void optionalNumber(
      Map<String, String> fields, String key, Optional<BigDecimal> value, SplittableRandom random) {
    if (value.isPresent()) {
      fields.put(key, number(value.get(), random));
    } else if (random.nextBoolean()) {
      fields.put(key, "null");
    }
  }

  private static void optionalText(
      Map<String, String> fields, String key, Optional<String> value, SplittableRandom random) {
    if (value.isPresent()) {
      fields.put(key, quoted(value.get()));
    } else if (random.nextBoolean()) {
      fields.put(key, random.nextBoolean() ? "null" : "\"  \"");
    }
  }

  private static Map<String, String> shuffled(Map<String, String> fields, SplittableRandom random) {
    List<String> keys = new ArrayList<>(fields.keySet());
    Collections.shuffle(keys, new Random(random.nextLong()));
    Map<String, String> out = new LinkedHashMap<>();
    keys.forEach(k -> out.put(k, fields.get(k)));
    return out;
  }
}
