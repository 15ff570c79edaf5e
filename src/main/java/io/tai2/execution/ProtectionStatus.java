package io.tai2.execution;

import java.math.BigDecimal;
import java.util.Optional;

/** Whether the position an order left behind is protected on OKX, and what execution did to make it so. */
public sealed interface ProtectionStatus {

  /** One line for the operator. */
  String message();

  /** The stop-loss (and the take-profit, when one was asked for) are on OKX. */
  record Confirmed(String instId, Optional<BigDecimal> stopLoss, Optional<BigDecimal> takeProfit)
      implements ProtectionStatus {
    @Override
    public String message() {
      return OrderWords.levels(stopLoss, takeProfit) + " confirmed on OKX";
    }
  }

  /** They were missing; a standalone protection order now holds them. */
  record Rearmed(
      String instId, String algoId, Optional<BigDecimal> stopLoss, Optional<BigDecimal> takeProfit)
      implements ProtectionStatus {
    @Override
    public String message() {
      return OrderWords.levels(stopLoss, takeProfit).replace(" and ", ", ")
          + " re-armed (algo "
          + algoId
          + ")";
    }
  }

  /** The stop-loss stands, but the take-profit could not be placed. */
  record StopOnly(String instId, BigDecimal stopLoss, String reason) implements ProtectionStatus {
    @Override
    public String message() {
      return "SL "
          + OrderWords.num(stopLoss)
          + " stands, but the take-profit could not be placed: "
          + reason;
    }
  }

  /** No stop-loss could be placed, so the position was closed at market. */
  record Flattened(String instId, String reason) implements ProtectionStatus {
    @Override
    public String message() {
      return "could not be protected (" + reason + "): flattened";
    }
  }

  /** No stop-loss is on OKX and execution could not fix it: the operator must act. */
  record Unprotected(String instId, String reason) implements ProtectionStatus {
    @Override
    public String message() {
      return reason;
    }
  }

  /** A close left the position flat; its remaining protection orders were cancelled. */
  record Released(String instId, int cancelled) implements ProtectionStatus {
    @Override
    public String message() {
      return "position flat, "
          + cancelled
          + " protection order"
          + (cancelled == 1 ? "" : "s")
          + " cancelled";
    }
  }

  /** There is no open position to protect (for example its stop already fired). */
  record NoPosition(String instId) implements ProtectionStatus {
    @Override
    public String message() {
      return "no open position on " + instId + " to protect";
    }
  }
}
