package io.tai2.execution;

import io.tai2.history.ExecutionFeedback;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.okx.OkxApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Execution feedback: what the next prompt, the LIVE alerts and the operator see about an execution, with one log line
 * per entry. Writing feedback never aborts the action that raised it: a failed insert is logged and the action goes on.
 */
final class ExecutionAlerts {

  private static final Logger log = LoggerFactory.getLogger(ExecutionAlerts.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** How serious an entry is; the prompt treats warnings and errors as blockers until they expire. */
  enum Level {
    INFO("info"),
    WARNING("warning"),
    ERROR("error");

    final String kind;

    Level(String kind) {
      this.kind = kind;
    }
  }

  private final ExecutionFeedbackRepository feedback;
  private final Clock clock;
  private final Duration ttl;

  ExecutionAlerts(ExecutionFeedbackRepository feedback, Clock clock, Duration ttl) {
    this.feedback = feedback;
    this.clock = clock;
    this.ttl = ttl;
  }

  void info(String symbol, String message) {
    record(symbol, Level.INFO, message, Optional.empty());
  }

  void warning(String symbol, String message) {
    record(symbol, Level.WARNING, message, Optional.empty());
  }

  void error(String symbol, String message) {
    record(symbol, Level.ERROR, message, Optional.empty());
  }

  void record(
      String symbol, Level level, String message, Optional<Map<String, String>> recommendation) {
    switch (level) {
      case INFO ->
          log.info("event=execution_feedback level=info symbol={} message=\"{}\"", symbol, message);
      case WARNING ->
          log.warn(
              "event=execution_feedback level=warning symbol={} message=\"{}\"", symbol, message);
      case ERROR ->
          log.error(
              "event=execution_feedback level=error symbol={} message=\"{}\"", symbol, message);
    }
    try {
      feedback.insert(
          new ExecutionFeedback(
              UUID.randomUUID(),
              clock.instant(),
              symbol,
              level.kind,
              message,
              recommendation.map(JSON::writeValueAsString),
              Optional.of(clock.instant().plus(ttl))));
    } catch (RuntimeException e) {
      log.error("event=execution_feedback_not_stored symbol={} error=\"{}\"", symbol, e.toString());
    }
  }

  /**
   * Records OKX's refusal of a plan as error feedback and returns the operator's message. 51008 (insufficient margin)
   * carries a recommendation that depends on the margin mode and on whether auto-seeding moved funds (docs/spec/tai2-upstream.md §6.8).
   */
  String rejected(OrderPlan plan, OkxApiException e) {
    String code = e.effectiveCode();
    String reason = e.sMsg().filter(s -> !s.isBlank()).orElse(e.getMessage());
    String what = OrderWords.plan(plan);
    if (code.equals("51008")) {
      String message =
          "insufficient margin for "
              + plan.symbol()
              + " ("
              + what
              + " at "
              + OrderWords.num(plan.leverage())
              + "x): reduce size or add margin. OKX: "
              + reason;
      Map<String, String> rec = new LinkedHashMap<>();
      rec.put("code", code);
      rec.put("message", marginAdvice(plan));
      plan.seedUsdt().ifPresent(seed -> rec.put("auto_seeded_usdt", OrderWords.num(seed)));
      rec.put("requested_contracts", OrderWords.num(plan.contracts()));
      rec.put("leverage", OrderWords.num(plan.leverage()));
      rec.put("trade_mode", plan.tradeMode());
      record(plan.symbol(), Level.ERROR, message, Optional.of(rec));
      return message;
    }
    String message =
        code.equals("50011")
            ? "OKX rate-limited "
                + what
                + " (50011): it was not placed and is not retried; a later decision may try again"
            : "OKX rejected " + what + ": " + code + " " + reason;
    record(plan.symbol(), Level.ERROR, message, Optional.of(Map.of("code", code)));
    return message;
  }

  private static String marginAdvice(OrderPlan plan) {
    String what = OrderWords.plan(plan);
    if (plan.seedUsdt().isPresent()) {
      return "OKX still reported insufficient margin for "
          + what
          + " after "
          + OrderWords.num(plan.seedUsdt().get())
          + " USDT moved from the funding account: reduce equity_pct or leverage, or add USDT to the trading account.";
    }
    if (plan.tradeMode().equals("isolated")) {
      return "OKX reported insufficient margin for "
          + what
          + ": reduce size, add USDT to the trading account, or set an isolated auto-seed"
          + " limit (execution settings isolated_seed) for "
          + plan.symbol()
          + " so the gap can move from the funding account.";
    }
    return "Reduce size or add margin: OKX reported insufficient margin for "
        + what
        + "; transfer more USDT into the trading account.";
  }

  /** Records what protection work found, at the level it deserves; nothing when all was in order. */
  void protection(String symbol, ProtectionStatus status, String prefix) {
    switch (status) {
      case ProtectionStatus.Rearmed r -> warning(symbol, prefix + r.message());
      case ProtectionStatus.StopOnly s -> warning(symbol, prefix + s.message());
      case ProtectionStatus.Flattened f -> error(symbol, prefix + f.message());
      case ProtectionStatus.Unprotected u -> error(symbol, prefix + u.message());
      case ProtectionStatus.Confirmed c -> {}
      case ProtectionStatus.Released r -> {}
      case ProtectionStatus.NoPosition n -> {}
    }
  }
}
