package io.tai2.history;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Master ⇄ sub-account transfers on the real PostgreSQL, in a fresh database dropped afterwards. */
class PostgresSubAccountTransferStoreTest extends SubAccountTransferStoreContract {

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
}
