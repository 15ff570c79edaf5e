package io.tai2.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.testsupport.RealServices;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The repositories and migrations on the real PostgreSQL, in a fresh database dropped afterwards. */
class PostgresHistoryRepositoriesTest extends HistoryRepositoriesContract {

  static RealServices.FreshDatabase database;
  static DriverManagerDataSource ds;

  @BeforeAll
  static void database() {
    database = RealServices.freshPostgresDatabase();
    ds =
        new DriverManagerDataSource(
            database.jdbcUrl() + "?stringtype=unspecified",
            "postgres",
            ""); // as DatabaseTarget does
    migrate(ds, SchemaDialect.POSTGRESQL);
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

  @Test
  void givenNoTimescaleDb_whenMigrated_thenEquityHistoryIsAPlainTableAndNoExtensionWasCreated() {
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM pg_available_extensions WHERE name = 'timescaledb'")
                .query(Long.class)
                .single())
        .as("this machine has no TimescaleDB, so the fallback path is what runs")
        .isZero();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM pg_extension WHERE extname = 'timescaledb'")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql("SELECT relkind FROM pg_class WHERE relname = 'equity_history'")
                .query(String.class)
                .single())
        .isEqualTo("r");
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version IN ('1', '2')")
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void givenTheSchema_whenInspected_thenTimeColumnsAreIndexedAndJsonIsJsonb() {
    assertThat(
            jdbc.sql("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")
                .query(String.class)
                .list())
        .contains(
            "executed_trades_executed_at_idx",
            "orders_created_at_idx",
            "decisions_created_at_idx",
            "equity_history_observed_at_idx",
            "settings_audit_changed_at_idx",
            "execution_feedback_created_at_idx",
            "trade_activity_symbol_filled_at_idx",
            "prompt_versions_created_at_idx");
    assertThat(
            jdbc.sql(
                    "SELECT data_type FROM information_schema.columns WHERE table_name = 'decisions' AND column_name = 'decision'")
                .query(String.class)
                .single())
        .isEqualTo("jsonb");
  }
}
