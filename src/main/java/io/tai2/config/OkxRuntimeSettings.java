package io.tai2.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Which OKX environment tai2 trades in and, when the operator entered them at runtime, the API keys for it — sealed by
 * {@link SecretBox}, never in the clear. Without saved keys the environment's keys are used. Demo and live trading use
 * different keys on OKX, so the environment and the keys change together.
 *
 * @param demo OKX demo trading ({@code x-simulated-trading: 1}); false = live trading with real money
 */
public record OkxRuntimeSettings(boolean demo, Optional<SealedKeys> keys) {

  /** The three credentials, each sealed ({@code v1:…}). */
  public record SealedKeys(String apiKey, String secretKey, String passphrase) {
    public SealedKeys {
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(secretKey, "secretKey");
      Objects.requireNonNull(passphrase, "passphrase");
    }
  }

  /** The environment's flag, the environment's keys. */
  public static OkxRuntimeSettings of(EnvSettings env) {
    return new OkxRuntimeSettings(env.okxDemo(), Optional.empty());
  }

  public String environment() {
    return demo ? "DEMO" : "LIVE";
  }
}
