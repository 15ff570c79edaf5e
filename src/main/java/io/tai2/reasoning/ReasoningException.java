package io.tai2.reasoning;

/** Why a prompt cannot be built or run now, with the HTTP status the API answers and a message for the operator. */
public final class ReasoningException extends RuntimeException {

  /** The reasons, each with its HTTP status. */
  public enum Kind {
    UNKNOWN_SYMBOL(404),
    UNKNOWN_VERSION(404),
    BAD_REQUEST(400),
    NO_SNAPSHOT(503),
    STALE_SNAPSHOT(503),
    HOLD_RULE(409),
    BUSY(409),
    RISK_LOCKED(423),
    BUDGET_SPENT(429);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Kind kind;

  public ReasoningException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
