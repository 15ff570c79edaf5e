package io.tai2.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL, Redis and Chromium that integration tests use. In strict mode ({@code -Dtai2.strict=true} or
 * {@code TAI2_STRICT=true}, set by {@code .ci/run}) a missing service fails the test; otherwise it is skipped with a
 * message saying what to start.
 */
public final class RealServices {

  public static final String POSTGRES_HOST = "127.0.0.1";
  public static final int POSTGRES_PORT = 5432;
  public static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  public static final String REDIS_URL = "redis://127.0.0.1:6379";
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private RealServices() {}

  public static boolean strict() {
    return Boolean.getBoolean("tai2.strict")
        || "true".equalsIgnoreCase(System.getenv("TAI2_STRICT"));
  }

  public static void requirePostgres() {
    require(
        listening(POSTGRES_HOST, POSTGRES_PORT),
        "PostgreSQL on 127.0.0.1:5432 (see .ci/run to start it)");
  }

  public static void requireRedis() {
    require(listening("127.0.0.1", 6379), "Redis on 127.0.0.1:6379 (see .ci/run to start it)");
  }

  public static void requireChromium() {
    require(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Debian chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
  }

  private static void require(boolean available, String what) {
    if (!available && strict()) {
      Assertions.fail("strict mode: this test needs " + what + ", which is not available");
    }
    Assumptions.assumeTrue(available, "skipped: needs " + what);
  }

  private static boolean listening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A new, empty PostgreSQL database for one test class; drop it with {@link FreshDatabase#close()}. */
  public static FreshDatabase freshPostgresDatabase() {
    return freshPostgresDatabase("tai2_test_");
  }

  /** As {@link #freshPostgresDatabase()}, named {@code <prefix><random>}. */
  public static FreshDatabase freshPostgresDatabase(String prefix) {
    requirePostgres();
    String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + name);
    return new FreshDatabase(
        name,
        "jdbc:postgresql://127.0.0.1:5432/" + name,
        "postgresql://postgres@127.0.0.1:5432/" + name);
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN_URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL admin statement failed: " + sql, e);
    }
  }

  /** A throw-away database: its JDBC URL (user postgres) and the same in libpq form for {@code DATABASE_URL}. */
  public record FreshDatabase(String name, String jdbcUrl, String libpqUrl)
      implements AutoCloseable {
    @Override
    public void close() {
      execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
