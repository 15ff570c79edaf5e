package io.tai2.reasoning;

import io.tai2.config.InvalidFieldsException;
import java.util.regex.Pattern;

/**
 * What a model id may look like wherever one comes in (settings, a cycle's {@code model} parameter, the chat): an
 * OpenRouter-style id such as {@code openai/gpt-4o-mini} or {@code anthropic/claude-3.5-sonnet:beta}, or a local one
 * such as {@code llama3.1:8b}. Anything else is refused before it reaches the LLM endpoint or the database.
 */
public final class ModelId {

  public static final int MAX_LENGTH = 200;
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]*");

  private ModelId() {}

  public static boolean valid(String id) {
    return id != null && !id.isEmpty() && id.length() <= MAX_LENGTH && SHAPE.matcher(id).matches();
  }

  /** The refusal, without the field name. */
  public static String rule() {
    return "must be a model id such as "
        + ReasoningSettings.DEFAULT_MODEL
        + " (letters, digits and . _ - + : / @, at most "
        + MAX_LENGTH
        + " characters)";
  }

  /** {@code model} unchanged when valid, else an {@link InvalidFieldsException} naming {@code field}. */
  static String require(String field, String model) {
    if (!valid(model)) {
      throw new InvalidFieldsException(field, rule());
    }
    return model;
  }
}
