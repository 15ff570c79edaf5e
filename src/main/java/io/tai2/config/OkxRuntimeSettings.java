package io.tai2.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which OKX environment tai2 trades in and, when the operator entered them at runtime, the API keys for it — sealed by
 * {@link SecretBox}, never in the clear. Without saved keys the environment's keys are used. Demo and live trading use
 * different keys on OKX, so the environment and the keys change together.
 *
 * <p>{@code subAccount} names the OKX sub-account the trading keys are expected to belong to (seeded by
 * {@code OKX_SUB_ACCOUNT}); orders always go with those keys, because OKX has no order endpoint through which a master
 * key trades for a sub-account. {@code masterKeys} are the master account's keys, used only to read the sub-account's
 * balances and move funds between master and sub-account, never for orders.
 *
 * @param demo OKX demo trading ({@code x-simulated-trading: 1}); false = live trading with real money
 */
public record OkxRuntimeSettings(
    boolean demo,
    Optional<SealedKeys> keys,
    Optional<String> subAccount,
    Optional<SealedKeys> masterKeys) {

  /**
   * What a sub-account name may hold. OKX documents no format; its names are letters and digits, so this only keeps
   * out blanks, spaces and characters that would need escaping in a query string.
   */
  static final Pattern SUB_ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

  public OkxRuntimeSettings {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(subAccount, "subAccount");
    Objects.requireNonNull(masterKeys, "masterKeys");
    subAccount
        .flatMap(OkxRuntimeSettings::subAccountProblem)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
  }

  /** No sub-account declared and no master keys. */
  public OkxRuntimeSettings(boolean demo, Optional<SealedKeys> keys) {
    this(demo, keys, Optional.empty(), Optional.empty());
  }

  /** The three credentials, each sealed ({@code v1:…}). */
  public record SealedKeys(String apiKey, String secretKey, String passphrase) {
    public SealedKeys {
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(secretKey, "secretKey");
      Objects.requireNonNull(passphrase, "passphrase");
    }

    @Override
    public String toString() {
      return "SealedKeys[****]";
    }
  }

  /** The environment's flag, the environment's keys, the sub-account of {@code OKX_SUB_ACCOUNT}. */
  public static OkxRuntimeSettings of(EnvSettings env) {
    return new OkxRuntimeSettings(
        env.okxDemo(), Optional.empty(), env.okxSubAccount(), Optional.empty());
  }

  /** Why {@code name} cannot be a sub-account name, if it cannot. */
  public static Optional<String> subAccountProblem(String name) {
    return SUB_ACCOUNT_NAME.matcher(name).matches()
        ? Optional.empty()
        : Optional.of(
            "a sub-account name is 1 to 64 letters, digits or _ . @ - (as OKX shows it under Sub-accounts), without spaces");
  }

  public String environment() {
    return demo ? "DEMO" : "LIVE";
  }

  public OkxRuntimeSettings withSubAccount(Optional<String> name) {
    return new OkxRuntimeSettings(demo, keys, name, masterKeys);
  }
}
