package io.tai2.settings;

import io.tai2.testsupport.RealServices;
import io.tai2.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The whole-settings service on the real PostgreSQL, in a fresh database dropped afterwards. */
class PostgresRuntimeSettingsTest extends RuntimeSettingsContract {

  static RealServices.FreshDatabase fresh;
  static TestDatabase db;

  @BeforeAll
  static void createDatabase() {
    fresh = RealServices.freshPostgresDatabase();
    db = TestDatabase.postgres(fresh);
  }

  @AfterAll
  static void drop() {
    if (fresh != null) {
      fresh.close();
    }
  }

  @Override
  TestDatabase database() {
    return db;
  }
}
