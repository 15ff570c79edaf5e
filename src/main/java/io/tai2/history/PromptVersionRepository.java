package io.tai2.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Prompt versions; insert-only, so a decision always points at the exact text it was made with. */
@Repository
public class PromptVersionRepository {

  private final JdbcClient jdbc;

  public PromptVersionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(PromptVersion v) {
    jdbc.sql(
            """
            INSERT INTO prompt_versions (id, name, system_prompt, decision_prompt, response_schema, notes, parent_id,
                                         created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            v.id(),
            v.name(),
            v.systemPrompt(),
            v.decisionPrompt(),
            v.responseSchema().orElse(null),
            v.notes().orElse(null),
            v.parentId().orElse(null),
            Rows.time(v.createdAt()))
        .update();
  }

  /** The newest {@code limit} versions, newest first. */
  public List<PromptVersion> list(int limit) {
    return jdbc.sql("SELECT * FROM prompt_versions ORDER BY created_at DESC, id LIMIT ?")
        .param(limit)
        .query(PromptVersionRepository::map)
        .list();
  }

  public Optional<PromptVersion> find(UUID id) {
    return jdbc.sql("SELECT * FROM prompt_versions WHERE id = ?")
        .param(id)
        .query(PromptVersionRepository::map)
        .optional();
  }

  private static PromptVersion map(ResultSet rs, int row) throws SQLException {
    return new PromptVersion(
        Rows.uuid(rs, "id"),
        rs.getString("name"),
        rs.getString("system_prompt"),
        rs.getString("decision_prompt"),
        Rows.text(rs, "response_schema"),
        Rows.text(rs, "notes"),
        Rows.optionalUuid(rs, "parent_id"),
        Rows.instant(rs, "created_at"));
  }
}
