package io.tai2.config;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How execution places orders: the live-execution switch (off = paper log only), margin mode, order type and minimum
 * sizes in contracts (per symbol, else the default).
 */
public record ExecutionSettings(
    boolean enabled, String tradeMode, String orderType, BigDecimal defaultMinContracts, Map<String, BigDecimal> minContracts) {

  public ExecutionSettings {
    minContracts = Collections.unmodifiableMap(new TreeMap<>(minContracts));
  }

  /** Off, cross margin, market orders, no minimum beyond the instrument's. */
  public static ExecutionSettings defaults() {
    return new ExecutionSettings(false, "cross", "market", BigDecimal.ZERO, Map.of());
  }

  public BigDecimal minContractsFor(String symbol) {
    return minContracts.getOrDefault(symbol, defaultMinContracts);
  }
}
