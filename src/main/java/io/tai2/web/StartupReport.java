package io.tai2.web;

import io.tai2.config.EnvSettings;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One line at start-up that tells the operator what this instance is connected to (never a secret): the OKX
 * environment, keys and pairs in force, i.e. the saved runtime settings where they override the environment.
 */
@Component
class StartupReport {

  private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

  private final EnvSettings settings;
  private final StateStore store;
  private final SettingsDocument<OkxRuntimeSettings> okx;
  private final SettingsDocument<MarketRuntimeSettings> market;

  StartupReport(
      EnvSettings settings,
      StateStore store,
      SettingsDocument<OkxRuntimeSettings> okx,
      SettingsDocument<MarketRuntimeSettings> market) {
    this.settings = settings;
    this.store = store;
    this.okx = okx;
    this.market = market;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    int port = settings.serverPort();
    String address = settings.serverAddress();
    if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
      // The address the server really bound, whatever configured it (BindGuard has checked it).
      port = web.getWebServer().getPort();
      address = BindGuard.shown(BindGuard.boundAddress(web.getWebServer()).orElse(null));
    }
    String host = address.contains(":") ? "[" + address + "]" : address;
    log.info(
        "event=ready environment={} url=http://{}:{}/ database={} state={} okx_keys={} llm_key={} login={} api_token={}"
            + " pairs={}",
        okx.current().environment(),
        host,
        port,
        settings.database().isEmbedded() ? "h2" : "postgresql",
        store.kind(),
        okx.current().keys().isPresent()
            ? "saved"
            : settings.okxCredentials().isPresent() ? "set" : "none",
        settings.openrouterApiKey().isPresent() ? "set" : "none",
        settings.adminPassword().isPresent() ? "on" : "off",
        settings.apiToken().isPresent() ? "on" : "off",
        String.join(",", market.current().tradingPairs()));
  }
}
