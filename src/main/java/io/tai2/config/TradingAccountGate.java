package io.tai2.config;

import java.util.Optional;

/**
 * Whether the OKX account the trading keys reach may take new live entries now. A port: execution and the settings
 * service ask it; the {@code subaccount} module answers it (the declared sub-account checked against OKX), so neither
 * of them can reach the master keys behind that check.
 */
@FunctionalInterface
public interface TradingAccountGate {

  /** No check: every account may take entries (no sub-account declared, or the check is not wired in this process). */
  TradingAccountGate OPEN = Optional::empty;

  /** Why new live entries are refused now, in words that say what to do; empty when they may go. */
  Optional<String> refusal();
}
