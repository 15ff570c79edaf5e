package io.tai2.okx;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live set of OKX clients. Credentials, the demo flag or the base URL can change at runtime (CFG): {@link
 * #reconfigure} builds a complete new set, swaps it in atomically, then closes the old HTTP client after its in-flight
 * requests finish. Callers take {@link #current()} per operation and never keep a client across a reconfigure.
 */
public final class OkxConnection implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OkxConnection.class);

  /** One consistent set of clients sharing one configuration and one HTTP client. */
  public record Clients(
      OkxClientConfig config,
      OkxRestClient rest,
      OkxMarketData market,
      OkxTrading trading,
      OkxFunding funding) {}

  private final Clock clock;
  private final AtomicReference<Built> current = new AtomicReference<>();

  private record Built(Clients clients, HttpClient http) {}

  public OkxConnection(OkxClientConfig config, Clock clock) {
    this.clock = clock;
    current.set(build(config));
  }

  public Clients current() {
    return current.get().clients();
  }

  /** Replaces every client; requests already running finish on the old ones. */
  public synchronized void reconfigure(OkxClientConfig config) {
    Built old = current.getAndSet(build(config));
    log.info(
        "event=okx_reconfigured base_url={} demo={} keys={}",
        config.baseUrl(),
        config.demo(),
        config.keys().isPresent() ? "set" : "none");
    old.http().close();
  }

  private Built build(OkxClientConfig config) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    OkxRestClient rest = new OkxRestClient(config, http, clock);
    return new Built(
        new Clients(
            config, rest, new OkxMarketData(rest), new OkxTrading(rest), new OkxFunding(rest)),
        http);
  }

  /** Whether the HTTP client behind the current clients is still open (for tests and status lights). */
  boolean isOpen() {
    return !current.get().http().isTerminated();
  }

  @Override
  public void close() {
    current.get().http().close();
  }
}
