package io.tai2.reasoning;

import io.tai2.config.InvalidFieldsException;
import java.nio.charset.StandardCharsets;

/**
 * The sizes operator texts may have: a text over its limit is refused (400 naming the field), never cut silently or
 * stored and sent to the LLM whole.
 */
public final class TextLimits {

  /** A prompt version's name. */
  public static final int NAME_BYTES = 200;

  /** Each prompt text, the response-schema override and the notes of a version. */
  public static final int PROMPT_BYTES = 64 * 1024;

  /** An ENGINE chat question. */
  public static final int QUESTION_BYTES = 4 * 1024;

  private TextLimits() {}

  /**
   * Refuses {@code value} when its UTF-8 form is longer than {@code maxBytes}.
   *
   * @throws io.tai2.config.InvalidFieldsException naming {@code field}
   */
  public static void atMost(String field, String value, int maxBytes) {
    if (value == null || value.length() * 3L <= maxBytes) {
      return; // no UTF-16 char needs more than 3 UTF-8 bytes: no need to encode a short text
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      throw new InvalidFieldsException(
          field, "must be at most " + maxBytes + " bytes (UTF-8), was " + bytes);
    }
  }
}
