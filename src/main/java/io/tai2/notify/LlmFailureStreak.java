package io.tai2.notify;

import io.tai2.history.DecisionRecord;
import io.tai2.history.DecisionRecorded;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Counts the live (and paper) prompt cycles whose LLM call failed, in a row across symbols; at
 * {@code llm_failures_in_a_row} it tells the operator, and again only after a call answered. A reply that failed
 * validation is an answer (the LLM works); shadow models and skipped cycles do not count.
 */
final class LlmFailureStreak {

  private final Supplier<NotifySettings> settings;
  private final Notifier notifier;
  private final TradingNotifications words;
  private int failures;

  LlmFailureStreak(
      Supplier<NotifySettings> settings, Notifier notifier, TradingNotifications words) {
    this.settings = settings;
    this.notifier = notifier;
    this.words = words;
  }

  synchronized void on(DecisionRecorded d) {
    if (d.source().equals(DecisionRecord.SHADOW) || d.outcome().equals("SKIPPED")) {
      return;
    }
    if (!d.outcome().equals("LLM_ERROR")) {
      failures = 0;
      return;
    }
    failures++;
    int limit = settings.get().llmFailuresInARow();
    if (failures == limit) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("failures", Integer.toString(failures));
      fields.put("model", d.model().orElse(""));
      fields.put("last_error", d.error().orElse(""));
      notifier.publish(
          words.note(
              NotificationKind.LLM_FAILING,
              "",
              "LLM failing: "
                  + failures
                  + " calls in a row failed (last: "
                  + d.model().orElse("?")
                  + " on "
                  + d.symbol()
                  + ": "
                  + d.error().orElse("no reply")
                  + "). Every failed cycle is a HOLD; check the key,"
                  + " the credits and the model in CFG.",
              fields,
              d.at()));
    }
  }
}
