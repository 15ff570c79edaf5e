package io.tai2.market;

import io.micrometer.core.instrument.MeterRegistry;
import io.tai2.config.EnvSettings;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.Secret;
import io.tai2.config.SecretVault;
import io.tai2.config.SettingsDocument;
import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxConnection;
import io.tai2.okx.OkxKeys;
import io.tai2.okx.OkxWebSocketClient;
import io.tai2.okx.OkxWsConfig;
import io.tai2.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OKX clients and the market engine, from the start-up settings. {@code tai2.market.enabled=false} leaves them out
 * (the test suite does, so that no test reaches OKX by accident).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tai2.market.enabled", havingValue = "true", matchIfMissing = true)
class MarketConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MarketConfiguration.class);

  /** Account state older than this is marked stale (REST reconciles every {@link #ACCOUNT_REFRESH}). */
  static final Duration ACCOUNT_STALE_AFTER = Duration.ofSeconds(60);

  static final Duration ACCOUNT_REFRESH = Duration.ofSeconds(15);

  @Bean(destroyMethod = "close")
  OkxConnection okxConnection(
      EnvSettings env, SettingsDocument<OkxRuntimeSettings> okx, SecretVault vault) {
    return new OkxConnection(restConfig(env, okx.current(), vault), Clock.systemUTC());
  }

  @Bean(destroyMethod = "close")
  OkxWebSocketClient okxWebSocketClient(
      EnvSettings env, SettingsDocument<OkxRuntimeSettings> okx, SecretVault vault) {
    return new OkxWebSocketClient(wsConfig(env, okx.current(), vault), Clock.systemUTC());
  }

  /** The engine with the saved market settings; a saved change reaches it at once (pairs, cadence, WebSocket switch). */
  @Bean(destroyMethod = "close")
  MarketEngine marketEngine(
      OkxConnection okx,
      OkxWebSocketClient ws,
      StateStore store,
      SettingsDocument<MarketRuntimeSettings> market,
      MeterRegistry registry) {
    MarketRuntimeSettings m = market.current();
    MarketSettings settings =
        MarketSettings.defaults().withPolling(m.liveWebSocket(), m.pollInterval());
    MarketEngine engine =
        new MarketEngine(
            () -> okx.current().market(), ws, store, Clock.systemUTC(), settings, registry);
    market.onChange((before, after) -> rehydrate(engine, before, after));
    return engine;
  }

  static void rehydrate(
      MarketEngine engine, MarketRuntimeSettings before, MarketRuntimeSettings after) {
    if (!after.pollInterval().equals(before.pollInterval())) {
      engine.setPollInterval(after.pollInterval());
    }
    if (after.liveWebSocket() != before.liveWebSocket()) {
      engine.setLiveWebSocket(after.liveWebSocket());
    }
    if (!after.tradingPairs().equals(before.tradingPairs()) && engine.instrumentsLoaded()) {
      engine.track(
          after
              .tradingPairs()); // before the first successful start, the starter picks up the saved
      // pairs
    }
  }

  /**
   * Starts tracking; a saved change of the OKX environment or keys rebuilds the REST clients, reconnects the WebSocket
   * (another host for demo/live, a new login) and starts the account feed when keys arrive.
   */
  @Bean
  MarketStarter marketStarter(
      MarketEngine engine,
      EnvSettings env,
      SettingsDocument<MarketRuntimeSettings> market,
      OkxConnection okx,
      OkxWebSocketClient ws,
      SettingsDocument<OkxRuntimeSettings> okxSettings,
      SecretVault vault) {
    MarketStarter starter =
        new MarketStarter(
            engine,
            () -> market.current().tradingPairs(),
            () ->
                okx.current()
                    .config()
                    .keys()
                    .map(
                        k ->
                            new AccountFeed(
                                () -> okx.current().trading(),
                                ws,
                                engine::instrument,
                                Clock.systemUTC(),
                                ACCOUNT_STALE_AFTER,
                                () -> market.current().feeWindowHours())));
    okxSettings.onChange(
        (before, after) -> {
          if (before.demo() == after.demo() && before.keys().equals(after.keys())) {
            return; // the declared sub-account or the master keys changed: the trading connection
            // stays as it is
          }
          okx.reconfigure(restConfig(env, after, vault));
          ws.reconfigure(wsConfig(env, after, vault));
          starter.ensureAccountFeed();
        });
    return starter;
  }

  static OkxClientConfig restConfig(EnvSettings env, OkxRuntimeSettings okx, SecretVault vault) {
    return new OkxClientConfig(
        env.okxBaseUrl(), keys(env, okx, vault), okx.demo(), OkxClientConfig.DEFAULT_TIMEOUT);
  }

  static OkxWsConfig wsConfig(EnvSettings env, OkxRuntimeSettings okx, SecretVault vault) {
    return OkxWsConfig.of(
        OkxWsConfig.forEnvironment(env.okxWsPublicUrl(), okx.demo()),
        OkxWsConfig.forEnvironment(env.okxWsPrivateUrl(), okx.demo()),
        OkxWsConfig.forEnvironment(env.okxWsBusinessUrl(), okx.demo()),
        keys(env, okx, vault));
  }

  /**
   * The keys saved at runtime when there are any, else the environment's. Saved keys that cannot be opened (another
   * TAI2_SECRET_KEY) give no keys at all — never the environment's, which may belong to the other OKX environment.
   */
  static Optional<OkxKeys> keys(EnvSettings env, OkxRuntimeSettings okx, SecretVault vault) {
    if (okx.keys().isPresent()) {
      OkxRuntimeSettings.SealedKeys sealed = okx.keys().get();
      Optional<Secret> apiKey = vault.open(sealed.apiKey());
      Optional<Secret> secret = vault.open(sealed.secretKey());
      Optional<Secret> passphrase = vault.open(sealed.passphrase());
      if (apiKey.isPresent() && secret.isPresent() && passphrase.isPresent()) {
        return Optional.of(
            new OkxKeys(apiKey.get().reveal(), secret.get().reveal(), passphrase.get().reveal()));
      }
      log.error(
          "event=okx_keys_unreadable action=\"enter the OKX keys again (PUT /api/settings okx) or clear_keys to use the environment's\"");
      return Optional.empty();
    }
    return env.okxCredentials()
        .map(
            c -> new OkxKeys(c.apiKey().reveal(), c.secretKey().reveal(), c.passphrase().reveal()));
  }
}
