package io.tai2.execution;

import java.time.Clock;

/** The internal pieces the executor and the reconciler share, wired once from the same records and policy. */
record ExecutionParts(
    OrderLedger ledger,
    ExecutionAlerts alerts,
    OrderResolver resolver,
    ProtectionKeeper protection) {

  static ExecutionParts of(ExecutionRecords records, ExecutionPolicy policy, Clock clock) {
    OrderLedger ledger = new OrderLedger(records, clock);
    OrderResolver resolver = new OrderResolver(ledger, new OrderLookup(policy));
    return new ExecutionParts(
        ledger,
        new ExecutionAlerts(records.feedback(), clock, policy.feedbackTtl()),
        resolver,
        new ProtectionKeeper(ledger, resolver, policy));
  }
}
