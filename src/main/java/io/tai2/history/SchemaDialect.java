package io.tai2.history;

import java.util.List;
import java.util.Map;

/**
 * The two databases the history schema runs on, and what differs between them: column types (Flyway placeholders
 * in {@code db/migration/common}) and the vendor-only migrations in {@code db/migration/<vendor>}.
 */
public enum SchemaDialect {
  POSTGRESQL("postgresql", "text", "jsonb"),
  // H2 maps TEXT to a CLOB, which it can neither index nor compare in constraints.
  H2("h2", "varchar", "varchar");

  private final String vendor;
  private final String text;
  private final String json;

  SchemaDialect(String vendor, String text, String json) {
    this.vendor = vendor;
    this.text = text;
    this.json = json;
  }

  /** The dialect of a JDBC URL. */
  public static SchemaDialect of(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:h2:") ? H2 : POSTGRESQL;
  }

  /** Values for the {@code ${text}} and {@code ${json}} placeholders of the shared schema. */
  public Map<String, String> flywayPlaceholders() {
    return Map.of("text", text, "json", json);
  }

  /** Flyway locations: the shared schema, then this vendor's own migrations. */
  public List<String> flywayLocations() {
    return List.of("classpath:db/migration/common", "classpath:db/migration/" + vendor);
  }
}
