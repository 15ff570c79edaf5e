package io.tai2.cli;

import io.tai2.Tai2Application;
import io.tai2.config.EnvFilePostProcessor;
import io.tai2.config.EnvSettingsParser;
import io.tai2.config.InvalidSettingsException;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;

/** Runs the web service, market feeds and scheduler until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the tai2 service (the default command).",
      "Settings come from the environment and an optional .env file; see README.md."
    })
final class ServeCommand implements Runnable {

  @Override
  public void run() {
    // Validate before Spring starts so a bad variable is one clear line, not a stack trace.
    Map<String, String> envFile =
        EnvFilePostProcessor.readEnvFile(System.getenv().getOrDefault("TAI2_ENV_FILE", ".env"));
    try {
      EnvSettingsParser.parse(name -> System.getenv().getOrDefault(name, envFile.get(name)));
    } catch (InvalidSettingsException e) {
      e.problems().forEach(p -> System.err.println("tai2: cannot start: " + p));
      System.exit(2);
    }
    SpringApplication app = new SpringApplication(Tai2Application.class);
    app.setMainApplicationClass(Tai2Application.class);
    try {
      app.run();
    } catch (RuntimeException e) {
      // Settings found unusable once Spring knows them (e.g. the effective bind address): the same
      // clear lines, exit 2.
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof InvalidSettingsException invalid) {
          invalid.problems().forEach(p -> System.err.println("tai2: cannot start: " + p));
          System.exit(2);
        }
      }
      // Spring Boot has already reported why (a failure analysis or the logged exception); don't
      // print it twice.
      System.exit(1);
    }
  }
}
