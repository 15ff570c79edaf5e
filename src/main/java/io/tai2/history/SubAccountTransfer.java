package io.tai2.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One transfer between the OKX master account and a sub-account, as recorded before it was sent and settled after
 * (table {@code subaccount_transfers}, where the states are described).
 */
public record SubAccountTransfer(
    String clientId,
    Instant requestedAt,
    String actor,
    String environment,
    String subAccount,
    String direction,
    String masterSide,
    BigDecimal amount,
    String state,
    Optional<String> transId,
    Optional<String> okxCode,
    Optional<String> okxMessage,
    Optional<Instant> settledAt) {

  /** A transfer about to be sent: state SENT, nothing settled yet. */
  public static SubAccountTransfer intent(
      String clientId,
      Instant at,
      String actor,
      String environment,
      String subAccount,
      String direction,
      String masterSide,
      BigDecimal amount) {
    return new SubAccountTransfer(
        clientId,
        at,
        actor,
        environment,
        subAccount,
        direction,
        masterSide,
        amount,
        "SENT",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
