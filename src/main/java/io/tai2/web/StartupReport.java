package io.tai2.web;

import io.tai2.config.EnvSettings;
import io.tai2.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** One line at start-up that tells the operator what this instance is connected to (never a secret). */
@Component
class StartupReport {

  private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

  private final EnvSettings settings;
  private final StateStore store;

  StartupReport(EnvSettings settings, StateStore store) {
    this.settings = settings;
    this.store = store;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    int port =
        event.getApplicationContext() instanceof WebServerApplicationContext web
            ? web.getWebServer().getPort()
            : settings.serverPort();
    log.info(
        "event=ready environment={} url=http://{}:{}/ database={} state={} okx_keys={} llm_key={} login={} api_token={}"
            + " pairs={}",
        settings.environmentLabel(),
        settings.serverAddress(),
        port,
        settings.database().isEmbedded() ? "h2" : "postgresql",
        store.kind(),
        settings.okxCredentials().isPresent() ? "set" : "none",
        settings.openrouterApiKey().isPresent() ? "set" : "none",
        settings.adminPassword().isPresent() ? "on" : "off",
        settings.apiToken().isPresent() ? "on" : "off",
        String.join(",", settings.tradingPairs()));
  }
}
