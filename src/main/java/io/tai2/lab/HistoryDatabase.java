package io.tai2.lab;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tai2.config.DatabaseTarget;
import io.tai2.config.Secret;
import io.tai2.history.DatabaseDurability;
import io.tai2.history.SchemaDialect;
import org.flywaydb.core.Flyway;

/** The history database for a command-line tool: the same database and schema the service uses, migrated first. */
public final class HistoryDatabase {
  private HistoryDatabase() {}

  /** Opens (a small pool on) {@code target}, makes an H2 file durable as the service does, and migrates the schema. */
  public static HikariDataSource open(DatabaseTarget target) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(target.jdbcUrl());
    target.username().ifPresent(config::setUsername);
    target.password().map(Secret::reveal).ifPresent(config::setPassword);
    config.setMaximumPoolSize(2);
    config.setPoolName("tai2-history-tool");
    HikariDataSource ds = new HikariDataSource(config);
    try {
      if (target.isEmbedded()) {
        DatabaseDurability.ensureDurable(ds);
      }
      SchemaDialect dialect = SchemaDialect.of(target.jdbcUrl());
      Flyway.configure()
          .dataSource(ds)
          .locations(dialect.flywayLocations().toArray(String[]::new))
          .placeholders(dialect.flywayPlaceholders())
          .load()
          .migrate();
      return ds;
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
  }
}
