package io.tai2.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class DatabaseDurabilityTest {

  @TempDir Path dir;

  @Test
  void anH2FileDatabaseOnTheDefaultDelayIsSetToWriteEveryCommit() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL";
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      assertThat(DatabaseDurability.writeDelay(c)).as("H2's default").isEqualTo(500);
    }

    new DatabaseDurability()
        .postProcessAfterInitialization(new DriverManagerDataSource(url, "sa", ""), "dataSource");

    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      assertThat(DatabaseDurability.writeDelay(c)).as("persisted in the database").isZero();
    }
  }

  @Test
  void aUrlThatAsksForADelayedWriteRefusesToStart() {
    String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;WRITE_DELAY=500";

    assertThatThrownBy(
            () ->
                new DatabaseDurability()
                    .postProcessAfterInitialization(
                        new DriverManagerDataSource(url, "sa", ""), "dataSource"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "DATABASE_URL sets WRITE_DELAY=500: an answered write could be lost on a crash; tai2 needs WRITE_DELAY=0 (remove it from the URL)");
  }

  @Test
  void aNonH2DatabaseIsNotOpened() {
    // nothing listens there: opening it would fail
    DriverManagerDataSource postgres =
        new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none", "postgres", "");

    assertThat(new DatabaseDurability().postProcessAfterInitialization(postgres, "dataSource"))
        .isSameAs(postgres);
  }
}
