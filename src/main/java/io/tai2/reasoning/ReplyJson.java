package io.tai2.reasoning;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds the one JSON object in a model's reply and reads it with hard limits. Models wrap JSON in prose or
 * {@code ```json} fences, so the object is found by a brace scan that knows about strings, not by "first { to last }"
 * (which joins two objects, or an object and a brace in the prose, into garbage).
 */
final class ReplyJson {

  static final int MAX_REPLY_BYTES = 64 * 1024;
  static final int MAX_DEPTH = 32;
  private static final String FENCE = "```";

  /**
   * Numbers as BigDecimal (no binary rounding of prices), duplicate keys rejected (a reply that says two things is
   * ambiguous, and a validator and an executor must never read different values), and bounds that keep hostile input
   * from exhausting memory or stack.
   */
  static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxDocumentLength(MAX_REPLY_BYTES)
                          .maxStringLength(MAX_REPLY_BYTES)
                          .maxNumberLength(64)
                          .maxNameLength(256)
                          .maxTokenCount(20_000)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private ReplyJson() {}

  /** The JSON object the reply holds, or a {@link RejectedReply} saying why there is none. */
  static ObjectNode objectIn(String reply) {
    if (reply == null) {
      throw new RejectedReply("empty reply");
    }
    // checked before anything scans the text: every character is at least one UTF-8 byte
    if (reply.length() > MAX_REPLY_BYTES) {
      throw new RejectedReply(
          "reply too large: at least "
              + reply.length()
              + " bytes; the limit is "
              + MAX_REPLY_BYTES
              + " bytes");
    }
    long bytes = utf8Length(reply);
    if (bytes > MAX_REPLY_BYTES) {
      throw new RejectedReply(
          "reply too large: " + bytes + " bytes; the limit is " + MAX_REPLY_BYTES + " bytes");
    }
    String text = reply.strip();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1).strip();
    }
    if (text.isEmpty()) {
      throw new RejectedReply("empty reply");
    }
    String region = text.startsWith("{") ? text : fenced(text);
    if (region.startsWith("[")) {
      throw new RejectedReply("the reply is a JSON array; one JSON object is expected");
    }
    int start = region.indexOf('{');
    if (start < 0) {
      throw new RejectedReply("no JSON object in the reply");
    }
    int end = closingBrace(region, start);
    if (region.indexOf('{', end) >= 0) {
      throw new RejectedReply(
          "the reply holds more than one JSON object; which one is the decision is unclear");
    }
    return read(region.substring(start, end));
  }

  /**
   * The text after the opening fence, or the whole text when no fence comes before the first brace (a fence inside the
   * object is part of a string). The closing fence is not searched for: a rationale may itself contain ``` and the
   * brace scan finds where the object ends anyway.
   */
  private static String fenced(String text) {
    int open = text.indexOf(FENCE);
    int brace = text.indexOf('{');
    if (open < 0 || brace >= 0 && brace < open) {
      return text;
    }
    int lineEnd = text.indexOf('\n', open);
    return (lineEnd < 0 ? text.substring(open + FENCE.length()) : text.substring(lineEnd + 1))
        .strip();
  }

  /** The index just after the brace that closes the one at {@code start}, skipping braces inside strings. */
  private static int closingBrace(String text, int start) {
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        if (++depth > MAX_DEPTH) {
          throw new RejectedReply("the JSON object is nested deeper than " + MAX_DEPTH + " levels");
        }
      } else if (c == '}' && --depth == 0) {
        return i + 1;
      }
    }
    throw new RejectedReply(
        "the JSON object is never closed (unbalanced braces); the reply may be cut off");
  }

  private static ObjectNode read(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new RejectedReply(describe(e));
    } catch (NumberFormatException e) {
      // Jackson lets a number beyond BigDecimal's exponent range (1e9999999999) escape unwrapped
      throw new RejectedReply("invalid JSON: a number is beyond any representable range");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new RejectedReply("no JSON object in the reply");
    }
    return object;
  }

  /** Jackson's message, cut to what an operator needs (no hints about Jackson features). */
  static String describe(JacksonException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.startsWith("Duplicate Object property")) {
      return "duplicate key "
          + message.substring("Duplicate Object property".length()).strip()
          + ": the reply is ambiguous";
    }
    for (String cut : new String[] {": enable", " (from `", "\n"}) {
      int at = message.indexOf(cut);
      message = at < 0 ? message : message.substring(0, at);
    }
    String where =
        e.getLocation() == null || e.getLocation().getLineNr() < 0
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    String prefix =
        e instanceof StreamConstraintsException
            ? "the reply exceeds a safety limit: "
            : "invalid JSON: ";
    return prefix + UntrustedText.clean(message, 200, false) + where;
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // a surrogate pair is 4 bytes, i.e. 2 per half
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }
}
