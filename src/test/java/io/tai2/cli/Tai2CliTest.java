package io.tai2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class Tai2CliTest {

  @Test
  void givenHelpFlag_whenRun_thenSubcommandsAreListedAndNothingStarts() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Tai2Cli()).setOut(new PrintWriter(out));

    int exit = cli.execute("--help");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("Usage: tai2", "Commands:", "serve", "sim", "demo trading by default");
  }

  @Test
  void givenServeHelp_whenRun_thenItDescribesServing() {
    StringWriter out = new StringWriter();
    int exit =
        new CommandLine(new Tai2Cli()).setOut(new PrintWriter(out)).execute("serve", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("Run the tai2 service (the default command)");
  }

  @Test
  void givenSimHelp_whenRun_thenItsFlagsAreDocumented() {
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new Tai2Cli()).setOut(new PrintWriter(out)).execute("sim", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains(
            "--port",
            "--api-key",
            "--secret",
            "--passphrase",
            "--balance",
            "OKX_BASE_URL",
            "--llm-key",
            "OPENROUTER_BASE_URL");
  }
}
