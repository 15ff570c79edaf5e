package io.tai2.config;

import java.util.List;

/** Start-up settings that cannot be used; each problem names the variable and what is allowed. */
public class InvalidSettingsException extends RuntimeException {
  private final List<String> problems;

  public InvalidSettingsException(List<String> problems) {
    super("invalid settings: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per invalid variable, e.g. {@code WS_UPDATE_INTERVAL="abc": must be a whole number >= 1}. */
  public List<String> problems() {
    return problems;
  }
}
