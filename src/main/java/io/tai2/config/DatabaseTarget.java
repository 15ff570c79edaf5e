package io.tai2.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where the history database lives, as JDBC parameters. {@code DATABASE_URL} accepts the libpq form
 * ({@code postgresql://user:pass@host:5432/db?sslmode=require}) or a JDBC URL; unset means the embedded H2 file database.
 */
public record DatabaseTarget(String jdbcUrl, Optional<String> username, Optional<Secret> password) {

  /**
   * The embedded default: an H2 file database under {@code ./data/}, in PostgreSQL mode; {@code WRITE_DELAY=0} writes
   * every commit to the file before it returns (history's {@code DatabaseDurability} checks it on the live connection).
   */
  public static final String EMBEDDED_JDBC_URL =
      "jdbc:h2:file:./data/tai2;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

  public static DatabaseTarget embedded() {
    return new DatabaseTarget(EMBEDDED_JDBC_URL, Optional.of("sa"), Optional.empty());
  }

  /** True for the embedded H2 database (file or memory). */
  public boolean isEmbedded() {
    return jdbcUrl.startsWith("jdbc:h2:");
  }

  /**
   * Parses {@code DATABASE_URL}.
   *
   * @throws IllegalArgumentException with an operator-readable reason when the URL cannot be used
   */
  public static DatabaseTarget parse(String url) {
    String trimmed = url.trim();
    if (trimmed.startsWith("jdbc:h2:")) {
      return new DatabaseTarget(trimmed, Optional.empty(), Optional.empty());
    }
    if (trimmed.startsWith("jdbc:postgresql:")) {
      return new DatabaseTarget(withUntypedStrings(trimmed), Optional.empty(), Optional.empty());
    }
    if (!trimmed.startsWith("postgresql://") && !trimmed.startsWith("postgres://")) {
      throw new IllegalArgumentException(
          "must be postgresql://user[:password]@host[:port]/database or a jdbc:postgresql: / jdbc:h2: URL");
    }
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not a valid URL (" + e.getMessage() + ")");
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(
          "has no host (expected postgresql://user@host:5432/database)");
    }
    String database = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
    if (database.isBlank()) {
      throw new IllegalArgumentException(
          "has no database name (expected postgresql://user@host:5432/database)");
    }
    int port = uri.getPort() == -1 ? 5432 : uri.getPort();
    String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    String jdbc = "jdbc:postgresql://" + hostPart + ":" + port + "/" + database;
    if (uri.getRawQuery() != null && !uri.getRawQuery().isBlank()) {
      jdbc += "?" + uri.getRawQuery();
    }
    jdbc = withUntypedStrings(jdbc);
    Optional<String> user = Optional.empty();
    Optional<Secret> password = Optional.empty();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
      if (!rawUser.isEmpty()) {
        user = Optional.of(decode(rawUser));
      }
      if (colon >= 0 && colon < userInfo.length() - 1) {
        password = Optional.of(Secret.of(decode(userInfo.substring(colon + 1))));
      }
    }
    return new DatabaseTarget(jdbc, user, password);
  }

  /** Masks a password given inside a JDBC URL, so the target can be logged. */
  @Override
  public String toString() {
    return "DatabaseTarget[jdbcUrl=%s, username=%s, password=%s]"
        .formatted(
            jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1****"),
            username.orElse("-"),
            password.isPresent() ? "****" : "-");
  }

  /**
   * Adds {@code stringtype=unspecified} so JSON text binds to {@code jsonb} columns without casts, keeping repository SQL
   * identical on PostgreSQL and H2.
   */
  private static String withUntypedStrings(String jdbcUrl) {
    if (jdbcUrl.contains("stringtype=")) {
      return jdbcUrl;
    }
    return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "stringtype=unspecified";
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
