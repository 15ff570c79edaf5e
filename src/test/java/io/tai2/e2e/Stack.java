package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxKeys;
import io.tai2.okx.OkxRestClient;
import io.tai2.okx.OkxTrading;
import io.tai2.testsupport.RealServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One process-level test set-up: a fresh PostgreSQL database {@code tai2_e2e_*}, a Redis key prefix of its own, the
 * packaged jar as {@code tai2 sim} (OKX simulator + fake LLM) and as the app, each on a free port; HTTP helpers for
 * the app's API (bearer token), the simulator's control API and the simulator's OKX API; cleans all of it up.
 */
final class Stack implements AutoCloseable {

  static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  static final String TOKEN = "e2e-token";
  static final String LLM_KEY = "sim-llm-key";

  final String name;
  final Processes processes = new Processes();
  final RealServices.FreshDatabase database;
  final String redisPrefix = "tai2e2e:" + UUID.randomUUID() + ":";
  final int simPort = Processes.freePort();
  final int appPort = Processes.freePort();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  Process sim;
  Process app;
  private int appStarts;

  /** Needs PostgreSQL and Redis (fails in strict mode, else skips). */
  Stack(String name) {
    this.name = name;
    RealServices.requirePostgres();
    RealServices.requireRedis();
    this.database = RealServices.freshPostgresDatabase("tai2_e2e_");
  }

  /** {@code tai2 sim} with the account k/s/p, 10,000 USDT and the fake LLM, plus {@code extra} flags; waits until it answers. */
  void startSim(String... extra) throws InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sim",
                "--port",
                Integer.toString(simPort),
                "--api-key",
                "k",
                "--secret",
                "s",
                "--passphrase",
                "p",
                "--balance",
                "10000",
                "--llm-key",
                LLM_KEY));
    args.addAll(List.of(extra));
    sim = processes.start(name + "-sim", List.of("-Xmx384m", "-XX:+UseSerialGC"), args, Map.of());
    Processes.await(
        "the simulator answers",
        Duration.ofSeconds(60),
        sim,
        () -> Processes.status(http, simUrl("/api/v5/public/time")) == 200);
  }

  /** The app ({@code tai2 serve}) on the simulator, the fresh database and Redis; waits for {@code /health}. */
  void startApp(List<String> pairs, String... jvmArgs) throws InterruptedException {
    String ws = "ws://127.0.0.1:" + simPort + "/ws/v5/";
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TAI2_ENV_FILE", "none");
    env.put("SERVER_PORT", Integer.toString(appPort));
    env.put("DATABASE_URL", database.libpqUrl());
    env.put("REDIS_URL", RealServices.REDIS_URL);
    env.put("OKX_BASE_URL", "http://127.0.0.1:" + simPort);
    env.put("OKX_WS_PUBLIC_URL", ws + "public");
    env.put("OKX_WS_PRIVATE_URL", ws + "private");
    env.put("OKX_WS_BUSINESS_URL", ws + "business");
    env.put("OKX_API_KEY", "k");
    env.put("OKX_SECRET_KEY", "s");
    env.put("OKX_PASSPHRASE", "p");
    env.put("OPENROUTER_API_KEY", LLM_KEY);
    env.put("OPENROUTER_BASE_URL", "http://127.0.0.1:" + simPort + "/api/v1");
    env.put("TRADING_PAIRS", String.join(",", pairs));
    env.put("TAI2_API_TOKEN", TOKEN);
    List<String> jvm =
        new ArrayList<>(List.of("-Xmx512m", "-Dtai2.state.key-prefix=" + redisPrefix));
    jvm.addAll(List.of(jvmArgs));
    app =
        processes.start(
            name + "-app" + (appStarts++ == 0 ? "" : "-" + appStarts), jvm, List.of("serve"), env);
    Processes.await(
        "the app answers /health",
        Duration.ofSeconds(120),
        app,
        () -> Processes.status(http, appUrl("/health")) == 200);
  }

  String appUrl(String path) {
    return "http://127.0.0.1:" + appPort + path;
  }

  String simUrl(String path) {
    return "http://127.0.0.1:" + simPort + path;
  }

  /** A request to the app's API with the bearer token. */
  HttpResponse<String> api(String method, String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(appUrl(path))).header("Authorization", "Bearer " + TOKEN),
        method,
        json,
        Duration.ofSeconds(60));
  }

  JsonNode apiJson(String method, String path, String json) {
    HttpResponse<String> r = api(method, path, json);
    assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isBetween(200, 299);
    return JSON.readTree(r.body());
  }

  /** A request to the simulator's control API; must answer 200. */
  JsonNode control(String method, String path, String json) {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(simUrl(path))), method, json, Duration.ofSeconds(30));
    assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** Every request the simulator received, oldest first. */
  List<JsonNode> journal() {
    List<JsonNode> rows = new ArrayList<>();
    control("GET", "/__sim/journal", "").forEach(rows::add);
    return rows;
  }

  private HttpResponse<String> send(
      HttpRequest.Builder request, String method, String json, Duration timeout) {
    HttpRequest.BodyPublisher body =
        json == null || json.isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json);
    try {
      return http.send(
          request
              .header("Content-Type", "application/json")
              .timeout(timeout)
              .method(method, body)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + request.build().uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The simulator's OKX API as the account k, through tai2's own client (signed, demo header). */
  OkxTrading okx() {
    return new OkxTrading(
        new OkxRestClient(
            new OkxClientConfig(
                URI.create("http://127.0.0.1:" + simPort),
                Optional.of(new OkxKeys("k", "s", "p")),
                true,
                Duration.ofSeconds(10)),
            http,
            Clock.systemUTC()));
  }

  /** Rows of a query on the app's database, column name to value. */
  List<Map<String, Object>> query(String sql) {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  long count(String sql) {
    return ((Number) query(sql).getFirst().values().iterator().next()).longValue();
  }

  /**
   * Guardrails loose enough for a test that trades every few seconds; live execution on. Waits first until the account
   * (equity) is in the prompt, so entries can be sized.
   */
  void liveExecutionForTests(String symbol) throws InterruptedException {
    // a 503 "no 4H candles yet" while the candle history loads means "not yet", not a failure
    Processes.await(
        "the account in the prompt context",
        Duration.ofSeconds(60),
        app,
        () -> {
          HttpResponse<String> r = api("GET", "/llm/prompt?symbol=" + symbol, null);
          return r.statusCode() == 200
              && JSON.readTree(r.body()).path("context").path("account").has("equity_usd");
        });
    apiJson(
        "PUT",
        "/execution/settings",
        "{\"execution\":{\"enabled\":true},\"guardrails\":{\"min_hold_seconds\":0,"
            + "\"max_trades_per_hour\":0,\"daily_loss_limit_pct\":0}}");
  }

  /** Waits until every tracked symbol has a snapshot with a price. */
  void awaitSnapshots(List<String> symbols, Duration timeout) throws InterruptedException {
    Processes.await(
        "snapshots for " + symbols,
        timeout,
        app,
        () ->
            symbols.stream()
                .allMatch(
                    s -> {
                      HttpResponse<String> r = api("GET", "/state/latest?symbol=" + s, null);
                      return r.statusCode() == 200
                          && JSON.readTree(r.body()).path("ticker").path("last").asDouble(0) > 0;
                    }));
  }

  @Override
  public void close() {
    processes.close();
    database.close();
    try (RedisClient client = RedisClient.create(RealServices.REDIS_URL);
        StatefulRedisConnection<String, String> c = client.connect()) {
      var keys = c.sync().keys(redisPrefix + "*");
      if (!keys.isEmpty()) {
        c.sync().del(keys.toArray(String[]::new));
      }
    }
  }
}
