package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.lab.Deciders;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged {@code tai2 backtest} on freqtrade's one-minute UNITTEST/BTC file (test resources), in a fresh working
 * directory with no database, as the CLI contract in issue 18 states it: exit 0 with a report whose books balance, every
 * entry protected by its stop, nothing traded while the daily-loss lock holds; exit 2 and one line for bad input.
 */
class BacktestIT {

  private static final Path CANDLES =
      Path.of("src/test/resources/data/unittest-btc-1m.json").toAbsolutePath();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Run backtest(Path workDir, String... args) throws Exception {
    return tai2(workDir, "backtest", args);
  }

  static Run tai2(Path workDir, String subcommand, String... args) throws Exception {
    return Run.tai2(workDir, Map.of(), subcommand, args);
  }

  /** The invariants every report must hold, whatever the decider. */
  static JsonNode checkedReport(Path file) throws Exception {
    JsonNode report = JSON.readTree(Files.readString(file));
    JsonNode m = report.get("metrics");
    Map<String, BigDecimal> decisionPrices = new HashMap<>();
    report
        .get("decisions")
        .forEach(d -> decisionPrices.put(d.get("id").asString(), d.get("price").decimalValue()));
    BigDecimal pnl = BigDecimal.ZERO;
    for (JsonNode t : report.get("trades")) {
      pnl = pnl.add(t.get("pnl").decimalValue());
      assertThat(t.get("stop_loss").isNull()).as("every entry has its stop: %s", t).isFalse();
      BigDecimal stop = t.get("stop_loss").decimalValue();
      // relative to the price the decision saw: the fill at the next open may already be past it
      // (then it exits there)
      BigDecimal seen = decisionPrices.get(t.get("entry_decision").asString());
      assertThat(
              t.get("side").asString().equals("long")
                  ? stop.compareTo(seen) < 0
                  : stop.compareTo(seen) > 0)
          .as("the stop is on the losing side of the decision price: %s", t)
          .isTrue();
      assertThat(t.get("exit_reason").asString())
          .isIn("stop", "take", "close", "end", "liquidation");
    }
    BigDecimal initial = m.get("initial_equity").decimalValue();
    assertThat(m.get("final_equity").decimalValue())
        .as("equity = initial + Σ pnl")
        .isCloseTo(initial.add(pnl), Offset.offset(new BigDecimal("0.0001")));
    for (JsonNode d : report.get("decisions")) {
      if (d.get("verdict").asString().equals("approved")
          && (d.get("action").asString().equals("BUY")
              || d.get("action").asString().equals("SELL"))) {
        assertThat(d.get("checks").get("plan").get("stop_loss").isNull())
            .as("an approved entry carries its stop: %s", d.get("id"))
            .isFalse();
      }
    }
    if (!m.get("risk_locked_at").isNull()) {
      Instant locked = Instant.parse(m.get("risk_locked_at").asString());
      for (JsonNode t : report.get("trades")) {
        assertThat(Instant.parse(t.get("entry_time").asString()))
            .as("no entry while the lock holds")
            .isBeforeOrEqualTo(locked);
      }
      for (JsonNode d : report.get("decisions")) {
        if (Instant.parse(d.get("time").asString()).isAfter(locked)) {
          assertThat(d.get("verdict").asString())
              .as("after the lock: %s", d)
              .isNotEqualTo("approved");
        }
      }
    }
    return report;
  }

  @Test
  void givenTheUnittestFile_whenTheAlternatingFakeRuns_thenTheReportBalancesAndTheHtmlIsWritten(
      @TempDir Path workDir) throws Exception {
    Run run =
        backtest(
            workDir,
            "--candles",
            "BTC-USDT-SWAP=" + CANDLES,
            "--every",
            "5m",
            "--decider",
            "fake:alternate",
            "--out",
            "report.json",
            "--html",
            "report.html");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("report=report.json trades=");
    JsonNode report = checkedReport(workDir.resolve("report.json"));
    assertThat(report.get("trades").size()).isGreaterThan(50);
    assertThat(report.get("parameters").get("decider").asString()).isEqualTo("fake:alternate");
    assertThat(Files.readString(workDir.resolve("report.html")))
        .contains("<svg")
        .contains("Buy and hold");
    assertThat(workDir.resolve("data")).as("no database was created for a file run").doesNotExist();
  }

  @Test
  void givenATightDailyLossLimit_whenTheHeuristicRuns_thenNothingTradesAfterTheLock(
      @TempDir Path workDir) throws Exception {
    Files.writeString(
        workDir.resolve("settings.json"), "{\"guardrails\":{\"daily_loss_limit_pct\":0.002}}");
    Run run =
        backtest(
            workDir,
            "--candles",
            "BTC-USDT-SWAP=" + CANDLES,
            "--every",
            "15m",
            "--decider",
            "heuristic",
            "--settings",
            "settings.json",
            "--slippage-bps",
            "2",
            "--out",
            "report.json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode report = checkedReport(workDir.resolve("report.json"));
    assertThat(report.get("metrics").get("risk_locked_at").isNull())
        .as("the 0.2 % limit engaged")
        .isFalse();
  }

  @Test
  void
      givenTheFileImportedIntoTheCandleStore_whenTheSameBacktestRunsFromTheStore_thenItTradesExactlyAsFromTheFile(
          @TempDir Path workDir) throws Exception {
    Run imported = tai2(workDir, "history", "import", "--candles", "BTC-USDT-SWAP=" + CANDLES);
    Run noFunding =
        backtest(
            workDir,
            "--symbols",
            "BTC-USDT-SWAP",
            "--every",
            "15m",
            "--decider",
            "fake:alternate",
            "--funding",
            "history",
            "--out",
            "none.json");
    Run fromStore =
        backtest(
            workDir,
            "--symbols",
            "BTC-USDT-SWAP",
            "--every",
            "15m",
            "--decider",
            "fake:alternate",
            "--out",
            "store.json");
    Run fromFile =
        backtest(
            workDir,
            "--candles",
            "BTC-USDT-SWAP=" + CANDLES,
            "--every",
            "15m",
            "--decider",
            "fake:alternate",
            "--out",
            "file.json");

    assertThat(imported.exit()).as(imported.err()).isZero();
    assertThat(noFunding.exit()).isEqualTo(2);
    assertThat(noFunding.err().strip())
        .isEqualTo(
            "tai2 backtest: --funding history: no funding rates of BTC-USDT-SWAP are stored; run tai2 history"
                + " fetch, or use --funding off");
    assertThat(fromStore.exit()).as(fromStore.err()).isZero();
    assertThat(fromFile.exit()).as(fromFile.err()).isZero();
    JsonNode store = checkedReport(workDir.resolve("store.json"));
    JsonNode file = checkedReport(workDir.resolve("file.json"));
    assertThat(store.get("trades")).isNotEmpty().isEqualTo(file.get("trades"));
    assertThat(store.get("metrics").get("net_pnl")).isEqualTo(file.get("metrics").get("net_pnl"));
  }

  @Test
  void givenBadInput_whenTheBacktestStarts_thenItExitsTwoWithOneLineNamingTheOption(
      @TempDir Path workDir) throws Exception {
    Run cadence =
        backtest(
            workDir,
            "--candles",
            "BTC-USDT-SWAP=" + CANDLES,
            "--every",
            "7m",
            "--decider",
            "fake:long",
            "--out",
            "r.json");
    Run decider =
        backtest(
            workDir,
            "--candles",
            "BTC-USDT-SWAP=" + CANDLES,
            "--every",
            "5m",
            "--decider",
            "oracle",
            "--out",
            "r.json");
    Run missing =
        backtest(
            workDir,
            "--candles",
            "BTC-USDT-SWAP=" + workDir.resolve("none.json"),
            "--every",
            "5m",
            "--decider",
            "fake:long",
            "--out",
            "r.json");

    assertThat(cadence.exit()).isEqualTo(2);
    assertThat(cadence.err().strip())
        .startsWith("tai2 backtest: --every: 7m is not a cadence")
        .doesNotContain("\n")
        .doesNotContain("Exception");
    assertThat(decider.exit()).isEqualTo(2);
    assertThat(decider.err().strip())
        .isEqualTo("tai2 backtest: --decider oracle is not one of " + Deciders.NAMES);
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err().strip())
        .startsWith("tai2 backtest: ")
        .contains("none.json")
        .doesNotContain("\n");
    assertThat(workDir.resolve("r.json")).doesNotExist();
  }
}
