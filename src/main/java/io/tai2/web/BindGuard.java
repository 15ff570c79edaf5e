package io.tai2.web;

import io.tai2.config.EnvSettings;
import io.tai2.config.EnvSettingsParser;
import io.tai2.config.InvalidSettingsException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Refuses to listen beyond this machine without a password, a token and {@code TAI2_ALLOWED_HOSTS}, whatever set the
 * address ({@code SERVER_ADDRESS}, {@code -Dserver.address}, {@code SPRING_APPLICATION_JSON}, an
 * {@code application.properties} in the working directory): it looks at the final {@code server.address} before the
 * port opens, and again at the address Tomcat bound once it has started.
 */
@Component
class BindGuard implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

  private final EnvSettings settings;

  BindGuard(EnvSettings settings) {
    this.settings = settings;
  }

  /** After every other customizer, so the address is the one the server will use. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void customize(ConfigurableWebServerFactory factory) {
    InetAddress address =
        factory instanceof AbstractConfigurableWebServerFactory f ? f.getAddress() : null;
    check(address);
  }

  @EventListener
  void started(WebServerInitializedEvent event) {
    if (event.getWebServer() instanceof TomcatWebServer) {
      check(boundAddress(event.getWebServer()).orElse(null));
    }
  }

  /** The address the server listens on; null = all interfaces. */
  static Optional<InetAddress> boundAddress(WebServer server) {
    if (server instanceof TomcatWebServer tomcat
        && tomcat.getTomcat().getConnector().getProperty("address")
            instanceof InetAddress address) {
      return Optional.of(address);
    }
    return Optional.empty();
  }

  /** How the start-up line and the refusal show an address: its IP, or 0.0.0.0 for all interfaces. */
  static String shown(InetAddress address) {
    return address == null ? "0.0.0.0" : address.getHostAddress();
  }

  private void check(InetAddress address) {
    if (address != null && address.isLoopbackAddress()) {
      return;
    }
    String bind =
        "server.address=\""
            + shown(address)
            + "\" ("
            + (address == null || address.isAnyLocalAddress() ? "all interfaces; " : "")
            + "set by SERVER_ADDRESS, -Dserver.address, SPRING_APPLICATION_JSON or an"
            + " application.properties)";
    List<String> problems =
        EnvSettingsParser.exposureProblems(
            bind, settings.adminPassword(), settings.apiToken(), settings.allowedHosts());
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
  }
}
