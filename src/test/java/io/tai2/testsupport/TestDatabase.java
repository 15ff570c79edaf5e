package io.tai2.testsupport;

import io.tai2.history.SchemaDialect;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh embedded H2 database with the real migrations, for tests of code that uses the repositories. */
public record TestDatabase(DataSource dataSource, JdbcClient jdbc, TransactionTemplate tx) {

  public static TestDatabase h2() {
    return migrated(
        "jdbc:h2:mem:test-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "sa");
  }

  /** A fresh PostgreSQL database (see {@link RealServices#freshPostgresDatabase()}), migrated. */
  public static TestDatabase postgres(RealServices.FreshDatabase database) {
    return migrated(
        database.jdbcUrl() + "?stringtype=unspecified", "postgres"); // as DatabaseTarget does
  }

  private static TestDatabase migrated(String url, String user) {
    DriverManagerDataSource ds = new DriverManagerDataSource(url, user, "");
    SchemaDialect dialect = SchemaDialect.of(url);
    Flyway.configure()
        .dataSource(ds)
        .locations(dialect.flywayLocations().toArray(String[]::new))
        .placeholders(dialect.flywayPlaceholders())
        .load()
        .migrate();
    return new TestDatabase(
        ds, JdbcClient.create(ds), new TransactionTemplate(new DataSourceTransactionManager(ds)));
  }
}
