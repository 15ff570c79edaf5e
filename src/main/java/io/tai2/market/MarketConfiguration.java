package io.tai2.market;

import io.tai2.config.EnvSettings;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxConnection;
import io.tai2.okx.OkxKeys;
import io.tai2.okx.OkxWebSocketClient;
import io.tai2.okx.OkxWsConfig;
import io.tai2.state.StateStore;
import java.time.Clock;
import java.util.Optional;
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

  /** Account state older than this is marked stale (REST reconciles every {@link #ACCOUNT_REFRESH}). */
  static final java.time.Duration ACCOUNT_STALE_AFTER = java.time.Duration.ofSeconds(60);
  static final java.time.Duration ACCOUNT_REFRESH = java.time.Duration.ofSeconds(15);

  @Bean(destroyMethod = "close")
  OkxConnection okxConnection(EnvSettings env) {
    return new OkxConnection(new OkxClientConfig(env.okxBaseUrl(), keys(env), env.okxDemo(), OkxClientConfig.DEFAULT_TIMEOUT), Clock.systemUTC());
  }

  @Bean(destroyMethod = "close")
  OkxWebSocketClient okxWebSocketClient(EnvSettings env) {
    return new OkxWebSocketClient(OkxWsConfig.of(env.okxWsPublicUrl(), env.okxWsPrivateUrl(), env.okxWsBusinessUrl(), keys(env)), Clock.systemUTC());
  }

  /** The engine with the saved market settings; a saved change reaches it at once (pairs, cadence, WebSocket switch). */
  @Bean(destroyMethod = "close")
  MarketEngine marketEngine(OkxConnection okx, OkxWebSocketClient ws, StateStore store, SettingsDocument<MarketRuntimeSettings> market) {
    MarketRuntimeSettings m = market.current();
    MarketSettings settings = MarketSettings.defaults().withPolling(m.liveWebSocket(), m.pollInterval());
    MarketEngine engine = new MarketEngine(() -> okx.current().market(), ws, store, Clock.systemUTC(), settings);
    market.onChange((before, after) -> rehydrate(engine, before, after));
    return engine;
  }

  static void rehydrate(MarketEngine engine, MarketRuntimeSettings before, MarketRuntimeSettings after) {
    if (!after.pollInterval().equals(before.pollInterval())) {
      engine.setPollInterval(after.pollInterval());
    }
    if (after.liveWebSocket() != before.liveWebSocket()) {
      engine.setLiveWebSocket(after.liveWebSocket());
    }
    if (!after.tradingPairs().equals(before.tradingPairs()) && engine.instrumentsLoaded()) {
      engine.track(after.tradingPairs()); // before the first successful start, the starter picks up the saved pairs
    }
  }

  @Bean
  MarketStarter marketStarter(MarketEngine engine, EnvSettings env, SettingsDocument<MarketRuntimeSettings> market, OkxConnection okx,
      OkxWebSocketClient ws) {
    return new MarketStarter(engine, () -> market.current().tradingPairs(), () -> keys(env).map(k -> new AccountFeed(
        () -> okx.current().trading(), ws, engine::instrument, Clock.systemUTC(), ACCOUNT_STALE_AFTER,
        () -> market.current().feeWindowHours())));
  }

  private static Optional<OkxKeys> keys(EnvSettings env) {
    return env.okxCredentials()
        .map(c -> new OkxKeys(c.apiKey().reveal(), c.secretKey().reveal(), c.passphrase().reveal()));
  }
}
