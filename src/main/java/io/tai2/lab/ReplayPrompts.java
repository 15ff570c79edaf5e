package io.tai2.lab;

import io.tai2.history.DecisionRecord;
import io.tai2.reasoning.PriceContext;
import io.tai2.reasoning.PromptBuilder;
import io.tai2.reasoning.PromptText;
import io.tai2.reasoning.PromptVersions;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.reasoning.RecordedPrompt;
import io.tai2.reasoning.ResponseSchema;
import java.math.BigDecimal;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The question a replay asks for one recorded live cycle, around the context that cycle's prompt carried, exactly as
 * recorded: another version's system and decision texts (the recorded model), or the recorded texts for another model.
 * A cycle whose prompt cannot be read back that exactly is skipped with the reason, never asked approximately.
 */
final class ReplayPrompts {

  /** What to do with one recorded cycle. */
  sealed interface Prepared permits Skip, Question {}

  /** The cycle is not replayed; {@code reason} is counted in the report. */
  record Skip(String reason) implements Prepared {}

  /** The messages to send, the schema they answer, and the price facts the reply is checked against. */
  record Question(
      String model,
      Optional<UUID> versionId,
      String system,
      String user,
      JsonNode schema,
      PriceContext price)
      implements Prepared {

    String hash() {
      return PromptBuilder.hash(model, system, user, schema);
    }
  }

  /** Reads the recorded numbers (prices, tick sizes) as decimals, never through a double. */
  static final JsonMapper DECIMALS =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private final ReplayRequest request;
  private final PromptVersions versions;
  private final ReasoningSettings settings;
  private final Optional<PromptVersions.Chosen> chosen;

  /** @throws IllegalArgumentException for a {@code --version} that is not stored */
  ReplayPrompts(ReplayRequest request, PromptVersions versions, ReasoningSettings settings) {
    this.request = request;
    this.versions = versions;
    this.settings = settings;
    try {
      this.chosen = request.version().map(id -> versions.forRun("", Optional.of(id)));
    } catch (NoSuchElementException e) {
      throw new IllegalArgumentException(
          "--version: " + e.getMessage() + " (see GET /api/prompt-versions)");
    }
  }

  Prepared prepare(DecisionRecord d) {
    String recorded = d.prompt().orElse("");
    Optional<String> context = RecordedPrompt.contextOf(recorded);
    if (context.isEmpty()) {
      return new Skip("no_context");
    }
    Optional<PriceContext> price = price(d, context.get());
    if (price.isEmpty()) {
      return new Skip("no_price");
    }
    String recordedModel = d.modelId().orElse(settings.model());
    if (chosen.isPresent()) {
      PromptText text = chosen.get().text();
      Optional<String> swapped = RecordedPrompt.contextFor(context.get(), text);
      if (swapped.isEmpty()) {
        return new Skip("context_format");
      }
      return new Question(
          recordedModel,
          text.versionId(),
          text.system(),
          PromptBuilder.userMessage(text.decision(), swapped.get()),
          schema(chosen),
          price.get());
    }
    Optional<PromptVersions.Chosen> recordedVersion =
        d.promptVersionId().isEmpty()
            ? Optional.of(new PromptVersions.Chosen(null, "defaults"))
            : versions
                .find(d.promptVersionId().get())
                .map(v -> new PromptVersions.Chosen(v, "recorded"));
    JsonNode schema = schema(recordedVersion);
    Optional<RecordedPrompt> texts =
        recordedVersion
            .flatMap(v -> RecordedPrompt.read(recorded, v.text().system()))
            .or(() -> byHash(d, recorded, recordedModel, schema));
    if (texts.isEmpty()) {
      return new Skip("prompt_texts_unknown");
    }
    return new Question(
        request.model().orElseThrow(),
        d.promptVersionId(),
        texts.get().system(),
        texts.get().user(),
        schema,
        price.get());
  }

  /**
   * The one cut of the recorded prompt into system and decision text whose hash is the recorded hash (when the version's
   * texts are gone); empty when none or several match.
   */
  private static Optional<RecordedPrompt> byHash(
      DecisionRecord d, String recorded, String model, JsonNode schema) {
    if (d.promptHash().isEmpty()) {
      return Optional.empty();
    }
    List<RecordedPrompt> matching =
        RecordedPrompt.splits(recorded).stream()
            .filter(
                p ->
                    PromptBuilder.hash(model, p.system(), p.user(), schema)
                        .equals(d.promptHash().get()))
            .toList();
    return matching.size() == 1 ? Optional.of(matching.getFirst()) : Optional.empty();
  }

  /** The schema a run of this version answers, as for a backtest: the version's override, the saved one, the shipped one. */
  private JsonNode schema(Optional<PromptVersions.Chosen> version) {
    return version
        .flatMap(PromptVersions.Chosen::schemaOverride)
        .or(settings::responseSchemaOverride)
        .map(BacktestJson::tree)
        .orElseGet(ResponseSchema::json);
  }

  /** The recorded snapshot price (else the context's last price) and the instrument's tick size from the context. */
  private static Optional<PriceContext> price(DecisionRecord d, String context) {
    try {
      JsonNode c = DECIMALS.readTree(context);
      Optional<BigDecimal> last =
          d.snapshotPrice().or(() -> decimal(c.path("market").path("last_price")));
      Optional<BigDecimal> tick = decimal(c.path("instrument").path("tick_size"));
      return last.isEmpty() || tick.isEmpty()
          ? Optional.empty()
          : Optional.of(new PriceContext(d.symbol(), last.get(), tick.get()));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  static Optional<BigDecimal> decimal(JsonNode node) {
    return node.isNumber() ? Optional.of(node.decimalValue()) : Optional.empty();
  }
}
