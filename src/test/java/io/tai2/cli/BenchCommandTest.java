package io.tai2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tai2 bench} in a short run: one JSON object on standard output with the measured figures, progress on stderr. */
class BenchCommandTest {

  @Test
  void givenAShortRun_whenBenchmarked_thenOneJsonReportWithEveryFigure() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(new Tai2Cli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

    int exit =
        cli.execute(
            "bench",
            "--symbols",
            "10",
            "--seconds",
            "2",
            "--timeframes",
            "1m,5m",
            "--steps-per-second",
            "20",
            "--warmup",
            "60");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(out.toString());
    assertThat(report.path("symbols").asInt()).isEqualTo(10);
    assertThat(report.path("symbols_fresh").asInt()).isEqualTo(10);
    assertThat(report.path("ws_messages_per_second").asLong())
        .isGreaterThan(100); // 10 symbols × 20 moves/s × 6 channels
    assertThat(report.path("publish_latency_ms").path("samples").asLong()).isPositive();
    // no upper bound: how fast is for the benchmark's figures (docs/BENCHMARKS.md), not for a test
    // on a shared machine
    assertThat(report.path("publish_latency_ms").path("p99").asDouble()).isPositive();
    assertThat(report.path("indicator_update_us").path("p50").asDouble()).isPositive();
    assertThat(report.path("snapshot_build_us").path("p50").asDouble()).isPositive();
    assertThat(report.path("heap_used_after_gc_mb").asDouble()).isPositive();
    assertThat(err.toString()).contains("tai2 bench: measuring");
  }

  @Test
  void givenOrders_whenBenchmarked_thenEveryOrderFilledAndTheLatenciesReported() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(new Tai2Cli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

    int exit = cli.execute("bench", "--orders", "10");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(out.toString());
    assertThat(report.path("orders").asInt()).isEqualTo(10);
    assertThat(report.path("filled").asInt()).isEqualTo(10);
    JsonNode accepted = report.path("decision_to_order_accepted_ms");
    assertThat(accepted.path("samples").asInt()).isEqualTo(9); // the first tenth is warm-up
    assertThat(accepted.path("p50").asDouble())
        .isPositive()
        .isLessThanOrEqualTo(accepted.path("p99").asDouble());
    assertThat(report.path("decision_to_filled_and_protected_ms").path("p50").asDouble())
        .isGreaterThanOrEqualTo(accepted.path("p50").asDouble());
    assertThat(report.path("guardrails_us").path("p50").asDouble()).isPositive();
  }

  @Test
  void givenNonsense_whenBenchmarked_thenExitCode2WithWhatIsWrong() {
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new Tai2Cli())
            .setErr(new PrintWriter(err))
            .execute("bench", "--symbols", "0");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--symbols");
    assertThat(
            new CommandLine(new Tai2Cli())
                .setErr(new PrintWriter(err))
                .execute("bench", "--orders", "-1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--orders");
  }
}
