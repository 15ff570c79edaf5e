package io.tai2.web;

import io.tai2.reasoning.LlmAccess;
import io.tai2.reasoning.LlmException;
import io.tai2.reasoning.LlmModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The model list for CFG's model picker: the endpoint's models when they can be had within a few seconds, else none with
 * the reason. Always 200, so a down LLM endpoint costs the page its list (it falls back to a text box), never an error.
 * {@code GET /llm/models} stays the API's strict answer (502 when the endpoint fails).
 */
@RestController
class ModelPickerController {

  /** As long as a settings save waits for the same list; the fetch goes on in the background and fills the client's cache. */
  static final Duration WAIT = Duration.ofSeconds(3);

  private final LlmAccess llm;

  ModelPickerController(LlmAccess llm) {
    this.llm = llm;
  }

  /** One model as the picker shows it: prices in USD per million tokens (zero when free or unknown). */
  record ModelOption(
      String id,
      String name,
      int contextLength,
      BigDecimal promptUsdPerMillion,
      BigDecimal completionUsdPerMillion,
      boolean structuredOutputs) {
    static ModelOption of(LlmModel m) {
      return new ModelOption(
          m.id(),
          m.name(),
          m.contextLength(),
          m.promptPricePerMTokens(),
          m.completionPricePerMTokens(),
          m.supportsStructuredOutputs());
    }
  }

  record ModelChoice(List<ModelOption> models, String note) {}

  @GetMapping("/cfg/models")
  ModelChoice models() {
    try {
      List<LlmModel> models =
          CompletableFuture.supplyAsync(() -> llm.client().models())
              .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return new ModelChoice(
          models.stream().map(ModelOption::of).toList(),
          models.isEmpty() ? "the LLM endpoint lists no models" : null);
    } catch (ExecutionException e) {
      return new ModelChoice(
          List.of(),
          e.getCause() instanceof LlmException l
              ? l.getMessage()
              : "the LLM endpoint failed to list its models");
    } catch (TimeoutException e) {
      return new ModelChoice(
          List.of(), "the LLM endpoint did not list its models within " + WAIT.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ModelChoice(List.of(), "interrupted");
    }
  }
}
