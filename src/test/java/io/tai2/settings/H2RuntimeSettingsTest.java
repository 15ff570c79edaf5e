package io.tai2.settings;

import io.tai2.testsupport.TestDatabase;

/** The whole-settings service on the embedded database. */
class H2RuntimeSettingsTest extends RuntimeSettingsContract {

  private static final TestDatabase DB = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return DB;
  }
}
