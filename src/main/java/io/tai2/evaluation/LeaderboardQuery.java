package io.tai2.evaluation;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What a leaderboard is asked for: arms by prompt version or by model, from which source, decisions made in [from, to),
 * optionally on one symbol, and the live A/B split when one is set (its version A is the champion the others are
 * compared against).
 */
public record LeaderboardQuery(
    GroupBy groupBy,
    Source source,
    Instant from,
    Instant to,
    Optional<String> symbol,
    Optional<AbSplit> abSplit) {

  public LeaderboardQuery {
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from must not be after to, was " + from + " > " + to);
    }
  }

  /** What makes an arm. */
  public enum GroupBy {
    VERSION,
    MODEL
  }

  /**
   * Where decisions were acted on: LIVE (sent to OKX, demo or live), PAPER (the dry run while live execution is off),
   * SHADOW (shadow models, each on its own paper account) or ALL of them, each source its own rows.
   */
  public enum Source {
    LIVE,
    PAPER,
    SHADOW,
    ALL
  }

  /** The A/B split of the reasoning settings: version A is the champion, version B the challenger. */
  public record AbSplit(UUID versionA, UUID versionB) {}
}
