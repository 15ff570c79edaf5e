package io.tai2.cli;

import ch.qos.logback.classic.Level;
import com.sun.management.OperatingSystemMXBean;
import io.tai2.market.MarketEngine;
import io.tai2.market.MarketMetrics;
import io.tai2.market.MarketSettings;
import io.tai2.okx.Instrument;
import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxMarketData;
import io.tai2.okx.OkxRestClient;
import io.tai2.okx.OkxWebSocketClient;
import io.tai2.okx.OkxWsConfig;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimClock;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.state.MemoryStateStore;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the market engine against an in-process simulator that moves every symbol's price {@code --steps-per-second}
 * times a second (each move pushes tickers, books, trades, mark price and every candle timeframe), then prints one JSON
 * object with throughput, latency, timings and heap. Progress goes to standard error.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the market engine against the in-process simulator streaming every symbol (loopback only).",
      "Prints one JSON object: WebSocket events applied per second, receipt-to-publish latency, indicator update and",
      "snapshot build times, heap after GC, symbols tracked and fresh. Progress goes to standard error.",
      "tai2 bench backtest measures a backtest instead."
    },
    subcommands = BacktestBench.class)
final class BenchCommand implements Callable<Integer> {

  private static final JsonMapper JSON =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
  private static final SimAccount KEY =
      new SimAccount("bench-key", "bench-secret", "bench-pass", true, false);

  @Spec CommandSpec spec;

  @Option(
      names = "--symbols",
      defaultValue = "250",
      description =
          "Symbols to track (the simulator's six plus made-up SYNnnnn swaps). Default: ${DEFAULT-VALUE}.")
  int symbols;

  @Option(
      names = "--seconds",
      defaultValue = "20",
      description = "Length of the measured run. Default: ${DEFAULT-VALUE}.")
  int seconds;

  @Option(
      names = "--steps-per-second",
      defaultValue = "10",
      description = "Price moves per second of every symbol. Default: ${DEFAULT-VALUE}.")
  double stepsPerSecond;

  @Option(
      names = "--timeframes",
      split = ",",
      defaultValue = "15m,1H,4H,1D",
      description = "Candle timeframes per symbol. Default: ${DEFAULT-VALUE}.")
  List<String> timeframes;

  @Option(
      names = "--simulator",
      paramLabel = "URL",
      description = {
        "Use a simulator running elsewhere (e.g. tai2 sim --synthetic 244 --speed 600 → http://127.0.0.1:18080), so this",
        "process measures the engine alone. Without it, an in-process simulator is driven by --steps-per-second."
      })
  URI simulator;

  @Option(
      names = "--orders",
      defaultValue = "0",
      description = {
        "Instead of the market engine, measure decision-to-order latency (LLM excluded): this many orders (BUY, CLOSE, …)",
        "through the guardrails and the executor against the in-process simulator and an embedded database."
      })
  int orders;

  @Option(
      names = "--startup",
      description = {
        "Instead of the market engine, measure how long tai2 serve takes to a healthy /health: the fat jar, the extracted",
        "jar, and the extracted jar with a JDK 25 AOT cache (what scripts/tai2 and the Docker image run), --runs times each."
      })
  boolean startup;

  @Option(
      names = "--runs",
      defaultValue = "5",
      description = "With --startup: starts measured each way. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(
      names = "--warmup",
      defaultValue = "120",
      description =
          "At most this many seconds for candle history and first data of every symbol. Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Override
  public Integer call() throws Exception {
    // Standard output carries the report only: the engine's INFO lines are held back while it runs.
    if (!(LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root)) {
      return run();
    }
    Level level = root.getLevel();
    root.setLevel(Level.WARN);
    try {
      return run();
    } finally {
      root.setLevel(level);
    }
  }

  private int run() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (symbols < 1 || seconds < 1 || stepsPerSecond <= 0 || timeframes.isEmpty()) {
      err.println(
          "tai2 bench: --symbols, --seconds and --steps-per-second must be positive and --timeframes not empty");
      return 2;
    }
    if (orders < 0) {
      err.println("tai2 bench: --orders must not be negative");
      return 2;
    }
    if (startup) {
      if (runs < 1) {
        err.println("tai2 bench: --runs must be at least 1");
        return 2;
      }
      Path jar =
          Path.of(System.getProperty("java.class.path"))
              .toAbsolutePath(); // java -jar puts exactly the launched jar here
      if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
        err.println(
            "tai2 bench: --startup measures the packaged jar; run it as java -jar target/tai2.jar bench --startup");
        return 2;
      }
      try {
        spec.commandLine()
            .getOut()
            .println(JSON.writeValueAsString(StartupBench.run(jar, runs, err)));
      } catch (IllegalStateException e) {
        err.println("tai2 bench: " + e.getMessage());
        return 1;
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
    if (orders > 0) {
      err.printf(
          "tai2 bench: %d orders through guardrails and executor against the in-process simulator%n",
          orders);
      spec.commandLine().getOut().println(JSON.writeValueAsString(ExecutionBench.run(orders, err)));
      spec.commandLine().getOut().flush();
      return 0;
    }
    if (simulator != null) {
      err.printf(
          "tai2 bench: simulator %s (its --speed moves the prices), %d symbols, timeframes %s%n",
          simulator, symbols, timeframes);
      return measure(simulator, Clock.systemUTC(), 0, () -> {});
    }
    SimClock clock = new SimClock(Clock.systemUTC());
    SimMarket market =
        SimMarket.randomWalk(clock, 1, 1_440 + 1_000, 1_440, Math.max(0, symbols - 6));
    SimRestApi api =
        new SimRestApi(clock, market, Map.of(KEY.apiKey(), KEY), new BigDecimal("10000"));
    ScheduledExecutorService pacer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("bench-pacer").factory());
    try (SimServer server = new SimServer(api, market, 0)) {
      long simHeap = heapAfterGc();
      err.printf(
          "tai2 bench: simulator on port %d, %d symbols, %s price moves/s each, timeframes %s%n",
          server.port(), symbols, stepsPerSecond, timeframes);
      long stepMicros = Math.max(100, (long) (1_000_000 / stepsPerSecond));
      pacer.scheduleAtFixedRate(market::step, stepMicros, stepMicros, TimeUnit.MICROSECONDS);
      return measure(
          URI.create("http://127.0.0.1:" + server.port()), clock, simHeap, pacer::shutdownNow);
    } finally {
      pacer.shutdownNow();
    }
  }

  /** Tracks the first {@code --symbols} swaps of the simulator at {@code base}, warms up, measures, prints the report. */
  private int measure(URI base, Clock clock, long simHeap, Runnable stopLoad)
      throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    try (OkxWebSocketClient ws = new OkxWebSocketClient(wsConfig(base), clock);
        HttpClient http = HttpClient.newHttpClient()) {
      OkxMarketData rest =
          new OkxMarketData(
              new OkxRestClient(
                  new OkxClientConfig(base, Optional.empty(), true, Duration.ofSeconds(10)),
                  http,
                  clock));
      List<String> tracked =
          rest.instruments("SWAP").stream().map(Instrument::instId).limit(symbols).toList();
      String primary = timeframes.contains("4H") ? "4H" : timeframes.getFirst();
      MarketSettings settings =
          new MarketSettings(timeframes, primary, Duration.ofSeconds(1), Duration.ofMillis(250));
      try (MarketEngine engine =
          new MarketEngine(() -> rest, ws, new MemoryStateStore(), clock, settings)) {
        long warmStart = System.nanoTime();
        engine.track(tracked);
        long deadline = warmStart + TimeUnit.SECONDS.toNanos(warmup);
        while ((engine.candleLoadsPending() > 0 || fresh(engine, tracked) < tracked.size())
            && System.nanoTime() < deadline) {
          progress(err, "warm-up", engine, tracked, warmStart);
          Thread.sleep(1_000);
        }
        double warmupSeconds = (System.nanoTime() - warmStart) / 1e9;
        MarketMetrics metrics = engine.metrics();
        metrics.resetTimings();
        long events0 = metrics.events();
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        for (int s = 1; s <= seconds; s++) {
          Thread.sleep(1_000);
          if (s % 5 == 0 || s == seconds) {
            progress(err, "measuring", engine, tracked, start);
          }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long events = metrics.events() - events0;
        double cpuCores = (processCpuNanos() - cpu0) / 1e9 / elapsed;
        int fresh = fresh(engine, tracked);
        stopLoad.run();
        long heap = heapAfterGc();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("symbols", engine.symbols().size());
        report.put("symbols_fresh", fresh);
        report.put("timeframes", timeframes);
        report.put("simulator", simulator == null ? "in-process" : simulator.toString());
        report.put("steps_per_second", simulator == null ? stepsPerSecond : null);
        report.put("seconds", round(elapsed));
        report.put("warmup_seconds", round(warmupSeconds));
        report.put("ws_messages_per_second", Math.round(events / elapsed));
        report.put("publish_latency_ms", millis(metrics.publishLatency()));
        report.put("indicator_update_us", micros(metrics.indicatorUpdate()));
        report.put("snapshot_build_us", micros(metrics.snapshotBuild()));
        report.put("heap_used_after_gc_mb", round(heap / 1048576.0));
        report.put("heap_of_simulator_mb", round(simHeap / 1048576.0));
        report.put("process_cpu_cores", round(cpuCores));
        report.put("available_processors", Runtime.getRuntime().availableProcessors());
        spec.commandLine().getOut().println(JSON.writeValueAsString(report));
        spec.commandLine().getOut().flush();
        return 0;
      }
    }
  }

  private static OkxWsConfig wsConfig(URI base) {
    String ws = "ws://" + base.getAuthority() + "/ws/v5/";
    return OkxWsConfig.of(
        URI.create(ws + "public"),
        URI.create(ws + "private"),
        URI.create(ws + "business"),
        Optional.empty());
  }

  private static int fresh(MarketEngine engine, List<String> tracked) {
    return (int)
        tracked.stream()
            .map(engine::snapshot)
            .filter(s -> s.isPresent() && !s.get().stale())
            .count();
  }

  private static void progress(
      PrintWriter err, String phase, MarketEngine engine, List<String> tracked, long since) {
    err.printf(
        "tai2 bench: %s %.0f s: %d/%d symbols fresh, %d candle histories loading, %d events applied%n",
        phase,
        (System.nanoTime() - since) / 1e9,
        fresh(engine, tracked),
        tracked.size(),
        engine.candleLoadsPending(),
        engine.metrics().events());
    err.flush();
  }

  private static Map<String, Object> micros(MarketMetrics.Timing t) {
    return Map.of(
        "samples",
        t.count(),
        "p50",
        round(t.p50Micros()),
        "p99",
        round(t.p99Micros()),
        "max",
        round(t.maxMicros()));
  }

  private static Map<String, Object> millis(MarketMetrics.Timing t) {
    return Map.of(
        "samples",
        t.count(),
        "p50",
        round(t.p50Micros() / 1e3),
        "p99",
        round(t.p99Micros() / 1e3),
        "max",
        round(t.maxMicros() / 1e3));
  }

  private static double round(double value) {
    return Double.isNaN(value) ? value : Math.round(value * 100) / 100.0;
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }
}
