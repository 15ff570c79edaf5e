package io.tai2.reasoning;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed, bounded reads of the fields of a reply object. A field that is missing or JSON {@code null} is absent; a field
 * of the wrong type is a rejection, never a guess. Every message names the field and the offending value.
 */
final class ReplyFields {

  /** The default schema's keys (docs/spec/tai2-upstream.md §5.2 plus CLOSE). */
  static final Set<String> SCHEMA_KEYS =
      Set.of(
          "action",
          "confidence",
          "position_size",
          "equity_pct",
          "rationale",
          "risk_score",
          "stop_loss",
          "take_profit",
          "timeframe_alignment",
          "notes",
          "tags");

  private static final int MAX_LISTED_KEYS = 20;
  private static final int MAX_TAGS_READ = 256;

  /**
   * Numbers written as text ("0.7", "61000.5") are accepted: the meaning is unambiguous and some models quote numbers
   * when no strict schema binds them. Anything else ("NaN", "1,000", "60k", "$60000", hex) is rejected.
   */
  private static final Pattern NUMERIC_TEXT =
      Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?([eE][+-]?\\d{1,3})?");

  /** Outside this band a value is a mistake or an attack; it also keeps BigDecimal arithmetic cheap. */
  private static final BigDecimal TOO_LARGE = new BigDecimal("1e15");

  private static final BigDecimal TOO_SMALL = new BigDecimal("1e-12");

  private final ObjectNode reply;

  ReplyFields(ObjectNode reply) {
    this.reply = reply;
  }

  Decision.Action action() {
    JsonNode node = reply.get("action");
    if (node == null || node.isNull()) {
      throw new RejectedReply("action is missing");
    }
    if (!node.isString()) {
      throw new RejectedReply("action must be one of BUY, SELL, HOLD, CLOSE, got " + kind(node));
    }
    return Decision.Action.named(node.stringValue())
        .orElseThrow(
            () ->
                new RejectedReply(
                    "action "
                        + UntrustedText.quote(node.stringValue())
                        + " is not one of BUY, SELL, HOLD, CLOSE"));
  }

  /** A number in 0..1. */
  Optional<BigDecimal> fraction(String field) {
    Optional<BigDecimal> value = number(field);
    value.ifPresent(
        v -> {
          if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) {
            throw new RejectedReply(field + " " + show(v) + " is outside 0..1");
          }
        });
    return value;
  }

  BigDecimal requiredFraction(String field, Decision.Action action) {
    return fraction(field)
        .orElseThrow(() -> new RejectedReply(field + " is missing; a " + action + " needs it"));
  }

  /** A size hint in contracts: 0 or more, bounded. */
  Optional<BigDecimal> size(String field) {
    Optional<BigDecimal> value = number(field);
    value.ifPresent(
        v -> {
          if (v.signum() < 0) {
            throw new RejectedReply(
                field + " " + show(v) + " is negative; a size must be 0 or more");
          }
          if (v.compareTo(Decision.MAX_POSITION_SIZE) > 0) {
            throw new RejectedReply(
                field
                    + " "
                    + show(v)
                    + " is above "
                    + show(Decision.MAX_POSITION_SIZE)
                    + " contracts");
          }
        });
    return value;
  }

  /** A price: positive. Where it may lie relative to the market is checked by the caller. */
  Optional<BigDecimal> price(String field) {
    Optional<BigDecimal> value = number(field);
    value.ifPresent(
        v -> {
          if (v.signum() <= 0) {
            throw new RejectedReply(field + " " + show(v) + " must be a positive price");
          }
        });
    return value;
  }

  /** A finite number of sensible magnitude, from a JSON number or a plain numeric string. */
  Optional<BigDecimal> number(String field) {
    JsonNode node = reply.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    BigDecimal value;
    if (node.isNumber()) {
      if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
        throw new RejectedReply(field + " must be a finite number");
      }
      value = node.decimalValue();
    } else if (node.isString() && NUMERIC_TEXT.matcher(node.stringValue().strip()).matches()) {
      value = new BigDecimal(node.stringValue().strip());
    } else {
      throw new RejectedReply(field + " must be a number, got " + kind(node));
    }
    BigDecimal magnitude = value.abs();
    if (magnitude.compareTo(TOO_LARGE) >= 0
        || value.signum() != 0 && magnitude.compareTo(TOO_SMALL) < 0) {
      throw new RejectedReply(field + " " + value + " is out of any sensible range");
    }
    return Optional.of(value);
  }

  /** Cleaned text; a blank string is the same as a missing one. */
  Optional<String> text(String field, int max, boolean multiline) {
    JsonNode node = reply.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isString()) {
      throw new RejectedReply(field + " must be a string, got " + kind(node));
    }
    String text = UntrustedText.clean(node.stringValue(), max, multiline);
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** Up to {@link Assessment#MAX_TAGS} cleaned, non-blank tags; extra ones are dropped, a non-string is rejected. */
  List<String> tags() {
    JsonNode node = reply.get("tags");
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new RejectedReply("tags must be an array of strings, got " + kind(node));
    }
    if (node.size() > MAX_TAGS_READ) {
      throw new RejectedReply(
          "tags has "
              + node.size()
              + " entries; more than "
              + MAX_TAGS_READ
              + " is not a list of tags");
    }
    List<String> tags = new ArrayList<>();
    for (JsonNode tag : node.values()) {
      if (!tag.isString()) {
        throw new RejectedReply(
            "tags must be an array of strings, got an element that is " + kind(tag));
      }
      String text = UntrustedText.clean(tag.stringValue(), Assessment.MAX_LABEL, false);
      if (!text.isEmpty() && tags.size() < Assessment.MAX_TAGS) {
        tags.add(text);
      }
    }
    return tags;
  }

  /** Present keys outside {@code known}, cleaned for the record. */
  List<String> keysOutside(Set<String> known) {
    List<String> ignored = new ArrayList<>();
    for (String key : reply.propertyNames()) {
      boolean absent = reply.get(key).isNull();
      if (!known.contains(key) && !absent && ignored.size() < MAX_LISTED_KEYS) {
        String name = UntrustedText.clean(key, Assessment.MAX_LABEL, false);
        ignored.add(name.isEmpty() ? "(blank)" : name);
      }
    }
    return ignored;
  }

  /** A number for a message: plain digits when it is of sensible size, scientific otherwise (never a huge string). */
  static String show(BigDecimal value) {
    BigDecimal magnitude = value.abs();
    boolean sensible =
        magnitude.compareTo(TOO_LARGE) < 0
            && (value.signum() == 0 || magnitude.compareTo(TOO_SMALL) >= 0);
    return sensible ? value.stripTrailingZeros().toPlainString() : value.toString();
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "the text " + UntrustedText.quote(node.stringValue());
      case BOOLEAN -> "the boolean " + node.booleanValue();
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NUMBER -> "the number " + show(node.decimalValue());
      default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " value";
    };
  }
}
