package io.tai2.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Adds the optional {@code .env} file below the real environment, validates the tai2 variables (start-up stops on
 * the first invalid one, naming it) and derives the Spring properties they imply (the datasource).
 */
public class EnvFilePostProcessor implements EnvironmentPostProcessor {

  /** Path of the optional env file; {@code TAI2_ENV_FILE} overrides it ("none" disables it). */
  static final String ENV_FILE_VARIABLE = "TAI2_ENV_FILE";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> fromFile = new HashMap<>(readEnvFile(environment.getProperty(ENV_FILE_VARIABLE, ".env")));
    if (!fromFile.isEmpty()) {
      environment.getPropertySources().addLast(new MapPropertySource("tai2-dotenv", fromFile));
    }
    EnvSettings settings = EnvSettingsParser.parse(environment::getProperty);
    Map<String, Object> derived = new HashMap<>();
    DatabaseTarget db = settings.database();
    derived.put("spring.datasource.url", db.jdbcUrl());
    db.username().ifPresent(u -> derived.put("spring.datasource.username", u));
    db.password().ifPresent(p -> derived.put("spring.datasource.password", p.reveal()));
    environment.getPropertySources().addLast(new MapPropertySource("tai2-derived", derived));
  }

  /** The variables declared in the env file, or none when it does not exist. */
  public static Map<String, String> readEnvFile(String location) {
    if (location == null || location.isBlank() || location.equals("none") || !Files.isRegularFile(Path.of(location))) {
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
