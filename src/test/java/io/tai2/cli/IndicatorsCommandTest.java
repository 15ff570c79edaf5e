package io.tai2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tai2 indicators}: the output format, and one-line errors with exit code 2 for bad files. */
class IndicatorsCommandTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static Path resource(String name) throws URISyntaxException {
    return Path.of(IndicatorsCommandTest.class.getResource(name).toURI());
  }

  @Test
  void
      givenTheXrpCandles_whenComputed_thenEveryNamedSeriesIsWrittenAlignedWithNullsBeforeItIsDefined(
          @TempDir Path dir) throws Exception {
    Path out = dir.resolve("xrp.json");

    int exit =
        new CommandLine(new Tai2Cli())
            .execute(
                "indicators",
                "--candles",
                resource("/data/xrp-usdt-swap-5m.json").toString(),
                "--out",
                out.toString());

    assertThat(exit).isZero();
    JsonNode written = JSON.readTree(Files.readString(out));
    JsonNode reference =
        JSON.readTree(Files.readString(resource("/data/xrp-usdt-swap-5m.indicators.json")));
    assertThat(written.propertyNames())
        .containsExactly(
            "ts",
            "rsi_14",
            "ema_50",
            "ema_200",
            "macd_line",
            "macd_signal",
            "macd_hist",
            "bb_upper",
            "bb_middle",
            "bb_lower",
            "atr_14",
            "adx_14",
            "di_plus_14",
            "di_minus_14",
            "obv",
            "volume_sma_20",
            "volume_rsi_14",
            "cmf_20",
            "stochrsi_k",
            "stochrsi_d",
            "vwap");
    assertThat(written.path("ts")).isEqualTo(reference.path("ts"));
    assertThat(written.path("rsi_14").get(13).isNull()).isTrue();
    assertThat(written.path("rsi_14").get(14).asDouble())
        .isCloseTo(reference.path("rsi_14").get(14).asDouble(), Percentage.withPercentage(1e-4));
    assertThat(written.path("ema_200").get(198).isNull()).isTrue();
    assertThat(written.path("macd_signal").get(1998).asDouble())
        .isCloseTo(
            reference.path("macd_signal").get(1998).asDouble(), Percentage.withPercentage(1e-4));
  }

  @Test
  void givenABadRow_whenComputed_thenOneLineNamesTheRowAndProblemAndTheExitCodeIs2(
      @TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(
        bad, "[[1636934400000,1.1,1.2,1.0,1.15,100],[1636934700000,1.1,\"x\",1.0,1.15,100]]");
    StringWriter err = new StringWriter();

    int exit =
        new CommandLine(new Tai2Cli())
            .setErr(new PrintWriter(err))
            .execute("indicators", "--candles", bad.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("tai2 indicators: ")
        .contains("bad.json row 1: high is not a number")
        .hasLineCount(1);
  }

  @Test
  void givenHighBelowLow_whenComputed_thenTheRowIsNamed(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("inverted.json");
    Files.writeString(bad, "[[1636934400000,1.1,1.0,1.2,1.15,100]]");
    StringWriter err = new StringWriter();

    int exit =
        new CommandLine(new Tai2Cli())
            .setErr(new PrintWriter(err))
            .execute("indicators", "--candles", bad.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("row 0: high 1.0 is below low 1.2");
  }
}
