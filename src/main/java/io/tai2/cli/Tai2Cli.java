package io.tai2.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tai2} command line; without a subcommand it serves (same as {@code tai2 serve}). */
@Command(
    name = "tai2",
    mixinStandardHelpOptions = true,
    versionProvider = Tai2Cli.Version.class,
    description = "Crypto trading assistant for OKX perpetual swaps (demo trading by default).",
    subcommands = {
      ServeCommand.class,
      SimCommand.class,
      IndicatorsCommand.class,
      BenchCommand.class,
      HistoryCommand.class,
      BacktestCommand.class,
      ReplayCommand.class
    })
public final class Tai2Cli implements Runnable {

  public static void main(String[] args) {
    int exit = new CommandLine(new Tai2Cli()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  @Override
  public void run() {
    new ServeCommand().run();
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Tai2Cli.class.getPackage().getImplementationVersion();
      return new String[] {"tai2 " + (version == null ? "development build" : version)};
    }
  }
}
