package io.tai2.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockPropertySource;

class EnvFileTest {

  @TempDir Path dir;

  @Test
  void givenEnvFile_whenRead_thenDeclaredVariablesAreReturned() throws Exception {
    Path file = dir.resolve(".env");
    Files.writeString(
        file, "# comment\nWS_UPDATE_INTERVAL=42\nTRADING_PAIRS=\"ETH-USDT-SWAP,SOL-USDT-SWAP\"\n");

    assertThat(EnvFilePostProcessor.readEnvFile(file.toString()))
        .containsEntry("WS_UPDATE_INTERVAL", "42")
        .containsEntry("TRADING_PAIRS", "ETH-USDT-SWAP,SOL-USDT-SWAP")
        .hasSize(2);
  }

  @Test
  void givenMissingOrDisabledEnvFile_whenRead_thenNothing() {
    assertThat(EnvFilePostProcessor.readEnvFile(dir.resolve("absent.env").toString())).isEmpty();
    assertThat(EnvFilePostProcessor.readEnvFile("none")).isEmpty();
  }

  @Test
  void givenEnvFileAndEnvironment_whenPostProcessed_thenEnvironmentWinsAndDatasourceIsDerived()
      throws Exception {
    Path file = dir.resolve("tai2.env");
    Files.writeString(
        file,
        "WS_UPDATE_INTERVAL=42\nSNAPSHOT_MAX_AGE_SECONDS=120\nDATABASE_URL=postgresql://bob:pw@h:5432/db\n");
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new MockPropertySource()
                .withProperty("TAI2_ENV_FILE", file.toString())
                .withProperty("WS_UPDATE_INTERVAL", "7"));

    new EnvFilePostProcessor().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("WS_UPDATE_INTERVAL")).isEqualTo("7");
    assertThat(environment.getProperty("SNAPSHOT_MAX_AGE_SECONDS")).isEqualTo("120");
    assertThat(environment.getProperty("spring.datasource.url"))
        .isEqualTo("jdbc:postgresql://h:5432/db?stringtype=unspecified");
    assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("bob");
    assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("pw");
  }

  @Test
  void givenDatabaseUrlAddedAfterStartUp_whenTheDatasourceIsResolved_thenTheLateValueWins() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(new MockPropertySource("early").withProperty("TAI2_ENV_FILE", "none"));
    new EnvFilePostProcessor().postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("spring.datasource.url"))
        .isEqualTo(DatabaseTarget.EMBEDDED_JDBC_URL);

    // Test frameworks add property sources after environment post-processing (e.g.
    // @DynamicPropertySource).
    environment
        .getPropertySources()
        .addFirst(
            new MockPropertySource("late").withProperty("DATABASE_URL", "postgresql://late@h/db"));

    assertThat(environment.getProperty("spring.datasource.url"))
        .isEqualTo("jdbc:postgresql://h:5432/db?stringtype=unspecified");
    assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("late");
    assertThat(environment.getProperty("spring.datasource.password")).isNull();
  }
}
