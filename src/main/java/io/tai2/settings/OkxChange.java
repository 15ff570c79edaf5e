package io.tai2.settings;

import io.tai2.config.FieldError;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.Secret;
import io.tai2.config.SecretVault;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A change of the OKX group: the environment with the trading keys, the declared sub-account and the master keys. Every
 * key is write-only: sealed at once, never stored or shown in the clear.
 */
final class OkxChange {

  private static final int MAX_KEY_LENGTH = 512;

  private final SecretVault vault;
  private final boolean environmentDemo;
  private final IntSupplier unresolvedOrders;

  OkxChange(SecretVault vault, boolean environmentDemo, IntSupplier unresolvedOrders) {
    this.vault = vault;
    this.environmentDemo = environmentDemo;
    this.unresolvedOrders = unresolvedOrders;
  }

  /**
   * The OKX group as sent: trading keys ({@code api_key}, {@code secret_key}, {@code passphrase}) or {@code clear_keys},
   * the environment flag and the live confirmation; {@code sub_account} ("" = none); the master account's keys
   * ({@code master_api_key}, {@code master_secret_key}, {@code master_passphrase}) or {@code clear_master_keys}.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Patch(
      Boolean demo,
      String confirmLive,
      String apiKey,
      String secretKey,
      String passphrase,
      Boolean clearKeys,
      String subAccount,
      String masterApiKey,
      String masterSecretKey,
      String masterPassphrase,
      Boolean clearMasterKeys) {}

  /**
   * The OKX settings after {@code p}, or {@code null} with the refused fields added to {@code errors}. OKX keys belong to
   * one environment, so a change of {@code demo} needs the keys of the other one (and drops master keys not given anew);
   * going live needs {@code "confirm_live": "LIVE"} in the same change.
   * Nothing is sealed when {@code errors} holds a refusal from another group of the same change.
   */
  OkxRuntimeSettings next(OkxRuntimeSettings current, Patch p, List<FieldError> errors) {
    Optional<Boolean> trading = keySet(errors, "", p.apiKey(), p.secretKey(), p.passphrase());
    Optional<Boolean> master =
        keySet(errors, "master_", p.masterApiKey(), p.masterSecretKey(), p.masterPassphrase());
    if (trading.isEmpty() || master.isEmpty()) {
      return null;
    }
    boolean newKeys = trading.get();
    boolean newMasterKeys = master.get();
    boolean clear = Boolean.TRUE.equals(p.clearKeys());
    boolean clearMaster = Boolean.TRUE.equals(p.clearMasterKeys());
    if (clear && newKeys) {
      return refused(
          errors, "okx.clear_keys", "clear_keys and new keys in one change contradict each other");
    }
    if (clearMaster && newMasterKeys) {
      return refused(
          errors,
          "okx.clear_master_keys",
          "clear_master_keys and new master keys in one change contradict each other");
    }
    boolean demo = clear ? environmentDemo : p.demo() != null ? p.demo() : current.demo();
    if (demo != current.demo() && !newKeys && !clear) {
      return refused(
          errors,
          "okx.demo",
          "OKX demo and live trading use different API keys; give api_key, secret_key and passphrase of the "
              + (demo ? "demo" : "live")
              + " account in the same change (or clear_keys to go back to the environment's set-up)");
    }
    if (!demo && current.demo() && !"LIVE".equals(p.confirmLive())) {
      return refused(
          errors,
          "okx.confirm_live",
          "switching to live trading with real money needs \"confirm_live\": \"LIVE\" in the same change");
    }
    Optional<String> subAccount = current.subAccount();
    if (p.subAccount() != null) {
      String name = p.subAccount().strip();
      Optional<String> problem =
          name.isEmpty() ? Optional.empty() : OkxRuntimeSettings.subAccountProblem(name);
      if (problem.isPresent()) {
        return refused(errors, "okx.sub_account", problem.get() + " (\"\" declares none)");
      }
      subAccount = name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
    int unsettled = newKeys || clear || demo != current.demo() ? unresolvedOrders.getAsInt() : 0;
    if (unsettled > 0) {
      // they are settled by client order id on the account that got them; on another account they
      // would look never sent
      return refused(
          errors,
          "okx",
          unsettled
              + " order(s) are still being settled on the current OKX account; switch accounts once"
              + " the reconciler has settled them (within a minute or two)");
    }
    if (!errors.isEmpty()) {
      return null; // nothing is sealed for a change refused elsewhere
    }
    Optional<OkxRuntimeSettings.SealedKeys> keys = clear ? Optional.empty() : current.keys();
    if (newKeys) {
      keys = Optional.of(seal(p.apiKey(), p.secretKey(), p.passphrase()));
    }
    // master keys of one environment are useless (and misleading) in the other
    Optional<OkxRuntimeSettings.SealedKeys> masterKeys =
        clearMaster || demo != current.demo() ? Optional.empty() : current.masterKeys();
    if (newMasterKeys) {
      masterKeys = Optional.of(seal(p.masterApiKey(), p.masterSecretKey(), p.masterPassphrase()));
    }
    return new OkxRuntimeSettings(demo, keys, subAccount, masterKeys);
  }

  /** Whether a whole key set was given (all three), empty with an error when only part of one was, or one is too long. */
  private static Optional<Boolean> keySet(
      List<FieldError> errors, String prefix, String apiKey, String secretKey, String passphrase) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(prefix + "api_key", apiKey);
    fields.put(prefix + "secret_key", secretKey);
    fields.put(prefix + "passphrase", passphrase);
    for (Map.Entry<String, String> k : fields.entrySet()) {
      if (k.getValue() != null && k.getValue().length() > MAX_KEY_LENGTH) {
        errors.add(
            new FieldError(
                "okx." + k.getKey(), "must be at most " + MAX_KEY_LENGTH + " characters"));
        return Optional.empty();
      }
    }
    List<String> given =
        fields.entrySet().stream()
            .filter(k -> k.getValue() != null && !k.getValue().isBlank())
            .map(Map.Entry::getKey)
            .toList();
    if (!given.isEmpty() && given.size() < 3) {
      String missing =
          fields.keySet().stream().filter(k -> !given.contains(k)).findFirst().orElseThrow();
      List<String> names = List.copyOf(fields.keySet());
      errors.add(
          new FieldError(
              "okx." + missing,
              "give "
                  + names.get(0)
                  + ", "
                  + names.get(1)
                  + " and "
                  + names.get(2)
                  + " together (only "
                  + given
                  + " were given)"));
      return Optional.empty();
    }
    return Optional.of(given.size() == 3);
  }

  private OkxRuntimeSettings.SealedKeys seal(String apiKey, String secretKey, String passphrase) {
    return new OkxRuntimeSettings.SealedKeys(seal(apiKey), seal(secretKey), seal(passphrase));
  }

  private String seal(String key) {
    return vault.seal(Secret.of(key.strip()));
  }

  private static OkxRuntimeSettings refused(List<FieldError> errors, String path, String message) {
    errors.add(new FieldError(path, message));
    return null;
  }
}
