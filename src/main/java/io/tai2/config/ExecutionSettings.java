package io.tai2.config;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How execution places orders: the live-execution switch (off = paper log only), margin mode, order type, minimum
 * sizes in contracts (per symbol, else the default) and isolated-margin auto-seeding from the funding account.
 */
public record ExecutionSettings(
    boolean enabled,
    String tradeMode,
    String orderType,
    BigDecimal defaultMinContracts,
    Map<String, BigDecimal> minContracts,
    IsolatedSeed isolatedSeed) {

  public ExecutionSettings {
    minContracts = Collections.unmodifiableMap(new TreeMap<>(minContracts));
    Objects.requireNonNull(isolatedSeed, "isolatedSeed");
    if (!tradeMode.equals("cross") && !tradeMode.equals("isolated")) {
      throw new IllegalArgumentException("trade_mode must be cross or isolated, was " + tradeMode);
    }
    if (!orderType.equals("market")) {
      throw new IllegalArgumentException(
          "order_type must be market (the only type tai2 sends), was " + orderType);
    }
    if (defaultMinContracts.signum() < 0
        || minContracts.values().stream().anyMatch(v -> v.signum() < 0)) {
      throw new IllegalArgumentException("minimum sizes must not be negative");
    }
  }

  /** Settings without isolated-margin auto-seeding. */
  public ExecutionSettings(
      boolean enabled,
      String tradeMode,
      String orderType,
      BigDecimal defaultMinContracts,
      Map<String, BigDecimal> minContracts) {
    this(enabled, tradeMode, orderType, defaultMinContracts, minContracts, IsolatedSeed.none());
  }

  /** Off, cross margin, market orders, no minimum beyond the instrument's, no auto-seeding. */
  public static ExecutionSettings defaults() {
    return new ExecutionSettings(false, "cross", "market", BigDecimal.ZERO, Map.of());
  }

  public BigDecimal minContractsFor(String symbol) {
    return minContracts.getOrDefault(symbol, defaultMinContracts);
  }
}
