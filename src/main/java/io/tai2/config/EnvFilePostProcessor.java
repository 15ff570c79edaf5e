package io.tai2.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.tai2.history.SchemaDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;

/**
 * Adds the optional {@code .env} file below the real environment, validates the tai2 variables (start-up stops on
 * the first invalid one, naming it) and derives the Spring properties they imply (the datasource).
 */
public class EnvFilePostProcessor implements EnvironmentPostProcessor {

  /** Path of the optional env file; {@code TAI2_ENV_FILE} overrides it ("none" disables it). */
  static final String ENV_FILE_VARIABLE = "TAI2_ENV_FILE";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> fromFile =
        new HashMap<>(readEnvFile(environment.getProperty(ENV_FILE_VARIABLE, ".env")));
    if (!fromFile.isEmpty()) {
      environment.getPropertySources().addLast(new MapPropertySource("tai2-dotenv", fromFile));
    }
    EnvSettingsParser.parse(environment::getProperty); // fail fast, naming the variable
    environment.getPropertySources().addLast(new DatasourcePropertySource(environment));
  }

  /**
   * Derives the datasource and Flyway settings from {@code DATABASE_URL} at lookup time, not at start-up, so that
   * values added to the environment later (test property sources) are honoured too.
   */
  static final class DatasourcePropertySource
      extends EnumerablePropertySource<Function<String, String>> {
    private static final String[] NAMES = {
      "spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
      "spring.flyway.locations", "spring.flyway.placeholders.text",
          "spring.flyway.placeholders.json"
    };

    // The source is a lookup function, not the environment itself: Boot descends into sources that
    // are environments.
    DatasourcePropertySource(ConfigurableEnvironment environment) {
      super("tai2-datasource", environment::getProperty);
    }

    @Override
    public String[] getPropertyNames() {
      return NAMES.clone();
    }

    @Override
    public Object getProperty(String name) {
      if (!name.startsWith("spring.datasource.") && !name.startsWith("spring.flyway.")) {
        return null;
      }
      DatabaseTarget target = target();
      SchemaDialect dialect = SchemaDialect.of(target.jdbcUrl());
      return switch (name) {
        case "spring.datasource.url" -> target.jdbcUrl();
        case "spring.datasource.username" -> target.username().orElse(null);
        case "spring.datasource.password" -> target.password().map(Secret::reveal).orElse(null);
        case "spring.flyway.locations" -> String.join(",", dialect.flywayLocations());
        case "spring.flyway.placeholders.text" -> dialect.flywayPlaceholders().get("text");
        case "spring.flyway.placeholders.json" -> dialect.flywayPlaceholders().get("json");
        default -> null;
      };
    }

    private DatabaseTarget target() {
      String url = getSource().apply("DATABASE_URL");
      if (url == null || url.isBlank()) {
        return DatabaseTarget.embedded();
      }
      try {
        return DatabaseTarget.parse(url);
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingsException(List.of("DATABASE_URL: " + e.getMessage()));
      }
    }
  }

  /** The variables declared in the env file, or none when it does not exist. */
  public static Map<String, String> readEnvFile(String location) {
    if (location == null
        || location.isBlank()
        || location.equals("none")
        || !Files.isRegularFile(Path.of(location))) {
      return Map.of();
    }
    Path file = Path.of(location).toAbsolutePath();
    Dotenv dotenv =
        Dotenv.configure()
            .directory(file.getParent().toString())
            .filename(file.getFileName().toString())
            .load();
    Map<String, String> values = new HashMap<>();
    for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
      values.put(entry.getKey(), entry.getValue());
    }
    return values;
  }
}
