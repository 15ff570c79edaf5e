package io.tai2.config;

/**
 * One refused settings field: its JSON path as the operator wrote it ({@code guardrails.max_leverage},
 * {@code guardrails.symbol_position_caps.BTC-USDT-SWAP}) and, in words, why.
 */
public record FieldError(String path, String message) {

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
