package io.tai2.history;

/** An order intent with this client order id already exists: the order must not be sent again. */
public class DuplicateClientOrderIdException extends RuntimeException {
  public DuplicateClientOrderIdException(String clientOrderId, Throwable cause) {
    super(
        "an order with client order id "
            + clientOrderId
            + " is already recorded; it must not be sent twice",
        cause);
  }
}
