package io.tai2.okx;

/**
 * A request that changes state was sent but no answer came back (timeout, dropped connection, 5xx): OKX may or may not
 * have acted. Never resend it blindly; look the order up by its client order id.
 */
public class OkxOutcomeUnknownException extends RuntimeException {
  public OkxOutcomeUnknownException(String path, Throwable cause) {
    super(
        "OKX "
            + path
            + ": no answer, outcome unknown; reconcile by client order id before doing anything else",
        cause);
  }
}
