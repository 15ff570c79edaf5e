package io.tai2.reasoning;

/**
 * Why a reply cannot be trusted, thrown inside the parser and turned into a {@link DecisionOutcome.Rejected}; it never
 * leaves the package. The message is for the operator.
 */
final class RejectedReply extends RuntimeException {

  RejectedReply(String reason) {
    super(reason, null, false, false); // no stack trace: this is an expected outcome, not a bug
  }
}
