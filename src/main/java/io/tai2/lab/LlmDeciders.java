package io.tai2.lab;

import io.tai2.history.LlmReplyCacheRepository;
import io.tai2.reasoning.LlmClient;
import io.tai2.reasoning.LlmModel;
import io.tai2.reasoning.ModelId;
import io.tai2.reasoning.PromptVersions;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.reasoning.ResponseSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Wires the LLM-backed deciders for one run: the prompt version (requested, else the active one), the model ({@code
 * llm:MODEL}, else the saved one), the reply cache, and a cost estimate made before the first call. A run whose
 * estimate is over the daily LLM budget is refused unless it names its own {@code --max-cost}; the run then stops when
 * its spend reaches that limit (or the budget).
 */
public final class LlmDeciders {

  /**
   * What a prompt costs, as assumed before a run: tai2's prompts with 200 candles and every timeframe's indicators
   * measure about this many tokens, and a decision reply about 300.
   */
  static final long PROMPT_TOKENS = 7_000;

  static final long REPLY_TOKENS = 300;

  /**
   * @param client the LLM client; empty when no API key is set (then only {@code cache} can run)
   * @param settings the saved reasoning settings (model, schema override, daily budget)
   */
  public record Wiring(
      Optional<LlmClient> client,
      LlmReplyCacheRepository cache,
      PromptVersions versions,
      ReasoningSettings settings,
      Clock clock) {}

  /** The estimate shown before a run (and refused over budget). */
  public record Estimate(
      long calls, long promptTokens, long completionTokens, BigDecimal costUsd, boolean priced) {}

  private LlmDeciders() {}

  public static Function<String, Decider> factory(BacktestRequest r, Wiring w, long decisionTimes) {
    return factory(r, w, decisionTimes, estimate -> {});
  }

  /** As {@link #factory(BacktestRequest, Wiring, long)}, telling {@code announce} the estimate before the run. */
  public static Function<String, Decider> factory(
      BacktestRequest r, Wiring w, long decisionTimes, Consumer<String> announce) {
    return name -> {
      boolean cacheOnly = name.equals("cache") || name.startsWith("cache:");
      String model =
          name.contains(":") ? name.substring(name.indexOf(':') + 1) : w.settings().model();
      if (!ModelId.valid(model)) {
        throw new IllegalArgumentException("--decider " + name + ": the model " + ModelId.rule());
      }
      PromptVersions.Chosen chosen;
      try {
        chosen =
            r.promptVersion()
                .map(id -> w.versions().forRun("", Optional.of(id)))
                .orElseGet(() -> w.versions().active());
      } catch (NoSuchElementException e) {
        throw new IllegalArgumentException("--prompt-version: " + e.getMessage());
      }
      JsonNode schema =
          chosen
              .schemaOverride()
              .or(() -> w.settings().responseSchemaOverride())
              .map(BacktestJson::tree)
              .orElseGet(ResponseSchema::json);
      if (cacheOnly) {
        return new LlmDecider(
            model,
            chosen.text(),
            schema,
            Optional.empty(),
            w.cache(),
            Optional.empty(),
            Optional.empty(),
            w.clock());
      }
      LlmClient client =
          w.client()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--decider "
                              + name
                              + " needs an LLM API key (OPENROUTER_API_KEY); --decider cache replays cached replies without one"));
      Optional<LlmModel> pricing = pricing(client, model);
      Estimate estimate = estimate(decisionTimes, pricing);
      BigDecimal budget = w.settings().dailyCostBudgetUsd();
      if (r.maxCost().isEmpty()
          && budget.signum() > 0
          && estimate.costUsd().compareTo(budget) > 0) {
        throw new IllegalArgumentException(
            "this run would ask "
                + model
                + " about "
                + estimate.calls()
                + " times (~"
                + estimate.promptTokens()
                + " prompt and ~"
                + estimate.completionTokens()
                + " completion tokens, about "
                + estimate.costUsd().toPlainString()
                + " USD), over the daily LLM budget of "
                + budget.toPlainString()
                + " USD; give --max-cost USD to allow it");
      }
      announce.accept(
          "LLM "
              + model
              + ": at most "
              + estimate.calls()
              + " calls (cached replies are free), ~"
              + estimate.promptTokens()
              + " prompt and ~"
              + estimate.completionTokens()
              + " completion tokens, "
              + (estimate.priced()
                  ? "about " + estimate.costUsd().toPlainString() + " USD at its list price"
                  : "cost unknown (the endpoint lists no price for it)"));
      Optional<BigDecimal> limit =
          r.maxCost().or(() -> budget.signum() > 0 ? Optional.of(budget) : Optional.empty());
      return new LlmDecider(
          model,
          chosen.text(),
          schema,
          Optional.of(client::complete),
          w.cache(),
          pricing,
          limit,
          w.clock());
    };
  }

  /** Calls, tokens and cost of a run with {@code decisionTimes} decisions and no cache hits, at the model's list prices. */
  public static Estimate estimate(long decisionTimes, Optional<LlmModel> pricing) {
    long in = decisionTimes * PROMPT_TOKENS;
    long out = decisionTimes * REPLY_TOKENS;
    BigDecimal cost =
        pricing
            .map(
                p ->
                    BigDecimal.valueOf(in)
                        .multiply(p.promptPricePerMTokens())
                        .add(BigDecimal.valueOf(out).multiply(p.completionPricePerMTokens()))
                        .divide(BigDecimal.valueOf(1_000_000), 4, RoundingMode.UP))
            .orElse(BigDecimal.ZERO);
    return new Estimate(decisionTimes, in, out, cost, pricing.isPresent());
  }

  private static Optional<LlmModel> pricing(LlmClient client, String model) {
    try {
      List<LlmModel> models = client.models();
      return models.stream().filter(m -> m.id().equals(model)).findFirst();
    } catch (RuntimeException e) {
      return Optional
          .empty(); // unknown prices: the estimate says so (priced=false) and the spend limit still
      // holds
    }
  }
}
