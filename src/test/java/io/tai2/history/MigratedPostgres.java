package io.tai2.history;

import io.tai2.testsupport.RealServices;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh PostgreSQL database with tai2's schema, for the PostgreSQL half of the history contract tests; dropped on
 * close. The connection takes strings for typed columns ({@code stringtype=unspecified}), as {@code DatabaseTarget} does.
 */
final class MigratedPostgres implements AutoCloseable {

  private final RealServices.FreshDatabase database;
  private final DriverManagerDataSource dataSource;

  private MigratedPostgres(RealServices.FreshDatabase database) {
    this.database = database;
    this.dataSource =
        new DriverManagerDataSource(database.jdbcUrl() + "?stringtype=unspecified", "postgres", "");
    HistoryRepositoriesContract.migrate(dataSource, SchemaDialect.POSTGRESQL);
  }

  static MigratedPostgres open() {
    return new MigratedPostgres(RealServices.freshPostgresDatabase());
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** Drops the database; safe on a test class whose set-up never ran. */
  static void close(MigratedPostgres db) {
    if (db != null) {
      db.close();
    }
  }

  @Override
  public void close() {
    database.close();
  }
}
