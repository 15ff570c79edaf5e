package io.tai2.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged jar on its embedded defaults, as a new user runs it: {@code tai2 serve} in a fresh working directory (so
 * the H2 database is {@code <dir>/data/tai2}), in-memory state, no {@code .env}; optionally beside a {@code tai2 sim}
 * (OKX simulator + fake LLM) so OKX's instrument list is known. Needs no PostgreSQL, Redis or browser. Environment
 * variables given to {@link #start} come on top of the defaults, so a test can set a password, a token or a bind.
 */
final class EmbeddedApp implements AutoCloseable {

  static final String LLM_KEY = "sim-llm-key";

  final String name;
  final Processes processes = new Processes();
  final Path workDir;
  final int appPort = Processes.freePort();
  final int simPort = Processes.freePort();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  Process sim;
  Process app;
  private int appStarts;

  EmbeddedApp(String name) {
    this.name = name;
    try {
      Files.createDirectories(Processes.LOGS);
      this.workDir = Files.createTempDirectory(Processes.LOGS.toAbsolutePath(), name + "-work-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code tai2 sim} with the account k/s/p and the fake LLM; waits until it answers. */
  EmbeddedApp startSim(String... extra) throws InterruptedException {
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
    sim = processes.start(name + "-sim", List.of("-Xmx256m", "-XX:+UseSerialGC"), args, Map.of());
    Processes.await(
        "the simulator answers",
        Duration.ofSeconds(60),
        sim,
        () -> Processes.status(http, simUrl("/api/v5/public/time")) == 200);
    return this;
  }

  /**
   * The environment of a default install pointed at the simulator (or, without one, at a closed port so nothing leaves
   * the machine), plus {@code extra}.
   */
  Map<String, String> environment(Map<String, String> extra) {
    String okx = "http://127.0.0.1:" + simPort;
    String ws = "ws://127.0.0.1:" + simPort + "/ws/v5/";
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TAI2_ENV_FILE", "none");
    env.put("SERVER_PORT", Integer.toString(appPort));
    env.put("OKX_BASE_URL", okx);
    env.put("OKX_WS_PUBLIC_URL", ws + "public");
    env.put("OKX_WS_PRIVATE_URL", ws + "private");
    env.put("OKX_WS_BUSINESS_URL", ws + "business");
    env.put("OPENROUTER_BASE_URL", okx + "/api/v1");
    if (sim != null) {
      env.put("OKX_API_KEY", "k");
      env.put("OKX_SECRET_KEY", "s");
      env.put("OKX_PASSPHRASE", "p");
      env.put("OPENROUTER_API_KEY", LLM_KEY);
    }
    env.putAll(extra);
    return env;
  }

  /** Starts {@code tai2 serve} (without waiting); {@code jvmArgs} e.g. {@code -Dserver.address=0.0.0.0}. */
  Process launch(Map<String, String> extraEnv, String... jvmArgs) {
    List<String> jvm =
        new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    jvm.addAll(List.of(jvmArgs));
    app =
        processes.start(
            name + "-app" + (appStarts++ == 0 ? "" : "-" + appStarts),
            jvm,
            List.of("serve"),
            environment(extraEnv),
            workDir);
    return app;
  }

  /** Starts {@code tai2 serve} and waits until {@code /health} answers. */
  EmbeddedApp start(Map<String, String> extraEnv, String... jvmArgs) throws InterruptedException {
    launch(extraEnv, jvmArgs);
    Processes.await(
        "the app answers /health",
        Duration.ofSeconds(120),
        app,
        () -> Processes.status(http, url("/health")) == 200);
    return this;
  }

  /** kill -9 of the app, at once. */
  void killApp() throws InterruptedException {
    Processes.killHard(app);
  }

  String url(String path) {
    return "http://127.0.0.1:" + appPort + path;
  }

  String simUrl(String path) {
    return "http://127.0.0.1:" + simPort + path;
  }

  /** Sends {@code request} (a builder whose URI is set); I/O failures become unchecked. */
  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(
          request.build().method() + " " + request.build().uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request to the app with a JSON body (or none when {@code json} is null) and extra headers (name, value, …). */
  HttpResponse<String> request(String method, String path, String json, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path)))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b);
  }

  /** The embedded database's JDBC URL (open it only while the app is not running: H2 files have one owner). */
  String h2Url() {
    return "jdbc:h2:file:"
        + workDir.resolve("data").resolve("tai2").toAbsolutePath()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  }

  /** A connection to the embedded database of a stopped (or killed) app. */
  Connection openDatabase() throws SQLException {
    return DriverManager.getConnection(h2Url(), "sa", "");
  }

  @Override
  public void close() {
    processes.close();
  }
}
