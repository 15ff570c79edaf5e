package io.tai2.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The LLM reply cache of backtests and replays: one reply per (model, prompt hash, schema hash), first one kept. */
@Repository
public class LlmReplyCacheRepository {

  /** A cached reply with what it cost when it was first asked. */
  public record CachedReply(
      String reply,
      Optional<Integer> promptTokens,
      Optional<Integer> completionTokens,
      Optional<BigDecimal> costUsd) {}

  private final JdbcClient jdbc;

  public LlmReplyCacheRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<CachedReply> find(String model, String promptHash, String schemaHash) {
    return jdbc.sql(
            "SELECT reply, prompt_tokens, completion_tokens, cost_usd FROM llm_reply_cache WHERE model = ? AND prompt_hash = ? AND schema_hash = ?")
        .params(model, promptHash, schemaHash)
        .query(
            (rs, n) ->
                new CachedReply(
                    rs.getString(1),
                    Optional.ofNullable((Integer) rs.getObject(2, Integer.class)),
                    Optional.ofNullable((Integer) rs.getObject(3, Integer.class)),
                    Optional.ofNullable(rs.getBigDecimal(4))))
        .optional();
  }

  /** Keeps the first reply for a key: a second one for the same prompt (a concurrent run) is dropped. */
  public void put(
      String model, String promptHash, String schemaHash, CachedReply reply, Instant at) {
    if (find(model, promptHash, schemaHash).isPresent()) {
      return;
    }
    try {
      jdbc.sql(
              "INSERT INTO llm_reply_cache (model, prompt_hash, schema_hash, reply, prompt_tokens, completion_tokens, cost_usd, created_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              model,
              promptHash,
              schemaHash,
              reply.reply(),
              reply.promptTokens().orElse(null),
              reply.completionTokens().orElse(null),
              reply.costUsd().orElse(null),
              Rows.time(at))
          .update();
    } catch (DuplicateKeyException e) {
      // another run stored it between the look-up and the insert: the first reply stays
    }
  }

  /** How many replies are cached for a model (for the LAB page and tests). */
  public long count(String model) {
    return jdbc.sql("SELECT count(*) FROM llm_reply_cache WHERE model = ?")
        .param(model)
        .query(Long.class)
        .single();
  }
}
