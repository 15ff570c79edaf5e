package io.tai2.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runtime settings as named JSON documents, with an audit trail. A save writes every document and its audit entry
 * in one transaction: nothing is ever half-saved. Callers must strip secrets before saving.
 */
@Repository
public class SettingsRepository {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  public SettingsRepository(JdbcClient jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /** The stored JSON document for a setting name, if any. */
  public Optional<String> find(String name) {
    return jdbc.sql("SELECT document FROM settings WHERE name = ?")
        .param(name)
        .query(String.class)
        .optional();
  }

  /** All stored documents by name. */
  public Map<String, String> findAll() {
    return jdbc.sql("SELECT name, document FROM settings")
        .query(
            rs -> {
              Map<String, String> all = new TreeMap<>();
              while (rs.next()) {
                all.put(rs.getString("name"), rs.getString("document"));
              }
              return all;
            });
  }

  /** Upserts the documents and appends one audit entry, atomically. */
  public void saveWithAudit(
      Map<String, String> documents,
      String actor,
      Optional<String> beforeJson,
      String afterJson,
      Instant now) {
    tx.executeWithoutResult(
        status -> {
          documents.forEach(
              (name, document) -> {
                int updated =
                    jdbc.sql("UPDATE settings SET document = ?, updated_at = ? WHERE name = ?")
                        .params(document, Rows.time(now), name)
                        .update();
                if (updated == 0) {
                  jdbc.sql("INSERT INTO settings (name, document, updated_at) VALUES (?, ?, ?)")
                      .params(name, document, Rows.time(now))
                      .update();
                }
              });
          jdbc.sql(
                  "INSERT INTO settings_audit (changed_at, actor, before_doc, after_doc) VALUES (?, ?, ?, ?)")
              .params(Rows.time(now), actor, beforeJson.orElse(null), afterJson)
              .update();
        });
  }

  /** One audit entry. */
  public record AuditEntry(
      Instant changedAt, String actor, Optional<String> before, String after) {}

  /** The newest {@code limit} audit entries, newest first. */
  public List<AuditEntry> audit(int limit) {
    return jdbc.sql("SELECT * FROM settings_audit ORDER BY changed_at DESC, id DESC LIMIT ?")
        .param(limit)
        .query(
            (rs, row) ->
                new AuditEntry(
                    Rows.instant(rs, "changed_at"),
                    rs.getString("actor"),
                    Rows.text(rs, "before_doc"),
                    rs.getString("after_doc")))
        .list();
  }
}
