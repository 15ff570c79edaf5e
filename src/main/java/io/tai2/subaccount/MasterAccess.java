package io.tai2.subaccount;

import io.tai2.config.EnvSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.Secret;
import io.tai2.config.SecretVault;
import io.tai2.config.SettingsDocument;
import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxKeys;
import io.tai2.okx.OkxMasterAccount;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master account's client, opened from the sealed master keys of the OKX settings and rebuilt when they or the
 * environment change. Only this module holds it: execution has no way to it.
 */
final class MasterAccess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MasterAccess.class);

  /** Whether the master keys are saved, and whether they open (with another TAI2_SECRET_KEY they do not). */
  enum KeyState {
    NONE,
    SAVED,
    UNREADABLE
  }

  private record Opened(KeyState state, Optional<OkxMasterAccount> client) {}

  private final EnvSettings env;
  private final SecretVault vault;
  private final Clock clock;
  private final AtomicReference<Opened> current = new AtomicReference<>();

  MasterAccess(
      EnvSettings env, SettingsDocument<OkxRuntimeSettings> okx, SecretVault vault, Clock clock) {
    this.env = env;
    this.vault = vault;
    this.clock = clock;
    current.set(open(okx.current()));
    okx.onChange(
        (before, after) -> {
          if (before.demo() != after.demo() || !before.masterKeys().equals(after.masterKeys())) {
            current.getAndSet(open(after)).client().ifPresent(OkxMasterAccount::close);
          }
        });
  }

  Optional<OkxMasterAccount> client() {
    return current.get().client();
  }

  KeyState keys() {
    return current.get().state();
  }

  private Opened open(OkxRuntimeSettings okx) {
    if (okx.masterKeys().isEmpty()) {
      return new Opened(KeyState.NONE, Optional.empty());
    }
    OkxRuntimeSettings.SealedKeys sealed = okx.masterKeys().get();
    Optional<Secret> apiKey = vault.open(sealed.apiKey());
    Optional<Secret> secret = vault.open(sealed.secretKey());
    Optional<Secret> passphrase = vault.open(sealed.passphrase());
    if (apiKey.isEmpty() || secret.isEmpty() || passphrase.isEmpty()) {
      log.error(
          "event=okx_master_keys_unreadable action=\"enter the master keys again on CFG (OKX sub-account)\"");
      return new Opened(KeyState.UNREADABLE, Optional.empty());
    }
    OkxKeys keys =
        new OkxKeys(apiKey.get().reveal(), secret.get().reveal(), passphrase.get().reveal());
    OkxClientConfig config =
        new OkxClientConfig(
            env.okxBaseUrl(), Optional.of(keys), okx.demo(), OkxClientConfig.DEFAULT_TIMEOUT);
    return new Opened(KeyState.SAVED, Optional.of(new OkxMasterAccount(config, clock)));
  }

  @Override
  public void close() {
    current.get().client().ifPresent(OkxMasterAccount::close);
  }
}
