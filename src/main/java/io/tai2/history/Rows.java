package io.tai2.history;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** JDBC conversions shared by the repositories, identical on PostgreSQL and H2. */
final class Rows {
  private Rows() {}

  static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static OffsetDateTime time(Optional<Instant> instant) {
    return instant.map(Rows::time).orElse(null);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(instant(rs, column));
  }

  /**
   * A NUMERIC column in canonical form (no trailing zeros, never an exponent), so a value reads back equal to the one
   * written whichever database stored it (H2 drops trailing zeros, PostgreSQL keeps them).
   */
  static BigDecimal number(ResultSet rs, String column) throws SQLException {
    BigDecimal value = rs.getBigDecimal(column);
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  static Optional<BigDecimal> decimal(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(number(rs, column));
  }

  static Optional<String> text(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  static Optional<UUID> optionalUuid(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(uuid(rs, column));
  }

  static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(value);
  }

  static Optional<Integer> optionalInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(value);
  }
}
