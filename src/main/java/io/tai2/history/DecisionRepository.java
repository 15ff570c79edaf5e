package io.tai2.history;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The decision log: every prompt run, accepted or not. Each insert and update is announced as a {@link DecisionLogChanged};
 * an insert also as a {@link DecisionRecorded} with its outcome.
 */
@Repository
public class DecisionRepository {

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  /** Without anyone listening (tools and tests that build the repository themselves). */
  public DecisionRepository(JdbcClient jdbc) {
    this(jdbc, event -> {});
  }

  @Autowired
  public DecisionRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  public void insert(DecisionRecord d) {
    jdbc.sql(
            """
            INSERT INTO decisions (id, created_at, symbol, timeframe, model_id, prompt_version_id, prompt_hash, prompt,
                                   raw_reply, decision, outcome, rejection_reason, guardrail_verdict, latency_ms,
                                   prompt_tokens, completion_tokens, cost_usd, snapshot_at, snapshot_price,
                                   version_choice, execution_status, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            d.id(),
            Rows.time(d.createdAt()),
            d.symbol(),
            d.timeframe().orElse(null),
            d.modelId().orElse(null),
            d.promptVersionId().orElse(null),
            d.promptHash().orElse(null),
            d.prompt().orElse(null),
            d.rawReply().orElse(null),
            d.decisionJson().orElse(null),
            d.outcome(),
            d.rejectionReason().orElse(null),
            d.guardrailVerdictJson().orElse(null),
            d.latencyMs().orElse(null),
            d.promptTokens().orElse(null),
            d.completionTokens().orElse(null),
            d.costUsd().orElse(null),
            d.snapshotAt().map(Rows::time).orElse(null),
            d.snapshotPrice().orElse(null),
            d.versionChoice().orElse(null),
            d.executionStatus().orElse(null),
            d.source())
        .update();
    events.publishEvent(new DecisionLogChanged(d.id()));
    events.publishEvent(
        new DecisionRecorded(
            d.id(),
            d.createdAt(),
            d.symbol(),
            d.modelId(),
            d.outcome(),
            d.rejectionReason(),
            d.source()));
  }

  /** Records the guardrails' verdict (JSON, every check with its before/after values) on a decision. */
  public void setGuardrailVerdict(UUID id, String verdictJson) {
    jdbc.sql("UPDATE decisions SET guardrail_verdict = ? WHERE id = ?")
        .params(verdictJson, id)
        .update();
    events.publishEvent(new DecisionLogChanged(id));
  }

  /** Records what execution did with a decision. */
  public void setExecutionStatus(UUID id, String status) {
    jdbc.sql("UPDATE decisions SET execution_status = ? WHERE id = ?").params(status, id).update();
    events.publishEvent(new DecisionLogChanged(id));
  }

  /** Adds {@code more} to what execution did with a decision (a later outcome, e.g. settled by reconciliation). */
  public void appendExecutionStatus(UUID id, String more) {
    jdbc.sql(
            "UPDATE decisions SET execution_status = COALESCE(execution_status, '') || ? WHERE id = ?")
        .params(more, id)
        .update();
    events.publishEvent(new DecisionLogChanged(id));
  }

  /** Deletes decisions made before {@code cutoff} (the retention setting); returns how many. */
  public int deleteOlderThan(Instant cutoff) {
    return jdbc.sql("DELETE FROM decisions WHERE created_at < ?").param(Rows.time(cutoff)).update();
  }

  /** What the LLM cost for the decisions made since {@code since}, in USD (replies without a cost count as 0). */
  public BigDecimal costSince(Instant since) {
    return jdbc.sql("SELECT COALESCE(SUM(cost_usd), 0) FROM decisions WHERE created_at >= ?")
        .param(Rows.time(since))
        .query(BigDecimal.class)
        .single();
  }

  /** The newest {@code limit} decisions, newest first. */
  public List<DecisionRecord> recent(int limit) {
    return jdbc.sql("SELECT * FROM decisions ORDER BY created_at DESC, id LIMIT ?")
        .param(limit)
        .query(DecisionRepository::map)
        .list();
  }

  /** The newest {@code limit} decisions matching every filter given (symbol, model, prompt version, outcome), newest first. */
  public List<DecisionRecord> search(
      Optional<String> symbol,
      Optional<String> model,
      Optional<UUID> version,
      Optional<String> outcome,
      int limit) {
    Where where =
        new Where()
            .and("symbol = ?", symbol)
            .and("model_id = ?", model)
            .and("prompt_version_id = ?", version)
            .and("outcome = ?", outcome);
    return jdbc.sql(
            "SELECT * FROM decisions" + where.sql() + " ORDER BY created_at DESC, id LIMIT ?")
        .params(where.params(limit))
        .query(DecisionRepository::map)
        .list();
  }

  /**
   * The decisions made in [{@code from}, {@code to}) with one of {@code outcomes} and a recorded prompt, on one symbol when
   * given, oldest first (what a replay asks again).
   */
  public List<DecisionRecord> between(
      Instant from, Instant to, Optional<String> symbol, List<String> outcomes) {
    Where where =
        new Where()
            .and("created_at >= ?", Optional.of(Rows.time(from)))
            .and("created_at < ?", Optional.of(Rows.time(to)))
            .and("symbol = ?", symbol);
    String in = String.join(", ", Collections.nCopies(outcomes.size(), "?"));
    List<Object> params = where.params(outcomes.toArray());
    return jdbc.sql(
            "SELECT * FROM decisions"
                + where.sql()
                + " AND prompt IS NOT NULL AND outcome IN ("
                + in
                + ") ORDER BY created_at, id")
        .params(params)
        .query(DecisionRepository::map)
        .list();
  }

  public Optional<DecisionRecord> find(UUID id) {
    return jdbc.sql("SELECT * FROM decisions WHERE id = ?")
        .param(id)
        .query(DecisionRepository::map)
        .optional();
  }

  static DecisionRecord map(ResultSet rs, int row) throws SQLException {
    return new DecisionRecord(
        Rows.uuid(rs, "id"),
        Rows.instant(rs, "created_at"),
        rs.getString("symbol"),
        Rows.text(rs, "timeframe"),
        Rows.text(rs, "model_id"),
        Rows.optionalUuid(rs, "prompt_version_id"),
        Rows.text(rs, "prompt_hash"),
        Rows.text(rs, "prompt"),
        Rows.text(rs, "raw_reply"),
        Rows.text(rs, "decision"),
        rs.getString("outcome"),
        Rows.text(rs, "rejection_reason"),
        Rows.text(rs, "guardrail_verdict"),
        Rows.optionalLong(rs, "latency_ms"),
        Rows.optionalInt(rs, "prompt_tokens"),
        Rows.optionalInt(rs, "completion_tokens"),
        Rows.decimal(rs, "cost_usd"),
        Rows.optionalInstant(rs, "snapshot_at"),
        Rows.decimal(rs, "snapshot_price"),
        Rows.text(rs, "version_choice"),
        Rows.text(rs, "execution_status"),
        rs.getString("source"));
  }
}
