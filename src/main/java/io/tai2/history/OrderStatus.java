package io.tai2.history;

/** Where an order stands. {@code UNKNOWN} = sent, outcome not known (timeout/5xx): resolve by client order id. */
public enum OrderStatus {
  INTENT,
  SENT,
  UNKNOWN,
  LIVE,
  PARTIALLY_FILLED,
  FILLED,
  CANCELED,
  REJECTED;

  /** Whether the exchange may still act on this order, so start-up reconciliation must look at it. */
  public boolean isUnresolved() {
    return this == INTENT || this == SENT || this == UNKNOWN || this == LIVE || this == PARTIALLY_FILLED;
  }
}
