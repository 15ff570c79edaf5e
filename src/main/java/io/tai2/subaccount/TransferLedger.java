package io.tai2.subaccount;

import io.tai2.history.SubAccountTransfer;
import io.tai2.history.SubAccountTransferRepository;
import io.tai2.okx.OkxMasterAccount;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What became of a recorded transfer. A client id goes to OKX once; after that tai2 only asks OKX's transfer state for
 * it ({@code asset/transfer-state?clientId=}), never sends it again. OKX says a transfer's answer does not prove its
 * completion, so one still unknown is asked again on the next request with the same client id; one OKX still does not
 * know after {@link #NEVER_ARRIVED} never reached it and is marked FAILED (a new client id sends it again).
 */
final class TransferLedger {

  private static final Logger log = LoggerFactory.getLogger(TransferLedger.class);

  /** OKX 58124: "transfer still processing, check transfer-state" (docs/spec/okx-openrouter-protocols.md §6.1). */
  static final String STILL_PROCESSING = "58124";

  static final Duration NEVER_ARRIVED = Duration.ofMinutes(2);

  private final SubAccountTransferRepository transfers;
  private final Clock clock;

  TransferLedger(SubAccountTransferRepository transfers, Clock clock) {
    this.transfers = transfers;
    this.clock = clock;
  }

  /** Records OKX's answer and returns the transfer as it now stands. */
  SubAccountTransfer settle(
      SubAccountTransfer t,
      String state,
      Optional<String> transId,
      Optional<String> okxCode,
      Optional<String> okxMessage) {
    transfers.settle(t.clientId(), state, transId, okxCode, okxMessage, clock.instant());
    log.info(
        "event=sub_account_transfer client_id={} environment={} sub_account={} direction={} master_side={} amount={} state={} trans_id={}"
            + " okx_code={} actor=\"{}\"",
        t.clientId(),
        t.environment(),
        t.subAccount(),
        t.direction(),
        t.masterSide(),
        t.amount().toPlainString(),
        state,
        transId.orElse(""),
        okxCode.orElse(""),
        t.actor());
    return transfers.find(t.clientId()).orElseThrow();
  }

  /**
   * The outcome of a transfer asked for again with its client id: the same transfer's recorded result (asking OKX first
   * when it is not known), or a refusal when the client id named another transfer. Nothing is ever sent.
   *
   * @throws TransferProblem unless the transfer is done or pending
   */
  SubAccountTransfer replay(
      SubAccountTransfer t,
      SubAccountFunds.TransferOrder order,
      String subAccount,
      OkxMasterAccount master) {
    if (!t.direction().equals(order.direction().name())
        || !t.masterSide().equals(order.masterSide().name())
        || t.amount().compareTo(order.amount()) != 0
        || !t.subAccount().equals(subAccount)) {
      throw new TransferProblem(
          TransferProblem.Kind.CLIENT_ID_REUSED,
          Optional.of("client_id"),
          "client id "
              + t.clientId()
              + " was used at "
              + t.requestedAt()
              + " for another transfer ("
              + describe(t)
              + "); send this one with a new client_id");
    }
    SubAccountTransfer now =
        switch (t.state()) {
          case "SENT", "UNKNOWN", "PENDING" -> resolve(t, master);
          default -> t;
        };
    return switch (now.state()) {
      case "DONE", "PENDING" -> now;
      case "REFUSED" -> throw refused(now.okxCode().orElse(""), now.okxMessage().orElse(""));
      case "FAILED" ->
          throw new TransferProblem(
              TransferProblem.Kind.OKX_REFUSED,
              Optional.empty(),
              "OKX reports transfer "
                  + t.clientId()
                  + " failed or never got it; nothing moved: send it again with a new client_id",
              now.okxCode(),
              now.okxMessage());
      default ->
          throw new TransferProblem(
              TransferProblem.Kind.OUTCOME_UNKNOWN,
              Optional.of("client_id"),
              "OKX has not answered transfer "
                  + t.clientId()
                  + " yet: repeat this request with the same client_id to ask OKX again (it is never sent twice); after "
                  + NEVER_ARRIVED.toMinutes()
                  + " minutes without trace it counts as never sent");
    };
  }

  private SubAccountTransfer resolve(SubAccountTransfer t, OkxMasterAccount master) {
    Optional<OkxMasterAccount.TransferState> state;
    try {
      state = master.transferState(t.clientId());
    } catch (RuntimeException e) {
      log.warn(
          "event=sub_account_transfer_state_failed client_id={} error={}",
          t.clientId(),
          e.toString());
      return t;
    }
    if (state.isPresent()) {
      String okxState = state.get().state();
      String settled =
          okxState.equals("success") ? "DONE" : okxState.equals("failed") ? "FAILED" : "PENDING";
      return settle(
          t,
          settled,
          Optional.of(state.get().transId()).filter(id -> !id.isEmpty()),
          Optional.empty(),
          Optional.empty());
    }
    if (t.requestedAt().plus(NEVER_ARRIVED).isBefore(clock.instant())) {
      return settle(
          t,
          "FAILED",
          Optional.empty(),
          Optional.empty(),
          Optional.of(
              "OKX does not know this client id "
                  + NEVER_ARRIVED.toMinutes()
                  + " minutes after it was sent"));
    }
    return t.state().equals("SENT")
        ? settle(t, "UNKNOWN", Optional.empty(), Optional.empty(), Optional.empty())
        : t;
  }

  static TransferProblem refused(String code, String message) {
    return new TransferProblem(
        TransferProblem.Kind.OKX_REFUSED,
        Optional.empty(),
        "OKX refused the transfer: " + code + " " + message + "; nothing moved",
        Optional.of(code),
        Optional.of(message));
  }

  private static String describe(SubAccountTransfer t) {
    return t.direction().toLowerCase(Locale.ROOT)
        + " "
        + t.amount().toPlainString()
        + " USDT, sub-account "
        + t.subAccount()
        + ", master "
        + t.masterSide().toLowerCase(Locale.ROOT)
        + " account";
  }
}
