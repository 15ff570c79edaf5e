package io.tai2.reasoning;

import java.util.Optional;
import java.util.UUID;

/** The two prompt texts of a version (sanitized on construction) with the version's id and name. */
public record PromptText(Optional<UUID> versionId, String name, String system, String decision) {

  static final int MAX_CHARS = 20_000;

  public PromptText {
    name = Sanitizer.text(name, 200);
    system = Sanitizer.text(system, MAX_CHARS);
    decision = Sanitizer.text(decision, MAX_CHARS);
    if (system.isEmpty()) {
      system = DefaultPrompts.SYSTEM;
    }
    if (decision.isEmpty()) {
      decision = DefaultPrompts.DECISION;
    }
  }

  /** The shipped prompts, used until an operator saves a version. */
  public static PromptText defaults() {
    return new PromptText(Optional.empty(), DefaultPrompts.NAME, DefaultPrompts.SYSTEM, DefaultPrompts.DECISION);
  }
}
