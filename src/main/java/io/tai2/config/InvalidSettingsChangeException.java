package io.tai2.config;

import java.util.List;

/**
 * A runtime settings change refused before anything was saved, with every refused field as data (answered with 400 and
 * the fields). Not for the environment at start-up: that is {@link InvalidSettingsException}.
 */
public final class InvalidSettingsChangeException extends InvalidFieldsException {

  public InvalidSettingsChangeException(List<FieldError> errors) {
    super(errors);
  }

  public InvalidSettingsChangeException(String path, String message) {
    super(path, message);
  }

  /** Throws when {@code errors} is not empty. */
  public static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidSettingsChangeException(errors);
    }
  }

  @Override
  public String title() {
    return "invalid settings";
  }

  /** The refusal for an endpoint whose body is the group itself ({@code PUT /llm/settings}, {@code PUT /scheduler}): paths without {@code group.}. */
  public InvalidSettingsChangeException within(String group) {
    String prefix = group + ".";
    return new InvalidSettingsChangeException(
        errors().stream()
            .map(
                e ->
                    new FieldError(
                        e.path().startsWith(prefix)
                            ? e.path().substring(prefix.length())
                            : e.path(),
                        e.message()))
            .toList());
  }
}
