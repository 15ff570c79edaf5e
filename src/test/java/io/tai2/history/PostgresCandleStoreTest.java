package io.tai2.history;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The candle store and its migration on the real PostgreSQL, in a fresh database dropped afterwards. */
class PostgresCandleStoreTest extends CandleStoreContract {

  static MigratedPostgres db;

  @BeforeAll
  static void database() {
    db = MigratedPostgres.open();
  }

  @AfterAll
  static void drop() {
    MigratedPostgres.close(db);
  }

  @Override
  DataSource dataSource() {
    return db.dataSource();
  }

  @Test
  void
      givenNoTimescaleDb_whenMigrated_thenTheCandleStoreIsAPlainTableWithTimestamptzAndNumericColumns() {
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM pg_extension WHERE extname = 'timescaledb'")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql("SELECT relkind FROM pg_class WHERE relname = 'candles_1m'")
                .query(String.class)
                .single())
        .isEqualTo("r");
    assertThat(
            jdbc.sql(
                    "SELECT column_name || ':' || data_type FROM information_schema.columns WHERE table_name = 'candles_1m' ORDER BY ordinal_position")
                .query(String.class)
                .list())
        .containsExactly(
            "inst_id:text",
            "ts:timestamp with time zone",
            "open:numeric",
            "high:numeric",
            "low:numeric",
            "close:numeric",
            "volume:numeric");
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version IN ('6', '7')")
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void givenTheHypertableGuard_whenTheExtensionIsAbsent_thenItTakesThePlainTableBranch() {
    String guard =
        jdbc.sql("SELECT script FROM flyway_schema_history WHERE version = '7'")
            .query(String.class)
            .single();
    assertThat(guard).isEqualTo("V7__candle_hypertable.sql");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM pg_available_extensions WHERE name = 'timescaledb'")
                .query(Long.class)
                .single())
        .as("this machine has no TimescaleDB, so the fallback branch is what ran")
        .isZero();
  }
}
