package io.tai2.config;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns "cannot connect to the database at start-up" into a short explanation and what to do, not a stack trace. */
class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
    // SQLSTATE class 08 = connection exception (refused, unknown host, database does not exist is
    // 3D000).
    String state = cause.getSQLState() == null ? "" : cause.getSQLState();
    if (!state.startsWith("08")
        && !state.equals("3D000")
        && !state.equals("28000")
        && !state.equals("28P01")) {
      return null;
    }
    return new FailureAnalysis(
        "tai2 cannot reach its history database: " + cause.getMessage(),
        "Check DATABASE_URL (postgresql://user[:password]@host:port/db) and that PostgreSQL is running and accepts"
            + " this user; or unset DATABASE_URL to use the embedded H2 database in ./data/.",
        cause);
  }
}
