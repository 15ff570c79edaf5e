package io.tai2.history;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.AbstractDriverBasedDataSource;
import org.springframework.stereotype.Component;

/**
 * Makes every H2 commit reach the database file before the commit returns, before anything (Flyway, the repositories)
 * uses the datasource. H2 otherwise writes committed changes in the background every {@code WRITE_DELAY} ms (500 by
 * default), so a {@code kill -9} right after an answered write loses it — and the same file holds order intents that
 * must be stored before the order is sent. With {@code WRITE_DELAY} 0, H2's MVStore commits the store at the end of
 * every transaction that changed something (the OS page cache then holds it, which survives the process dying).
 * PostgreSQL is durable by itself and is left alone.
 */
@Component
public class DatabaseDurability implements BeanPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(DatabaseDurability.class);
  private static final Pattern URL_DELAY = Pattern.compile("(?i);\\s*WRITE_DELAY\\s*=([^;]*)");

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    String url =
        switch (bean) {
          case HikariDataSource h -> h.getJdbcUrl();
          case AbstractDriverBasedDataSource d -> d.getUrl();
          default -> null;
        };
    // Only an H2 URL is opened here: a PostgreSQL that is down must fail where it always did, with
    // its own analysis.
    if (url != null && url.startsWith("jdbc:h2:")) {
      refuseDelayedUrl(url);
      ensureDurable((DataSource) bean);
    }
    return bean;
  }

  /** H2 applies a {@code WRITE_DELAY} given in the URL on every new connection, so it cannot be overridden once: refuse it. */
  static void refuseDelayedUrl(String url) {
    Matcher m = URL_DELAY.matcher(url);
    if (m.find() && !m.group(1).strip().equals("0")) {
      throw new IllegalStateException(
          "DATABASE_URL sets WRITE_DELAY="
              + m.group(1).strip()
              + ": an answered write could be lost on a crash;"
              + " tai2 needs WRITE_DELAY=0 (remove it from the URL)");
    }
  }

  /**
   * On an H2 database: sets {@code WRITE_DELAY} to 0 (a persistent database setting) and reads it back from the live
   * connection; a database that keeps another value stops the start-up with a clear reason.
   *
   * @throws IllegalStateException when the setting cannot be applied or does not hold
   */
  public static void ensureDurable(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      if (!c.getMetaData().getURL().startsWith("jdbc:h2:")) {
        return;
      }
      try (Statement s = c.createStatement()) {
        s.execute("SET WRITE_DELAY 0");
      }
      long delay = writeDelay(c);
      if (delay != 0) {
        throw new IllegalStateException(
            "the H2 database keeps WRITE_DELAY="
                + delay
                + " ms: an answered write could be lost on a crash;"
                + " tai2 needs WRITE_DELAY=0 (remove WRITE_DELAY from DATABASE_URL)");
      }
      log.info("event=database_durability write_delay_ms={}", delay);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot make the H2 database durable (SET WRITE_DELAY 0 failed: "
              + e.getMessage()
              + "); the database user must be an admin",
          e);
    }
  }

  /** The live {@code WRITE_DELAY} of an H2 connection, in ms. */
  static long writeDelay(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
      if (!rs.next()) {
        throw new SQLException("INFORMATION_SCHEMA.SETTINGS has no WRITE_DELAY");
      }
      return Long.parseLong(rs.getString(1).strip());
    }
  }
}
