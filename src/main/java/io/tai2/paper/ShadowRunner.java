package io.tai2.paper;

import io.tai2.execution.DecisionExecution;
import io.tai2.reasoning.Prompt;
import io.tai2.reasoning.ReasoningEngine;
import io.tai2.reasoning.ReasoningException;
import io.tai2.reasoning.ReasoningSettings;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every shadow ({@code reasoning.shadows}) beside a live cycle: the shadow's model with its prompt version, on the
 * same live snapshot, showing it its own paper account. Its decision is recorded as {@code shadow}, judged by the same
 * guardrails against that account and filled there — it has no way to the exchange ({@link DecisionExecution#handleOn}
 * never calls the executor). Shadows run concurrently, each on its own virtual thread; one failing never stops another
 * or the live cycle.
 */
public final class ShadowRunner {

  private static final Logger log = LoggerFactory.getLogger(ShadowRunner.class);

  private final ReasoningEngine reasoning;
  private final DecisionExecution execution;
  private final PaperDesk desk;
  private final Supplier<List<ReasoningSettings.Shadow>> shadows;
  private final Clock clock;

  /** One virtual thread per shadow call; nothing to pool or close. */
  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

  public ShadowRunner(
      ReasoningEngine reasoning,
      DecisionExecution execution,
      PaperDesk desk,
      Supplier<List<ReasoningSettings.Shadow>> shadows,
      Clock clock) {
    this.reasoning = reasoning;
    this.execution = execution;
    this.desk = desk;
    this.shadows = shadows;
    this.clock = clock;
  }

  /** Starts every shadow's cycle for {@code symbol}; the future completes with one line per shadow, in settings order. */
  public CompletableFuture<List<String>> start(String symbol) {
    List<ReasoningSettings.Shadow> list = shadows.get();
    if (list.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<CompletableFuture<String>> each =
        list.stream().map(s -> CompletableFuture.supplyAsync(() -> ask(s, symbol), pool)).toList();
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
  }

  private String ask(ReasoningSettings.Shadow shadow, String symbol) {
    PaperBook book = desk.shadow(shadow);
    try {
      ReasoningEngine.PromptRequest request =
          new ReasoningEngine.PromptRequest(
              symbol,
              Optional.empty(),
              Optional.of(shadow.model()),
              Optional.of(shadow.promptVersionId()));
      ReasoningEngine.Cycle cycle =
          reasoning.runShadow(
              request, Optional.of(book.snapshot(clock.instant(), desk.tradeMode())));
      if (cycle.status().equals(ReasoningEngine.SKIPPED)) {
        return "shadow " + shadow.key() + ": skipped (" + cycle.error().orElse("") + ")";
      }
      Prompt p = cycle.prompt();
      DecisionExecution.Outcome outcome =
          execution.handleOn(
              book, cycle.decisionId(), p.symbol(), cycle.decision(), p.price(), p.snapshotAt());
      return "shadow "
          + shadow.key()
          + ": "
          + cycle.status()
          + " "
          + cycle.decision().action()
          + " → "
          + outcome.kind();
    } catch (ReasoningException e) {
      return "shadow " + shadow.key() + ": not asked (" + e.getMessage() + ")";
    } catch (RuntimeException e) {
      log.error(
          "event=shadow_failed shadow=\"{}\" symbol={} error={}",
          shadow.key(),
          symbol,
          e.toString(),
          e);
      return "shadow " + shadow.key() + ": error (" + e + ")";
    }
  }
}
