package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.config.InvalidFieldsException;
import io.tai2.config.InvalidSettingsChangeException;
import io.tai2.config.StrictJson;
import io.tai2.execution.DecisionExecution;
import io.tai2.history.DecisionRecord;
import io.tai2.history.DecisionRepository;
import io.tai2.history.PromptVersion;
import io.tai2.reasoning.Decision;
import io.tai2.reasoning.DecisionJson;
import io.tai2.reasoning.EngineChat;
import io.tai2.reasoning.LlmAccess;
import io.tai2.reasoning.LlmModel;
import io.tai2.reasoning.LlmReply;
import io.tai2.reasoning.Prompt;
import io.tai2.reasoning.PromptVersions;
import io.tai2.reasoning.ReasoningEngine;
import io.tai2.reasoning.ReasoningEngine.PromptRequest;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.reasoning.ReasoningSettingsStore;
import io.tai2.settings.RuntimeSettingsService;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reasoning engine over HTTP: prompt preview (no side effects), one prompt cycle, the decision log, prompt versions,
 * the model list and the ENGINE chat. Check failures answer with their status: 404 unknown symbol or version, 409 hold
 * rule or a cycle already running, 423 risk lock, 503 no or stale snapshot.
 */
@RestController
class LlmController {

  private final ObjectProvider<ReasoningEngine> engine;
  private final ObjectProvider<EngineChat> chat;
  private final PromptVersions versions;
  private final DecisionRepository decisions;
  private final LlmAccess llm;
  private final ReasoningSettingsStore settings;
  private final ObjectProvider<DecisionExecution> execution;
  private final RuntimeSettingsService runtimeSettings;
  private final RiskyChanges riskyChanges;

  LlmController(
      ObjectProvider<ReasoningEngine> engine,
      ObjectProvider<EngineChat> chat,
      PromptVersions versions,
      DecisionRepository decisions,
      LlmAccess llm,
      ReasoningSettingsStore settings,
      ObjectProvider<DecisionExecution> execution,
      RuntimeSettingsService runtimeSettings,
      RiskyChanges riskyChanges) {
    this.riskyChanges = riskyChanges;
    this.execution = execution;
    this.runtimeSettings = runtimeSettings;
    this.settings = settings;
    this.engine = engine;
    this.chat = chat;
    this.versions = versions;
    this.decisions = decisions;
    this.llm = llm;
  }

  record PromptView(
      String symbol,
      String timeframe,
      String model,
      String promptVersionId,
      String promptVersionName,
      String versionChoice,
      String hash,
      String system,
      String user,
      JsonNode context,
      JsonNode responseSchema,
      Instant snapshotAt,
      BigDecimal price,
      List<String> blockers) {

    static PromptView of(Prompt p, String choice, List<String> blockers) {
      return new PromptView(
          p.symbol(),
          p.timeframe(),
          p.model(),
          p.versionId().map(UUID::toString).orElse(null),
          p.versionName(),
          choice,
          p.hash(),
          p.system(),
          p.user(),
          Json.parse(p.contextJson()),
          Json.parse(p.responseSchemaJson()),
          p.snapshotAt(),
          p.price(),
          blockers);
    }
  }

  @Operation(
      summary =
          "The prompt that would be sent now for a symbol (no side effects), with what would block a run")
  @GetMapping("/llm/prompt")
  PromptView prompt(
      @RequestParam String symbol,
      @RequestParam Optional<String> timeframe,
      @RequestParam Optional<String> model,
      @RequestParam("prompt_version_id") Optional<UUID> version) {
    ReasoningEngine.Preview preview =
        engine().preview(new PromptRequest(symbol, timeframe, model, version));
    return PromptView.of(preview.prompt(), preview.versionChoice(), preview.blockers());
  }

  record LlmUse(
      String model,
      Long latencyMs,
      Long promptTokens,
      Long completionTokens,
      BigDecimal costUsd,
      int attempts) {
    static LlmUse of(LlmReply r) {
      return new LlmUse(
          r.model(),
          r.latency().toMillis(),
          boxed(r.usage().promptTokens()),
          boxed(r.usage().completionTokens()),
          r.usage().costUsd().orElse(null),
          r.attempts());
    }

    private static Long boxed(OptionalLong v) {
      return v.isPresent() ? v.getAsLong() : null;
    }
  }

  /** What execution did: {@code kind} (nothing_to_do, blocked, paper, filled, …), the status line and the guardrail verdict. */
  record Execution(String kind, String status, JsonNode guardrailVerdict, Long internalLatencyMs) {}

  record CycleView(
      String decisionId,
      String symbol,
      String status,
      JsonNode decision,
      String rejectionReason,
      String promptHash,
      String promptVersionId,
      String promptVersionName,
      String versionChoice,
      LlmUse llm,
      Execution execution) {}

  @Operation(
      summary =
          "Run one prompt cycle for a symbol: prompt, LLM, validated decision, recorded (query or form parameters)")
  @PostMapping("/llm/execute")
  CycleView execute(
      @RequestParam String symbol,
      @RequestParam Optional<String> timeframe,
      @RequestParam Optional<String> model,
      @RequestParam("prompt_version_id") Optional<UUID> version) {
    ReasoningEngine.Cycle cycle =
        engine().run(new PromptRequest(symbol, timeframe, model, version));
    Decision decision = cycle.decision();
    Prompt p = cycle.prompt();
    DecisionExecution.Outcome outcome =
        required(execution.getIfAvailable())
            .handle(cycle.decisionId(), p.symbol(), decision, p.price(), p.snapshotAt());
    Execution execution =
        new Execution(
            outcome.kind(),
            outcome.status(),
            outcome.verdict().map(v -> Json.parse(v.toJson())).orElse(null),
            outcome.internalLatency().map(Duration::toMillis).orElse(null));
    return new CycleView(
        cycle.decisionId().toString(),
        p.symbol(),
        cycle.status(),
        Json.parse(DecisionJson.text(decision)),
        cycle.error().orElse(null),
        p.hash(),
        p.versionId().map(UUID::toString).orElse(null),
        p.versionName(),
        cycle.versionChoice(),
        cycle.reply().map(LlmUse::of).orElse(null),
        execution);
  }

  @Operation(summary = "The decision log, newest first (optionally one symbol's)")
  @GetMapping("/llm/decisions")
  List<DecisionRecord> decisions(
      @RequestParam(defaultValue = "50") int limit, @RequestParam Optional<String> symbol) {
    if (limit < 1 || limit > 500) {
      throw new BadParameterException("limit", "limit must be between 1 and 500, was " + limit);
    }
    List<DecisionRecord> recent = decisions.recent(symbol.isPresent() ? 500 : limit);
    return symbol
        .map(
            s ->
                recent.stream()
                    .filter(d -> d.symbol().equalsIgnoreCase(s.strip()))
                    .limit(limit)
                    .toList())
        .orElse(recent);
  }

  @Operation(summary = "One decision with its full prompt and raw reply")
  @GetMapping("/llm/decisions/{id}")
  DecisionRecord decision(@PathVariable UUID id) {
    return decisions
        .find(id)
        .orElseThrow(() -> new NoSuchElementException("decision " + id + " not found"));
  }

  record VersionsView(String activeId, List<PromptVersion> versions) {}

  @Operation(summary = "Prompt versions, newest first, and the active one")
  @GetMapping("/llm/versions")
  VersionsView versions(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw new BadParameterException("limit", "limit must be between 1 and 500, was " + limit);
    }
    PromptVersions.Chosen active = versions.active();
    return new VersionsView(
        active.version() == null ? null : active.version().id().toString(), versions.list(limit));
  }

  record NewVersion(
      String name,
      String systemPrompt,
      String decisionPrompt,
      String responseSchema,
      String notes,
      UUID parentId,
      Boolean activate) {}

  @Operation(
      summary =
          "Save a new prompt version (versions are immutable: an edit is a new version); it becomes active only with "
              + "\"activate\": true (name ≤ 200 bytes, each text ≤ 64 KB)")
  @PostMapping("/llm/versions")
  PromptVersion saveVersion(@RequestBody NewVersion body, Authentication who) {
    PromptVersion saved =
        versions.save(
            body.name(),
            body.systemPrompt(),
            body.decisionPrompt(),
            Optional.ofNullable(body.responseSchema()),
            Optional.ofNullable(body.notes()),
            Optional.ofNullable(body.parentId()));
    if (Boolean.TRUE.equals(body.activate())) {
      versions.activate(saved.id(), actor(who));
    }
    return saved;
  }

  @Operation(summary = "Make a prompt version the active one")
  @PostMapping("/llm/versions/{id}/activate")
  VersionsView activate(@PathVariable UUID id, Authentication who) {
    versions.activate(id, actor(who));
    return versions(50);
  }

  @Operation(summary = "Models offered by the LLM endpoint (cached an hour)")
  @GetMapping("/llm/models")
  List<LlmModel> models() {
    return llm.client().models();
  }

  record AbSplitView(UUID versionA, UUID versionB, String mode) {}

  record SettingsView(
      String model,
      Long llmTimeoutSeconds,
      String responseSchemaOverride,
      UUID activeVersion,
      AbSplitView abSplit,
      Integer decisionRetentionDays,
      BigDecimal dailyCostBudgetUsd,
      String timeframe) {

    static SettingsView of(ReasoningSettings s) {
      return new SettingsView(
          s.model(),
          s.llmTimeout().toSeconds(),
          s.responseSchemaOverride().orElse(null),
          s.activeVersion().orElse(null),
          s.abSplit()
              .map(
                  ab ->
                      new AbSplitView(
                          ab.versionA(), ab.versionB(), ab.mode().name().toLowerCase(Locale.ROOT)))
              .orElse(null),
          s.decisionRetentionDays(),
          s.dailyCostBudgetUsd(),
          s.timeframe());
    }
  }

  @Operation(
      summary =
          "The reasoning settings: model, LLM timeout, response-schema override, active version, A/B split, retention, analysis timeframe")
  @GetMapping("/llm/settings")
  SettingsView settings() {
    return SettingsView.of(settings.current());
  }

  /**
   * Changes the reasoning settings: fields left out keep their values ({@code active_version} can never be unset;
   * {@code response_schema_override} or {@code ab_split} set to {@code null} are removed); read strictly and validated
   * like every settings change (see {@link RuntimeSettingsService}) before anything is saved.
   */
  @Operation(
      summary =
          "Change the reasoning settings (partial; read strictly, 400 naming the field; saved with an audit entry)")
  @PutMapping(path = "/llm/settings", consumes = "application/json")
  SettingsView updateSettings(
      @RequestBody String body, Authentication who, HttpServletRequest request) {
    ObjectNode patch = Json.MAPPER.createObjectNode();
    patch.set(ReasoningSettings.DOCUMENT, StrictJson.parse(body));
    try {
      return SettingsView.of(
          runtimeSettings
              .update(
                  patch, actor(who), (before, after) -> riskyChanges.check(before, after, request))
              .reasoning());
    } catch (InvalidSettingsChangeException e) {
      throw e.within(
          ReasoningSettings.DOCUMENT); // this body is the group itself: name its fields as sent
    }
  }

  record ChatQuestion(String symbol, String question, String model) {}

  record ChatAnswer(String answer, LlmUse llm) {}

  @Operation(
      summary = "Ask the LLM about a symbol's current context and recent decisions (ENGINE chat)")
  @PostMapping("/llm/chat")
  ChatAnswer chat(@RequestBody ChatQuestion body) {
    EngineChat c = chat.getIfAvailable();
    if (c == null) {
      throw marketOff();
    }
    if (body.symbol() == null || body.symbol().isBlank()) {
      throw new InvalidFieldsException(
          "symbol", "is required (a tracked pair such as BTC-USDT-SWAP)");
    }
    if (body.question() == null) {
      throw new InvalidFieldsException("question", "is required");
    }
    EngineChat.Answer answer =
        c.ask(body.symbol(), body.question(), Optional.ofNullable(body.model()));
    return new ChatAnswer(answer.text(), LlmUse.of(answer.reply()));
  }

  private ReasoningEngine engine() {
    return required(engine.getIfAvailable());
  }

  private static <T> T required(T bean) {
    if (bean == null) {
      throw marketOff();
    }
    return bean;
  }

  private static ServiceUnavailableException marketOff() {
    return new ServiceUnavailableException(
        "market engine off",
        "the market engine is not running in this process (tai2.market.enabled=false)");
  }

  private static String actor(Authentication who) {
    return who == null ? "operator" : who.getName();
  }
}
