package io.tai2.reasoning;

import java.util.Optional;
import java.util.UUID;

/** The two prompt texts of a version (sanitized on construction) with the version's id and name. */
public record PromptText(Optional<UUID> versionId, String name, String system, String decision) {

  /** Never cuts a text the limits let in (64 KB of UTF-8 is at most this many chars). */
  static final int MAX_CHARS = TextLimits.PROMPT_BYTES;

  public PromptText {
    name = Sanitizer.text(name, TextLimits.NAME_BYTES);
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
    return new PromptText(
        Optional.empty(), DefaultPrompts.NAME, DefaultPrompts.SYSTEM, DefaultPrompts.DECISION);
  }
}
