package io.tai2.execution;

import java.util.Objects;

/**
 * One guardrail rule that fired on a decision, with the value before and after it and an operator-readable detail. The
 * list of checks in a {@link GuardrailVerdict} is the audit trail stored with the decision and shown in the UI.
 *
 * @param rule a stable snake_case name, e.g. {@code position_cap}
 * @param before the value the rule looked at (empty when it has none)
 * @param after the value it left (equal to {@code before} unless adjusted or clipped)
 * @param detail what the rule saw and, when it stopped or changed something, what to do about it
 */
public record RuleCheck(String rule, Result result, String before, String after, String detail) {

  /** What a rule did. */
  public enum Result {
    /** the rule held and changed nothing */
    PASSED,
    /** the rule changed a value (a nudged stop, a dropped take-profit, a rounded price) */
    ADJUSTED,
    /** the rule made the order smaller */
    CLIPPED,
    /** the rule stopped the decision */
    BLOCKED,
    /** the rule does not apply to this decision or is switched off */
    SKIPPED
  }

  public RuleCheck {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(detail, "detail");
  }
}
