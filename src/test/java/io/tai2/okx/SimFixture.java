package io.tai2.okx;

import io.tai2.retry.Backoff;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** An in-process simulator on a free loopback port with one demo key, and clients pointed at it. */
final class SimFixture implements AutoCloseable {

  static final Instant NOW = Instant.parse("2026-11-25T10:00:30.123Z");
  static final Clock IN_SYNC = Clock.fixed(NOW, ZoneOffset.UTC);
  static final SimAccount DEMO =
      new SimAccount("demo-key", "demo-secret", "demo-pass", true, false);
  static final Optional<OkxKeys> KEYS =
      Optional.of(new OkxKeys("demo-key", "demo-secret", "demo-pass"));

  final SimMarket market;
  final SimRestApi api;
  final SimServer server;

  SimFixture() {
    this(0);
  }

  /** With {@code synthetic} made-up swaps besides the standard six (for tests that need many symbols). */
  SimFixture(int synthetic) {
    market = SimMarket.randomWalk(IN_SYNC, 7, 3_000, 1_440, synthetic);
    api = new SimRestApi(IN_SYNC, market, Map.of(DEMO.apiKey(), DEMO), new BigDecimal("10000"));
    server = new SimServer(api, market, 0);
  }

  OkxRestClient client(Optional<OkxKeys> keys, boolean demo, Clock clock) {
    OkxClientConfig config =
        new OkxClientConfig(
            URI.create("http://127.0.0.1:" + server.port() + "/"),
            keys,
            demo,
            Duration.ofSeconds(5));
    return new OkxRestClient(config, HttpClient.newHttpClient(), clock);
  }

  /** WebSocket settings for the simulator with fast keep-alive and reconnect timing, so tests finish quickly. */
  OkxWsConfig wsConfig(Optional<OkxKeys> keys) {
    String base = "ws://127.0.0.1:" + server.port() + "/ws/v5/";
    return new OkxWsConfig(
        URI.create(base + "public"),
        URI.create(base + "private"),
        URI.create(base + "business"),
        keys,
        Duration.ofMillis(400),
        Duration.ofMillis(400),
        Backoff.jittered(Duration.ofMillis(50), Duration.ofMillis(400)));
  }

  @Override
  public void close() {
    server.close();
  }
}
