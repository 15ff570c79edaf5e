package io.tai2.cli;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.lab.Backtest;
import io.tai2.lab.BacktestProgress;
import io.tai2.lab.BacktestReport;
import io.tai2.lab.BacktestRequest;
import io.tai2.lab.Deciders;
import io.tai2.lab.SymbolHistory;
import io.tai2.market.MarketSettings;
import io.tai2.market.MarketSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tai2 bench backtest}: a backtest over {@code --days} of seeded one-minute BTC bars (a random walk with
 * volatility like BTC's) with a rule decider, timed end to end, with the heap's peak. Prints one JSON line. Run it with
 * {@code -Xmx512m} to check the memory target: an over-budget run fails with OutOfMemoryError rather than report.
 */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description =
        "Time a backtest over seeded one-minute bars (default a year, decisions every 5m, fake:alternate); print one JSON line.")
final class BacktestBench implements Callable<Integer> {

  @Option(
      names = "--days",
      defaultValue = "365",
      description = "Days of one-minute bars (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--every",
      defaultValue = "5m",
      description = "Decision cadence (default: ${DEFAULT-VALUE}).")
  String every;

  @Option(
      names = "--decider",
      defaultValue = "fake:alternate",
      description =
          "fake:long, fake:short, fake:alternate or heuristic (default: ${DEFAULT-VALUE}).")
  String decider;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the price walk (default: ${DEFAULT-VALUE}).")
  long seed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (Deciders.usesLlm(decider)) {
      spec.commandLine()
          .getErr()
          .println(
              "tai2 bench backtest: --decider "
                  + decider
                  + ": only the rule deciders are benchmarked (no LLM)");
      return 2;
    }
    SymbolHistory btc = walk(days * 1440, seed);
    BacktestRequest request = BacktestRequest.of(List.of(btc.symbol()), every, decider).checked();
    MarketSettings market = MarketSettings.defaults();
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    System.gc();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long start = System.nanoTime();
    BacktestReport report =
        new Backtest(
                request,
                List.of(btc),
                Deciders.of(request, Optional.empty()),
                GuardrailSettings.defaults(Duration.ofSeconds(60)),
                ExecutionSettings.defaults(),
                "4H",
                market.timeframes())
            .run(BacktestProgress.NONE);
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    spec.commandLine()
        .getOut()
        .println(
            String.format(
                Locale.ROOT,
                "{\"days\":%d,\"bars\":%d,\"decisions\":%d,\"trades\":%d,\"decider\":\"%s\",\"every\":\"%s\",\"seconds\":%.2f,"
                    + "\"bars_per_second\":%.0f,\"decisions_per_second\":%.0f,\"peak_heap_mb\":%.0f,\"max_heap_mb\":%d}",
                days,
                btc.size(),
                report.metrics().decisions(),
                report.metrics().trades(),
                decider,
                every,
                seconds,
                btc.size() / seconds,
                report.metrics().decisions() / seconds,
                peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576));
    return 0;
  }

  /** {@code n} one-minute bars from 2025-01-01 of a seeded walk starting at 60,000 with 0.05 % per-minute volatility. */
  static SymbolHistory walk(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    SymbolHistory.Bars bars = new SymbolHistory.Bars(n);
    long t0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    double price = 60_000;
    for (int i = 0; i < n; i++) {
      double close = Math.round(price * Math.exp(random.nextGaussian() * 0.0005) * 10) / 10.0;
      bars.add(
          t0 + i * 60_000L,
          price,
          Math.max(price, close) + Math.round(random.nextDouble() * 200) / 10.0,
          Math.min(price, close) - Math.round(random.nextDouble() * 200) / 10.0,
          close,
          1 + random.nextInt(500));
      price = close;
    }
    MarketSnapshot.InstrumentSpec spec =
        new MarketSnapshot.InstrumentSpec(
            "BTC-USDT-SWAP",
            new BigDecimal("0.01"),
            "BTC",
            new BigDecimal("0.1"),
            new BigDecimal("0.01"),
            new BigDecimal("0.01"),
            new BigDecimal("10000"),
            new BigDecimal("125"));
    return bars.of("BTC-USDT-SWAP", spec, new BigDecimal("0.01"), new TreeMap<>(), "okx");
  }
}
