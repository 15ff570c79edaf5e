/**
 * Execution: guardrails and sizing as pure functions from a decision to an {@link io.tai2.execution.OrderPlan}, and the
 * executor that places each plan on OKX exactly once (client order id stored before sending), with its protection.
 */
package io.tai2.execution;
