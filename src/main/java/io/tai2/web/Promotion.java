package io.tai2.web;

import io.tai2.reasoning.ReasoningSettings;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * Promoting the challenger: the settings change that makes it the champion (the active version), unmarks it as
 * challenger and ends an A/B split that was the old champion against it (that test is decided); a split between other
 * versions is someone else's test and stays.
 */
final class Promotion {

  private Promotion() {}

  /** The version asked for is not the marked challenger (409); {@code challenger} is the one that is, if any. */
  static final class NotTheChallenger extends RuntimeException {
    private final Optional<UUID> challenger;

    NotTheChallenger(String message, Optional<UUID> challenger) {
      super(message);
      this.challenger = challenger;
    }

    Optional<UUID> challenger() {
      return challenger;
    }
  }

  /**
   * The {@code PUT /api/settings} patch that promotes {@code version} over {@code current}.
   *
   * @throws NotTheChallenger unless {@code version} is {@code current}'s challenger
   */
  static ObjectNode patch(ReasoningSettings current, UUID version) {
    Optional<UUID> challenger = current.challengerVersion();
    if (challenger.isEmpty()) {
      throw new NotTheChallenger(
          "no challenger is marked: mark "
              + version
              + " as challenger first (reasoning.challenger_version)",
          challenger);
    }
    if (!challenger.get().equals(version)) {
      throw new NotTheChallenger(
          "version " + version + " is not the challenger; the challenger is " + challenger.get(),
          challenger);
    }
    ObjectNode patch = Json.MAPPER.createObjectNode();
    ObjectNode reasoning = patch.putObject(ReasoningSettings.DOCUMENT);
    reasoning.put("active_version", version.toString());
    reasoning.putNull("challenger_version");
    if (endsSplit(current, version)) {
      reasoning.putNull("ab_split");
    }
    return patch;
  }

  /** True when the A/B split's two arms are the current champion and {@code challenger}, in either order. */
  static boolean endsSplit(ReasoningSettings current, UUID challenger) {
    return current
        .abSplit()
        .filter(
            ab ->
                current.activeVersion().isPresent()
                    && Set.of(ab.versionA(), ab.versionB())
                        .equals(Set.of(current.activeVersion().get(), challenger)))
        .isPresent();
  }
}
