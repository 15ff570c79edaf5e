package io.tai2.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Start-up settings from the environment and an optional {@code .env} file (environment wins). Immutable; built
 * once by {@link EnvSettingsParser}. Secrets are {@link Secret}s, so {@code toString} never shows them.
 * {@code notifications} are the Telegram and webhook targets. {@code allowedHosts} are the extra {@code TAI2_ALLOWED_HOSTS} names (lower case, IPv6 without brackets) besides loopback.
 */
public record EnvSettings(
    Optional<OkxCredentials> okxCredentials,
    Optional<String> okxSubAccount,
    boolean okxSubAccountUseMaster,
    boolean okxDemo,
    Optional<Secret> openrouterApiKey,
    DatabaseTarget database,
    Optional<Secret> redisUrl,
    int wsUpdateIntervalSeconds,
    int snapshotMaxAgeSeconds,
    List<String> tradingPairs,
    URI okxBaseUrl,
    URI okxWsPublicUrl,
    URI okxWsPrivateUrl,
    URI okxWsBusinessUrl,
    URI openrouterBaseUrl,
    Optional<Secret> adminPassword,
    Optional<Secret> apiToken,
    Optional<Secret> secretKey,
    String serverAddress,
    int serverPort,
    List<String> allowedHosts,
    NotificationSettings notifications) {

  public EnvSettings {
    tradingPairs = List.copyOf(tradingPairs);
    allowedHosts = List.copyOf(allowedHosts);
  }

  /** "DEMO" or "LIVE", as the UI badge shows it. */
  public String environmentLabel() {
    return okxDemo ? "DEMO" : "LIVE";
  }
}
