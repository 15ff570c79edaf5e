package io.tai2.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tai2 replay}'s input: durations in the trader's words, and bad input as one line and exit 2 before any database. */
class ReplayCommandTest {

  record Result(int exit, String err) {}

  static Result run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Tai2Cli()).setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Result(exit, err.toString());
  }

  @Test
  void givenHorizons_whenParsed_thenTheyAreMinutesHoursDaysOrIso() {
    assertThat(ReplayCommand.duration("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(ReplayCommand.duration("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(ReplayCommand.duration("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(ReplayCommand.duration("PT90M")).isEqualTo(Duration.ofMinutes(90));
    assertThatThrownBy(() -> ReplayCommand.duration("1w")).hasMessageContaining("--horizon 1w");
  }

  @Test
  void givenBothVersionAndModel_whenRun_thenOneLineAndExit2() {
    Result r =
        run(
            "replay",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-02",
            "--version",
            UUID.randomUUID().toString(),
            "--model",
            "a/b",
            "--out",
            "never.json");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "tai2 replay: give either --version ID (another prompt version, same model) or --model M (another model, same prompt)"
                + System.lineSeparator());
  }

  @Test
  void givenAnUnparsableVersion_whenRun_thenItIsNamed() {
    Result r =
        run(
            "replay",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-02",
            "--version",
            "abc",
            "--out",
            "never.json");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("tai2 replay: --version abc is not a prompt version id");
  }
}
