package io.tai2.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A runtime settings change refused before anything was saved, with every refused field as data (answered with 400 and
 * the fields). Not for the environment at start-up: that is {@link InvalidSettingsException}.
 */
public final class InvalidSettingsChangeException extends IllegalArgumentException {

  private final transient List<FieldError> errors;

  public InvalidSettingsChangeException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a refused change names at least one field");
    }
    this.errors = List.copyOf(errors);
  }

  public InvalidSettingsChangeException(String path, String message) {
    this(List.of(new FieldError(path, message)));
  }

  /** Throws when {@code errors} is not empty. */
  public static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidSettingsChangeException(errors);
    }
  }

  /** Every refused field, in the order found. */
  public List<FieldError> errors() {
    return errors;
  }

  /** The first refused field's path, for a form to show the message next to it. */
  public String field() {
    return errors.getFirst().path();
  }
}
