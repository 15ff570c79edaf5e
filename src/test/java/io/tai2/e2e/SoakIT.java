package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Soak: the simulator plays a compressed day ({@code --speed 720}: a day of one-minute bars in two minutes) for every
 * instrument it lists plus synthetic swaps, all tracked by the app, with the scheduler asking the (HOLD) LLM every 30 s.
 * Every few seconds the app's heap is measured right after a full GC ({@code jcmd GC.run}, then {@code jvm.memory.used}
 * from {@code /actuator/prometheus}) with its live threads and the sizes of what it keeps per symbol; the curve goes to
 * {@code target/e2e/soak.csv}. After a warm-up the thread count, the heap and the per-symbol buffers must stay flat.
 * {@code -Dtai2.soak.minutes=60} runs longer.
 */
class SoakIT {

  static final List<String> REAL =
      List.of(
          "BTC-USDT-SWAP",
          "ETH-USDT-SWAP",
          "SOL-USDT-SWAP",
          "XRP-USDT-SWAP",
          "DOGE-USDT-SWAP",
          "LTC-USDT-SWAP");
  static final int SYNTHETIC = 6;
  static final Duration RUN =
      Duration.ofSeconds(
          Math.round(Double.parseDouble(System.getProperty("tai2.soak.minutes", "2")) * 60));
  static final Duration EVERY = Duration.ofSeconds(5);

  /** Kept per symbol: CVD and imbalance series, long/short ratio points and candles per timeframe (CandleSeries.HISTORY_KEPT). */
  static final int SERIES_CAP = 200;

  static final Pattern HEAP =
      Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.Ee+]+)");

  /** The old generation right after the last major GC: what survived it (Micrometer's jvm.gc.live.data.size). */
  static final Pattern LIVE =
      Pattern.compile("(?m)^jvm_gc_live_data_size_bytes(?:\\{[^}]*})? ([0-9.Ee+]+)");

  static final Pattern THREADS =
      Pattern.compile("(?m)^jvm_threads_live_threads(?:\\{[^}]*})? ([0-9.Ee+]+)");

  static Stack stack;
  static List<String> symbols;

  /** One sample of the curve. */
  record Sample(
      long second,
      double heapMb,
      double heapUsedMb,
      int threads,
      int viewBytes,
      int longestSeries,
      int candles,
      String btcLast) {}

  @BeforeAll
  static void start() throws Exception {
    stack = new Stack("soak");
    stack.startSim("--seed", "5", "--speed", "720", "--synthetic", Integer.toString(SYNTHETIC));
    symbols = new ArrayList<>(REAL);
    for (int i = 1; i <= SYNTHETIC; i++) {
      symbols.add(String.format("SYN%04d-USDT-SWAP", i));
    }
    stack.startApp(symbols, "-Xmx384m");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void givenACompressedDayForManySymbols_whenTheAppRunsThrough_thenThreadsHeapAndBuffersStayFlat()
      throws Exception {
    stack.awaitSnapshots(symbols, Duration.ofSeconds(120));
    stack.apiJson(
        "PUT", "/scheduler", "{\"enabled\":true,\"interval_seconds\":30,\"max_concurrent\":4}");
    List<Sample> curve = new ArrayList<>();
    Instant started = Instant.now();
    Files.createDirectories(Processes.LOGS);
    StringBuilder csv =
        new StringBuilder(
            "second,heap_live_after_gc_mb,heap_used_mb,live_threads,market_view_bytes,longest_series,candles_15m,btc_last\n");

    while (Duration.between(started, Instant.now()).compareTo(RUN) < 0) {
      Sample s = sample(Duration.between(started, Instant.now()).toSeconds());
      curve.add(s);
      csv.append(s.second())
          .append(',')
          .append(String.format("%.1f,%.1f", s.heapMb(), s.heapUsedMb()))
          .append(',')
          .append(s.threads())
          .append(',')
          .append(s.viewBytes())
          .append(',')
          .append(s.longestSeries())
          .append(',')
          .append(s.candles())
          .append(',')
          .append(s.btcLast())
          .append('\n');
      Files.writeString(Processes.LOGS.resolve("soak.csv"), csv);
      Thread.sleep(EVERY.toMillis());
    }
    JsonNode scheduler = stack.apiJson("GET", "/scheduler", null);
    long ticks = stack.count("select count(*) from decisions");

    assertThat(stack.app.isAlive()).isTrue();
    int third = curve.size() / 3;
    assertThat(third).as("enough samples").isGreaterThanOrEqualTo(4);
    List<Sample> warm = curve.subList(Math.max(2, curve.size() / 5), curve.size());
    List<Sample> first = curve.subList(0, third);
    List<Sample> last = curve.subList(curve.size() - third, curve.size());
    int threadsMin = warm.stream().mapToInt(Sample::threads).min().orElseThrow();
    int threadsMax = warm.stream().mapToInt(Sample::threads).max().orElseThrow();
    double heapFirst = median(first.stream().map(Sample::heapMb).toList());
    double heapLast = median(last.stream().map(Sample::heapMb).toList());
    double viewFirst = median(first.stream().map(s -> (double) s.viewBytes()).toList());
    double viewLast = median(last.stream().map(s -> (double) s.viewBytes()).toList());
    String summary =
        String.format(
            "soak: %d s, %d symbols, %d samples; threads after warm-up %d..%d; heap after GC median first third %.1f MB,"
                + " last third %.1f MB (max %.1f); market view %.0f → %.0f bytes; longest series %d; decisions %d; scheduler %s%n",
            RUN.toSeconds(),
            symbols.size(),
            curve.size(),
            threadsMin,
            threadsMax,
            heapFirst,
            heapLast,
            curve.stream().mapToDouble(Sample::heapMb).max().orElseThrow(),
            viewFirst,
            viewLast,
            curve.stream().mapToInt(Sample::longestSeries).max().orElseThrow(),
            ticks,
            scheduler.path("last_error"));
    Files.writeString(Processes.LOGS.resolve("soak-summary.txt"), summary);
    System.out.println(summary);

    assertThat(curve.stream().map(Sample::btcLast).distinct().count())
        .as("prices moved all along: %s", summary)
        .isGreaterThan(curve.size() / 2);
    assertThat(ticks)
        .as("the scheduler ran cycles for every symbol")
        .isGreaterThanOrEqualTo(symbols.size() * Math.max(1, RUN.toSeconds() / 30 - 1));
    // Pools may shrink when idle; a leak grows: the last third never tops the first third (after
    // warm-up) by more than a few.
    int threadsLastMax = last.stream().mapToInt(Sample::threads).max().orElseThrow();
    int threadsFirstMax =
        warm.subList(0, Math.max(1, warm.size() / 3)).stream()
            .mapToInt(Sample::threads)
            .max()
            .orElseThrow();
    assertThat(threadsLastMax)
        .as("live threads do not grow: %s", summary)
        .isLessThanOrEqualTo(threadsFirstMax + 4);
    assertThat(threadsMax - threadsMin)
        .as("live threads stay within a band after warm-up: %s", summary)
        .isLessThanOrEqualTo(20);
    // A leak of even a few hundred bytes per market event (thousands a second here) adds tens of MB
    // a minute.
    assertThat(heapLast)
        .as("heap after GC does not grow: %s", summary)
        .isLessThanOrEqualTo(heapFirst * 1.25 + 8);
    assertThat(viewLast)
        .as("the market view does not grow: %s", summary)
        .isLessThanOrEqualTo(viewFirst * 1.25);
    assertThat(curve)
        .as("per-symbol buffers stay within their caps")
        .allSatisfy(
            s -> {
              assertThat(s.longestSeries()).isLessThanOrEqualTo(SERIES_CAP);
              assertThat(s.candles())
                  .isBetween(2, SERIES_CAP + 1); // the closed candles kept plus the open one
            });
  }

  /** Heap right after a full GC, live threads, the market view's size and the longest per-symbol series. */
  static Sample sample(long second) throws IOException, InterruptedException {
    gc(stack.app.pid());
    String metrics = stack.api("GET", "/actuator/prometheus", null).body();
    double heap = 0;
    Matcher m = HEAP.matcher(metrics);
    while (m.find()) {
      heap += Double.parseDouble(m.group(1));
    }
    Matcher l = LIVE.matcher(metrics);
    assertThat(l.find()).as("jvm_gc_live_data_size_bytes in /actuator/prometheus").isTrue();
    double live = Double.parseDouble(l.group(1));
    Matcher t = THREADS.matcher(metrics);
    assertThat(t.find()).as("jvm_threads_live_threads in /actuator/prometheus").isTrue();
    int view = stack.api("GET", "/state/latest", null).body().length();
    int longest = 0;
    String btcLast = "";
    for (String symbol : List.of(symbols.getFirst(), symbols.getLast())) {
      JsonNode snapshot = stack.apiJson("GET", "/state/latest?symbol=" + symbol, null);
      longest =
          Math.max(
              longest,
              List.of(
                      snapshot.path("custom_metrics").path("cvd_series").size(),
                      snapshot.path("custom_metrics").path("ofi_ratio_series").size(),
                      snapshot.path("long_short_ratio").path("series").size(),
                      snapshot.path("liquidations").size(),
                      snapshot.path("order_book").path("bids").size())
                  .stream()
                  .max(Comparator.naturalOrder())
                  .orElseThrow());
      if (symbol.equals(symbols.getFirst())) {
        btcLast = snapshot.path("ticker").path("last").asString();
      }
    }
    JsonNode series =
        stack.apiJson("GET", "/state/series?symbol=" + symbols.getFirst() + "&timeframe=15m", null);
    return new Sample(
        second,
        live / 1_048_576,
        heap / 1_048_576,
        (int) Double.parseDouble(t.group(1)),
        view,
        longest,
        rows(series),
        btcLast);
  }

  /** The candle count of a /state/series answer (columns: the length of its time column). */
  static int rows(JsonNode series) {
    for (String field : List.of("ts", "time", "timestamps")) {
      if (series.path(field).isArray()) {
        return series.path(field).size();
      }
    }
    return series.path("candles").size();
  }

  /** Asks the app's JVM for a full GC, so the heap sampled next is what is live. */
  static void gc(long pid) throws IOException, InterruptedException {
    String jcmd = Path.of(Processes.java()).resolveSibling("jcmd").toString();
    Process p =
        new ProcessBuilder(jcmd, Long.toString(pid), "GC.run")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("jcmd GC.run").isTrue();
    assertThat(p.exitValue()).as("jcmd GC.run exit").isZero();
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
