package io.tai2.subaccount;

import java.util.Optional;

/** Why a transfer or a balance read did not happen, as the API answers it: a status, the field at fault, OKX's words. */
public final class TransferProblem extends RuntimeException {

  /** What went wrong, with the HTTP status it is answered with. */
  public enum Kind {
    /** Something is missing before money can move: the sub-account, the master keys, a confirmed match. */
    NOT_READY(409, "sub-account not ready"),
    /** More than the source account has available. */
    TOO_MUCH(422, "amount too high"),
    /** The client id names another transfer already. */
    CLIENT_ID_REUSED(409, "client id already used"),
    /** OKX refused it: its code and message are in the problem. */
    OKX_REFUSED(422, "OKX refused the transfer"),
    /** OKX did not answer a read; nothing was sent. */
    OKX_UNREACHABLE(502, "OKX did not answer"),
    /** OKX did not answer the transfer and does not know its client id yet: asked again on a retry, never sent again. */
    OUTCOME_UNKNOWN(502, "transfer outcome unknown");

    private final int status;
    private final String title;

    Kind(int status, String title) {
      this.status = status;
      this.title = title;
    }

    public int status() {
      return status;
    }

    public String title() {
      return title;
    }
  }

  private final Kind kind;
  private final Optional<String> field;
  private final Optional<String> okxCode;
  private final Optional<String> okxMessage;

  TransferProblem(Kind kind, Optional<String> field, String message) {
    this(kind, field, message, Optional.empty(), Optional.empty());
  }

  TransferProblem(
      Kind kind,
      Optional<String> field,
      String message,
      Optional<String> okxCode,
      Optional<String> okxMessage) {
    super(message);
    this.kind = kind;
    this.field = field;
    this.okxCode = okxCode;
    this.okxMessage = okxMessage;
  }

  public Kind kind() {
    return kind;
  }

  /** The request field at fault ({@code amount}, {@code client_id}, {@code master_keys} …), when one is. */
  public Optional<String> field() {
    return field;
  }

  public Optional<String> okxCode() {
    return okxCode;
  }

  public Optional<String> okxMessage() {
    return okxMessage;
  }
}
