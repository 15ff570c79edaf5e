package io.tai2.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code tai2 bench --startup}: how long {@code tai2 serve} takes from launch to a {@code 200} from {@code /health},
 * four ways in one run on the same machine: the fat jar ({@code java -jar tai2.jar}); the extracted jar with a JDK 25
 * AOT cache; the extracted jar in Spring AOT mode ({@code -Dspring.aot.enabled=true}); and both together — what
 * {@code scripts/tai2} and the Docker image do. Each cache is trained here as the launcher trains it, with the flags
 * it is then used with: a full start, one page, then SIGTERM. Every start uses the embedded database in a
 * scratch directory (migrated once before measuring, so no run pays for Flyway's first migration) and points OKX and
 * the LLM at a closed local port, so nothing leaves the machine. Starts alternate between the three ways, so a busy
 * moment of the machine does not fall on one of them only.
 */
final class StartupBench {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /** The JDK's AOT warnings (classes it could not link ahead) go to standard output by default; errors only. */
  private static final String QUIET = "-Xlog:aot*=error";

  private static final String SPRING_AOT = "-Dspring.aot.enabled=true";

  private final String java = ProcessHandle.current().info().command().orElse("java");
  private final Path work;
  private final PrintWriter err;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

  private StartupBench(Path work, PrintWriter err) {
    this.work = work;
    this.err = err;
  }

  /** Measures {@code runs} starts each way of the fat jar {@code jar}; the report as one JSON-ready map. */
  static Map<String, Object> run(Path jar, int runs, PrintWriter err)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("tai2-startup");
    Map<String, Object> report =
        new StartupBench(work, err)
            .measure(jar, runs); // on failure the directory stays, with the log
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    return report;
  }

  private Map<String, Object> measure(Path jar, int runs) throws IOException, InterruptedException {
    Path app = work.resolve("app");
    progress("extracting %s", jar);
    exec(
        List.of(
            java,
            "-Djarmode=tools",
            "-jar",
            jar.toString(),
            "extract",
            "--destination",
            app.toString()));
    Path extracted = app.resolve(jar.getFileName()); // the tools extract keeps the jar's name
    progress("first start: the embedded database is created and migrated (not measured)");
    start(List.of(java, "-jar", extracted.toString(), "serve"), false);
    long trainStart = System.nanoTime();
    progress(
        "training the AOT caches (plain and in Spring AOT mode): a full start, one page, SIGTERM");
    Path cache = app.resolve("tai2.aot");
    Path springCache = app.resolve("tai2-spring-aot.aot");
    start(
        List.of(java, "-XX:AOTCacheOutput=" + cache, QUIET, "-jar", extracted.toString(), "serve"),
        true);
    start(
        List.of(
            java,
            "-XX:AOTCacheOutput=" + springCache,
            QUIET,
            SPRING_AOT,
            "-jar",
            extracted.toString(),
            "serve"),
        true);
    double trainingSeconds = (System.nanoTime() - trainStart) / 1e9 / 2;
    if (!Files.isRegularFile(cache) || !Files.isRegularFile(springCache)) {
      throw new IllegalStateException(
          "the training run wrote no AOT cache; is this JDK 25 or newer? (" + java + ")");
    }
    Map<String, List<String>> ways = new LinkedHashMap<>();
    ways.put("fat_jar", List.of(java, "-jar", jar.toString(), "serve"));
    ways.put(
        "aot_cache",
        List.of(java, "-XX:AOTCache=" + cache, QUIET, "-jar", extracted.toString(), "serve"));
    ways.put("spring_aot", List.of(java, SPRING_AOT, "-jar", extracted.toString(), "serve"));
    ways.put(
        "aot_cache_and_spring_aot",
        List.of(
            java,
            "-XX:AOTCache=" + springCache,
            QUIET,
            SPRING_AOT,
            "-jar",
            extracted.toString(),
            "serve"));
    Map<String, List<Long>> millis = new LinkedHashMap<>();
    ways.keySet().forEach(way -> millis.put(way, new ArrayList<>()));
    for (int i = 1; i <= runs; i++) {
      StringBuilder line = new StringBuilder();
      for (Map.Entry<String, List<String>> way : ways.entrySet()) {
        long ms = start(way.getValue(), false);
        millis.get(way.getKey()).add(ms);
        line.append(line.isEmpty() ? "" : ", ")
            .append(way.getKey())
            .append(' ')
            .append(ms)
            .append(" ms");
      }
      progress("run %d/%d: %s", i, runs, line);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("measure", "launch to the first 200 from GET /health, milliseconds");
    report.put("runs", runs);
    millis.forEach((way, values) -> report.put(way + "_ms", summary(values)));
    report.put("aot_cache_mb", Math.round(Files.size(springCache) / 1048576.0));
    report.put("aot_training_seconds", Math.round(trainingSeconds * 10) / 10.0);
    report.put("java", Runtime.version().toString());
    report.put("available_processors", Runtime.getRuntime().availableProcessors());
    return report;
  }

  /**
   * Starts {@code command} in the scratch directory, waits for {@code /health}, stops it with SIGTERM (the JVM writes
   * an AOT cache on a normal exit) and returns the milliseconds from launch to healthy. {@code visit} also asks for a
   * page first, so the training sees the request path.
   */
  private long start(List<String> command, boolean visit) throws IOException, InterruptedException {
    int port = freePort();
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("serve.log").toFile());
    Map<String, String> env = pb.environment();
    env.keySet().retainAll(List.of("PATH", "LANG"));
    env.put("HOME", work.toString());
    env.put("TAI2_ENV_FILE", work.resolve("no.env").toString());
    env.put("SERVER_PORT", Integer.toString(port));
    String closed = "127.0.0.1:9";
    env.put("OKX_BASE_URL", "http://" + closed);
    env.put("OKX_WS_PUBLIC_URL", "ws://" + closed + "/ws/v5/public");
    env.put("OKX_WS_PRIVATE_URL", "ws://" + closed + "/ws/v5/private");
    env.put("OKX_WS_BUSINESS_URL", "ws://" + closed + "/ws/v5/business");
    env.put("OPENROUTER_BASE_URL", "http://" + closed + "/api/v1");
    long launched = System.nanoTime();
    Process process = pb.start();
    try {
      URI health = URI.create("http://127.0.0.1:" + port + "/health");
      long deadline = launched + START_TIMEOUT.toNanos();
      while (!healthy(health)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "tai2 serve did not become healthy ("
                  + String.join(" ", command)
                  + "); its log: "
                  + work.resolve("serve.log"));
        }
        Thread.sleep(10);
      }
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
      if (visit) {
        get(URI.create("http://127.0.0.1:" + port + "/"));
      }
      return elapsed;
    } finally {
      process.destroy(); // SIGTERM: a graceful stop
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private boolean healthy(URI health) {
    return get(health) == 200;
  }

  private int get(URI uri) {
    try {
      return http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private void exec(List<String> command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("exec.log").toFile())
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed; see " + work.resolve("exec.log"));
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> summary(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("median", sorted.get(sorted.size() / 2));
    s.put("min", sorted.getFirst());
    s.put("max", sorted.getLast());
    s.put("all", values);
    return s;
  }

  private void progress(String format, Object... args) {
    err.printf("tai2 bench --startup: " + format + "%n", args);
    err.flush();
  }
}
