package io.tai2.reasoning;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the model thinks, whatever it decided: how sure it is, how risky it finds the trade, and why, in its own words
 * (cleaned and bounded; the words are only ever shown, never acted on).
 *
 * @param confidence 0..1
 * @param riskScore 0..1, higher is riskier; always present on a BUY or SELL
 * @param rationale the model's explanation, at most {@link #MAX_RATIONALE} characters; may be empty on HOLD/CLOSE
 */
public record Assessment(
    BigDecimal confidence,
    Optional<BigDecimal> riskScore,
    String rationale,
    Optional<String> timeframeAlignment,
    Optional<String> notes,
    List<String> tags) {

  public static final int MAX_RATIONALE = 4_000;
  public static final int MAX_NOTES = 2_000;
  public static final int MAX_LABEL = 64;
  public static final int MAX_TAGS = 16;

  public Assessment {
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(riskScore, "riskScore");
    Objects.requireNonNull(rationale, "rationale");
    Objects.requireNonNull(timeframeAlignment, "timeframeAlignment");
    Objects.requireNonNull(notes, "notes");
    tags = List.copyOf(tags);
    requireFraction("confidence", confidence);
    riskScore.ifPresent(r -> requireFraction("risk_score", r));
    requireText("rationale", rationale, MAX_RATIONALE, true, true);
    timeframeAlignment.ifPresent(
        t -> requireText("timeframe_alignment", t, MAX_LABEL, false, false));
    notes.ifPresent(n -> requireText("notes", n, MAX_NOTES, true, false));
    if (tags.size() > MAX_TAGS) {
      throw new IllegalArgumentException(
          "tags has " + tags.size() + " entries; at most " + MAX_TAGS + " are kept");
    }
    tags.forEach(t -> requireText("tag", t, MAX_LABEL, false, false));
  }

  static void requireFraction(String field, BigDecimal value) {
    if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(field + " " + value + " is outside 0..1");
    }
  }

  private static void requireText(
      String field, String text, int max, boolean multiline, boolean mayBeEmpty) {
    if (!UntrustedText.isClean(text, max, multiline)) {
      throw new IllegalArgumentException(
          field
              + " must be trimmed, free of control characters and at most "
              + max
              + " characters");
    }
    if (text.isEmpty() && !mayBeEmpty) {
      throw new IllegalArgumentException(field + " must not be blank; leave it out instead");
    }
  }
}
