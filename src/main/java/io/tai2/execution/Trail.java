package io.tai2.execution;

import io.tai2.execution.RuleCheck.Result;
import java.util.ArrayList;
import java.util.List;

/** The checks of one evaluation as they fire, and the verdicts that end it. Not shared: one per evaluation. */
final class Trail {

  private final List<RuleCheck> checks = new ArrayList<>();

  void passed(String rule, String value, String detail) {
    checks.add(new RuleCheck(rule, Result.PASSED, value, value, detail));
  }

  void skipped(String rule, String detail) {
    checks.add(new RuleCheck(rule, Result.SKIPPED, "", "", detail));
  }

  void adjusted(String rule, String before, String after, String detail) {
    checks.add(new RuleCheck(rule, Result.ADJUSTED, before, after, detail));
  }

  void clipped(String rule, String before, String after, String detail) {
    checks.add(new RuleCheck(rule, Result.CLIPPED, before, after, detail));
  }

  /** Records the blocking check and ends the evaluation with it; {@code reason} is shown to the operator. */
  GuardrailVerdict.Blocked block(String rule, String value, String reason) {
    checks.add(new RuleCheck(rule, Result.BLOCKED, value, "", reason));
    return new GuardrailVerdict.Blocked(rule, reason, checks);
  }

  GuardrailVerdict.NothingToDo nothingToDo(String rule, String value, String reason) {
    checks.add(new RuleCheck(rule, Result.PASSED, value, value, reason));
    return new GuardrailVerdict.NothingToDo(reason, checks);
  }

  GuardrailVerdict.Approved approved(OrderPlan plan) {
    return new GuardrailVerdict.Approved(plan, checks);
  }
}
