package io.tai2.execution;

import java.util.List;
import java.util.Objects;

/**
 * What the guardrails made of one decision: an order to place, a block with the rule and the reason, or nothing to do.
 * Every verdict carries the checks that fired, in order; {@link #toJson()} is the shape stored in the decision log.
 */
public sealed interface GuardrailVerdict {

  /** Every rule that fired, in evaluation order. */
  List<RuleCheck> checks();

  /** The verdict as one JSON object: {@code verdict}, {@code rule}, {@code reason}, {@code plan} and {@code checks}. */
  default String toJson() {
    return VerdictJson.write(this);
  }

  /** The decision passed every rule; {@code plan} is the order to place (or to log, in paper mode). */
  record Approved(OrderPlan plan, List<RuleCheck> checks) implements GuardrailVerdict {
    public Approved {
      Objects.requireNonNull(plan, "plan");
      checks = List.copyOf(checks);
    }
  }

  /**
   * A rule stopped the decision.
   *
   * @param rule the rule's name, as in its {@link RuleCheck}
   * @param reason for the operator: what was wrong, with the numbers, and what to do
   */
  record Blocked(String rule, String reason, List<RuleCheck> checks) implements GuardrailVerdict {
    public Blocked {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(reason, "reason");
      checks = List.copyOf(checks);
    }
  }

  /** Nothing to send: a HOLD, or a CLOSE with no open position. */
  record NothingToDo(String reason, List<RuleCheck> checks) implements GuardrailVerdict {
    public NothingToDo {
      Objects.requireNonNull(reason, "reason");
      checks = List.copyOf(checks);
    }
  }
}
