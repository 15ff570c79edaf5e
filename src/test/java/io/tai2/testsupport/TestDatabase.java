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
    String url = "jdbc:h2:mem:test-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    DriverManagerDataSource ds = new DriverManagerDataSource(url, "sa", "");
    SchemaDialect dialect = SchemaDialect.of(url);
    Flyway.configure()
        .dataSource(ds)
        .locations(dialect.flywayLocations().toArray(String[]::new))
        .placeholders(dialect.flywayPlaceholders())
        .load()
        .migrate();
    return new TestDatabase(ds, JdbcClient.create(ds), new TransactionTemplate(new DataSourceTransactionManager(ds)));
  }
}
