package io.tai2.history;

import io.tai2.testsupport.RealServices;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Decision attribution on the real PostgreSQL, in a fresh database dropped afterwards. */
class PostgresDecisionAttributionTest extends DecisionAttributionContract {

  static RealServices.FreshDatabase database;
  static DriverManagerDataSource ds;

  @BeforeAll
  static void database() {
    database = RealServices.freshPostgresDatabase();
    ds = new DriverManagerDataSource(database.jdbcUrl() + "?stringtype=unspecified", "postgres", ""); // as DatabaseTarget does
    HistoryRepositoriesContract.migrate(ds, SchemaDialect.POSTGRESQL);
  }

  @AfterAll
  static void drop() {
    if (database != null) {
      database.close();
    }
  }

  @Override
  DataSource dataSource() {
    return ds;
  }
}
