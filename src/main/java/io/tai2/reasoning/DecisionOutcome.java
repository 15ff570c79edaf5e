package io.tai2.reasoning;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What became of the model's reply: a decision that can be trusted, or a recorded rejection that means HOLD. */
public sealed interface DecisionOutcome {

  /** The decision to act on: the accepted one, or a HOLD for a rejection. */
  Decision decision();

  /**
   * The reply passed every check.
   *
   * @param ignoredKeys keys in the reply that the decision does not use (cleaned, at most 20), for the record
   */
  record Accepted(Decision decision, List<String> ignoredKeys) implements DecisionOutcome {

    public Accepted {
      Objects.requireNonNull(decision, "decision");
      ignoredKeys = List.copyOf(ignoredKeys);
    }

    public Accepted(Decision decision) {
      this(decision, List.of());
    }
  }

  /**
   * The reply cannot be trusted; callers treat it as HOLD and record the reason.
   *
   * @param reason what was wrong, for the operator (cleaned, at most {@link #MAX_REASON} characters)
   * @param attemptedAction what the model asked for, when that much could be read
   */
  record Rejected(String reason, Optional<Decision.Action> attemptedAction)
      implements DecisionOutcome {

    public static final int MAX_REASON = 500;

    public Rejected {
      reason = UntrustedText.clean(Objects.requireNonNull(reason, "reason"), MAX_REASON, false);
      if (reason.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs a reason");
      }
      Objects.requireNonNull(attemptedAction, "attemptedAction");
    }

    public Rejected(String reason) {
      this(reason, Optional.empty());
    }

    /** The HOLD this rejection stands for: no confidence, the reason as rationale, tagged {@code rejected}. */
    public Decision.Hold asHold() {
      Assessment assessment =
          new Assessment(
              BigDecimal.ZERO,
              Optional.empty(),
              "rejected: " + reason,
              Optional.empty(),
              Optional.empty(),
              List.of("rejected"));
      return new Decision.Hold(assessment, Optional.empty(), Optional.empty());
    }

    @Override
    public Decision decision() {
      return asHold();
    }
  }
}
