package io.tai2.history;

import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Decision attribution on the embedded H2 database in PostgreSQL mode, as the default set-up runs it. */
class H2DecisionAttributionTest extends DecisionAttributionContract {

  static DriverManagerDataSource ds;

  @BeforeAll
  static void database() {
    ds =
        new DriverManagerDataSource(
            "jdbc:h2:mem:attribution-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "");
    HistoryRepositoriesContract.migrate(ds, SchemaDialect.H2);
  }

  @Override
  DataSource dataSource() {
    return ds;
  }
}
