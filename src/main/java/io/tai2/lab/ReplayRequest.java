package io.tai2.lab;

import io.tai2.reasoning.ModelId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What {@code tai2 replay} asks again: the live cycles recorded in [{@code from}, {@code to}) (on one symbol when
 * given), re-asked with another prompt {@code version} (same model) or another {@code model} (same prompt texts), and
 * how each side's decision is played: {@code notional} USDT per entry at {@code leverage}, the taker fee on both legs, up
 * to {@code horizon} after the entry.
 *
 * @param cacheOnly only cached replies are used; a cycle without one is skipped ({@code not_cached}), nothing is asked
 * @param maxCost the LLM spend at which the replay stops asking (the cycles after it are skipped, {@code spend_limit})
 */
public record ReplayRequest(
    Instant from,
    Instant to,
    Optional<String> symbol,
    Optional<UUID> version,
    Optional<String> model,
    boolean cacheOnly,
    Duration horizon,
    BigDecimal notional,
    BigDecimal leverage,
    BigDecimal takerFee,
    Optional<BigDecimal> maxCost) {

  public static final Duration DEFAULT_HORIZON = Duration.ofHours(24);
  public static final BigDecimal DEFAULT_NOTIONAL = new BigDecimal("1000");
  static final Duration MAX_HORIZON = Duration.ofDays(30);
  static final BigDecimal MAX_LEVERAGE = new BigDecimal("125");
  static final BigDecimal MAX_FEE = new BigDecimal("0.01");

  public ReplayRequest {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    symbol = symbol.map(String::strip).filter(s -> !s.isEmpty());
  }

  /** This request when it can run; {@link IllegalArgumentException} naming the option otherwise. */
  public ReplayRequest checked() {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
    }
    if (version.isPresent() == model.isPresent()) {
      throw new IllegalArgumentException(
          "give either --version ID (another prompt version, same model) or --model M (another model, same prompt)");
    }
    model
        .filter(m -> !ModelId.valid(m))
        .ifPresent(
            m -> {
              throw new IllegalArgumentException("--model " + m + ": the model " + ModelId.rule());
            });
    if (horizon.isNegative() || horizon.isZero() || horizon.compareTo(MAX_HORIZON) > 0) {
      throw new IllegalArgumentException(
          "--horizon " + horizon + " must be positive and at most 30 days");
    }
    if (notional.signum() <= 0) {
      throw new IllegalArgumentException(
          "--notional " + notional.toPlainString() + " must be a positive amount of USDT");
    }
    if (leverage.compareTo(BigDecimal.ONE) < 0 || leverage.compareTo(MAX_LEVERAGE) > 0) {
      throw new IllegalArgumentException(
          "--leverage " + leverage.toPlainString() + " must be between 1 and " + MAX_LEVERAGE);
    }
    if (takerFee.signum() < 0 || takerFee.compareTo(MAX_FEE) > 0) {
      throw new IllegalArgumentException(
          "--taker-fee "
              + takerFee.toPlainString()
              + " must be between 0 and "
              + MAX_FEE
              + " (0.0005 = 0.05 %)");
    }
    maxCost
        .filter(c -> c.signum() < 0)
        .ifPresent(
            c -> {
              throw new IllegalArgumentException(
                  "--max-cost " + c.toPlainString() + " must not be negative");
            });
    return this;
  }
}
