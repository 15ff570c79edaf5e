package io.tai2.web;

import io.tai2.config.DisplaySettings;
import io.tai2.config.SettingsDocument;
import io.tai2.history.DecisionRecord;
import io.tai2.history.DecisionRepository;
import io.tai2.history.PromptVersion;
import io.tai2.market.MarketEngine;
import io.tai2.reasoning.EngineChat;
import io.tai2.reasoning.LlmException;
import io.tai2.reasoning.PromptVersions;
import io.tai2.reasoning.ReasoningEngine;
import io.tai2.reasoning.ReasoningException;
import io.tai2.scheduler.PromptScheduler;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * ENGINE: the decision log (filter by symbol, model, prompt version, outcome; each decision's prompt, reply, verdict
 * with every guardrail check and what execution did), the prompt preview, the chat with the LLM and the scheduler.
 */
@Controller
class EngineController {

  private final DecisionRepository decisions;
  private final PromptVersions versions;
  private final ObjectProvider<ReasoningEngine> reasoning;
  private final ObjectProvider<EngineChat> chat;
  private final ObjectProvider<PromptScheduler> scheduler;
  private final ObjectProvider<MarketEngine> market;
  private final ChampionCard champion;
  private final SettingsDocument<DisplaySettings> display;

  EngineController(
      DecisionRepository decisions,
      PromptVersions versions,
      ObjectProvider<ReasoningEngine> reasoning,
      ObjectProvider<EngineChat> chat,
      ObjectProvider<PromptScheduler> scheduler,
      ObjectProvider<MarketEngine> market,
      ChampionCard champion,
      SettingsDocument<DisplaySettings> display) {
    this.champion = champion;
    this.display = display;
    this.decisions = decisions;
    this.versions = versions;
    this.reasoning = reasoning;
    this.chat = chat;
    this.scheduler = scheduler;
    this.market = market;
  }

  /** A decision log row; {@code at} in the display zone, which the column header names. */
  record LogRow(
      String id,
      String at,
      String symbol,
      String model,
      String version,
      String outcome,
      String action,
      String execution,
      String latency,
      String tokens,
      String cost) {}

  record Check(String rule, String result, String change, String detail) {}

  record Detail(
      String id,
      String at,
      String symbol,
      String model,
      String version,
      String outcome,
      String reason,
      String decision,
      String prompt,
      String reply,
      String verdict,
      List<Check> checks,
      String execution,
      String latency,
      String tokens,
      String cost,
      String snapshot) {}

  @GetMapping("/engine")
  String page(
      Model model,
      @RequestParam Optional<String> symbol,
      @RequestParam Optional<String> llm,
      @RequestParam Optional<String> version,
      @RequestParam Optional<String> outcome) {
    model.addAttribute("page", Page.ENGINE);
    model.addAttribute("symbols", symbols());
    model.addAttribute("versions", versions.list(50));
    log(model, symbol, llm, version, outcome);
    schedulerCard(model);
    champion.addTo(model, ChampionCard.ENGINE);
    return "engine";
  }

  @GetMapping("/engine/log")
  String logFragment(
      Model model,
      @RequestParam Optional<String> symbol,
      @RequestParam Optional<String> llm,
      @RequestParam Optional<String> version,
      @RequestParam Optional<String> outcome) {
    log(model, symbol, llm, version, outcome);
    return "engine :: log";
  }

  @GetMapping("/engine/decision/{id}")
  String detail(Model model, @PathVariable UUID id) {
    model.addAttribute("detail", decisions.find(id).map(d -> detail(d, zone())).orElse(null));
    return "engine :: detail";
  }

  @GetMapping("/engine/scheduler")
  String schedulerFragment(Model model) {
    schedulerCard(model);
    return "engine :: scheduler";
  }

  @GetMapping("/engine/preview")
  String preview(Model model, @RequestParam String symbol) {
    ReasoningEngine engine = reasoning.getIfAvailable();
    if (engine == null) {
      model.addAttribute(
          "previewError",
          "the reasoning engine needs the market engine, which is off in this process");
      return "engine :: preview";
    }
    try {
      ReasoningEngine.Preview p = engine.preview(ReasoningEngine.PromptRequest.of(symbol));
      model.addAttribute("preview", p);
    } catch (ReasoningException | IllegalArgumentException e) {
      model.addAttribute("previewError", e.getMessage());
    }
    return "engine :: preview";
  }

  @PostMapping("/engine/chat")
  String chat(Model model, @RequestParam String symbol, @RequestParam String question) {
    EngineChat c = chat.getIfAvailable();
    if (c == null) {
      model.addAttribute(
          "chatError", "the chat needs the market engine, which is off in this process");
    } else if (question.isBlank()) {
      model.addAttribute("chatError", "ask a question first");
    } else {
      try {
        EngineChat.Answer answer = c.ask(symbol, question.strip(), Optional.empty());
        model.addAttribute("answer", answer.text());
        model.addAttribute("answerModel", answer.model());
      } catch (ReasoningException | LlmException | IllegalArgumentException e) {
        model.addAttribute("chatError", e.getMessage());
      }
    }
    model.addAttribute("question", question);
    return "engine :: chat";
  }

  private List<String> symbols() {
    return Optional.ofNullable(market.getIfAvailable())
        .map(MarketEngine::symbols)
        .orElse(List.of());
  }

  private void log(
      Model model,
      Optional<String> symbol,
      Optional<String> llm,
      Optional<String> version,
      Optional<String> outcome) {
    Optional<String> s =
        symbol.map(v -> v.strip().toUpperCase(Locale.ROOT)).filter(v -> !v.isEmpty());
    Optional<String> m = llm.map(String::strip).filter(v -> !v.isEmpty());
    Optional<String> o =
        outcome.map(v -> v.strip().toUpperCase(Locale.ROOT)).filter(v -> !v.isEmpty());
    Optional<UUID> v;
    try {
      v = version.filter(x -> !x.isBlank()).map(UUID::fromString);
    } catch (IllegalArgumentException e) {
      v = Optional.empty();
    }
    ZoneId zone = zone();
    Map<UUID, String> names =
        versions.list(200).stream()
            .collect(Collectors.toMap(PromptVersion::id, PromptVersion::name, (a, b) -> a));
    List<LogRow> rows =
        decisions.search(s, m, v, o, 100).stream()
            .map(
                d ->
                    new LogRow(
                        d.id().toString(),
                        Fmt.bareTime(d.createdAt(), zone),
                        d.symbol(),
                        d.modelId().orElse("–"),
                        d.promptVersionId()
                                .map(id -> names.getOrDefault(id, id.toString().substring(0, 8)))
                                .orElse("–")
                            + d.versionChoice().map(c -> " (" + c + ")").orElse(""),
                        d.outcome(),
                        action(d),
                        d.executionStatus()
                            .map(x -> x.length() > 90 ? x.substring(0, 90) + "…" : x)
                            .orElse("–"),
                        d.latencyMs().map(ms -> ms + " ms").orElse("–"),
                        tokens(d),
                        d.costUsd()
                            .map(c -> "$" + c.stripTrailingZeros().toPlainString())
                            .orElse("–")))
            .toList();
    model.addAttribute("log", rows);
    model.addAttribute(
        "filters",
        Map.of(
            "symbol",
            s.orElse(""),
            "llm",
            m.orElse(""),
            "version",
            v.map(UUID::toString).orElse(""),
            "outcome",
            o.orElse("")));
  }

  record OutcomeRow(String symbol, String outcome, String at, boolean error) {}

  record SchedulerView(
      boolean enabled,
      String state,
      String lastRun,
      String nextRun,
      boolean running,
      String lastError,
      List<OutcomeRow> outcomes) {}

  private void schedulerCard(Model model) {
    ZoneId zone = zone();
    model.addAttribute(
        "scheduler",
        Optional.ofNullable(scheduler.getIfAvailable())
            .map(PromptScheduler::status)
            .map(
                s ->
                    new SchedulerView(
                        s.enabled(),
                        s.enabled()
                            ? "on, every "
                                + s.intervalSeconds()
                                + " s, "
                                + s.maxConcurrent()
                                + " at a time"
                            : "off",
                        s.lastRunAt().map(t -> Fmt.time(t, zone)).orElse("never"),
                        s.nextRunAt().map(t -> Fmt.time(t, zone)).orElse("–"),
                        s.running(),
                        s.lastError().orElse(""),
                        s.outcomes().stream()
                            .map(
                                o ->
                                    new OutcomeRow(
                                        o.symbol(),
                                        o.outcome() + o.detail().map(x -> ": " + x).orElse(""),
                                        Fmt.time(o.ranAt(), zone),
                                        o.outcome().equals("error")))
                            .toList()))
            .orElse(null));
  }

  /** The zone the page writes times in ({@code ui.timezone}). */
  private ZoneId zone() {
    return display.current().timeZone();
  }

  private static String action(DecisionRecord d) {
    return d.decisionJson()
        .map(
            j -> {
              try {
                return Json.parse(j).path("action").asString("–");
              } catch (RuntimeException e) {
                return "–";
              }
            })
        .orElse("–");
  }

  private static String tokens(DecisionRecord d) {
    return d.promptTokens().isEmpty() && d.completionTokens().isEmpty()
        ? "–"
        : d.promptTokens().map(String::valueOf).orElse("?")
            + " + "
            + d.completionTokens().map(String::valueOf).orElse("?");
  }

  /** A guardrail verdict as the decision log stores it, in words and checks; also for LAB's backtest decisions. */
  record Verdict(String text, List<Check> checks) {

    static Verdict of(Optional<String> json) {
      List<Check> checks = new ArrayList<>();
      String verdict = "–";
      if (json.isPresent()) {
        try {
          JsonNode v = Json.parse(json.get());
          verdict =
              v.path("verdict").asString("–")
                  + (v.hasNonNull("rule") ? " by " + v.path("rule").asString() : "")
                  + (v.hasNonNull("reason") ? ": " + v.path("reason").asString() : "");
          for (JsonNode c : v.path("checks")) {
            String before = c.path("before").asString("");
            String after = c.path("after").asString("");
            checks.add(
                new Check(
                    c.path("rule").asString(),
                    c.path("result").asString(),
                    after.isEmpty() || after.equals(before) ? before : before + " → " + after,
                    c.path("detail").asString("")));
          }
        } catch (RuntimeException e) {
          verdict = "unreadable verdict";
        }
      }
      return new Verdict(verdict, checks);
    }
  }

  private static Detail detail(DecisionRecord d, ZoneId zone) {
    Verdict v = Verdict.of(d.guardrailVerdictJson());
    String verdict = v.text();
    List<Check> checks = v.checks();
    return new Detail(
        d.id().toString(),
        Fmt.time(d.createdAt(), zone),
        d.symbol(),
        d.modelId().orElse("–"),
        d.promptVersionId().map(UUID::toString).orElse("–"),
        d.outcome(),
        d.rejectionReason().orElse(""),
        d.decisionJson().orElse("–"),
        d.prompt().orElse("–"),
        d.rawReply().orElse("–"),
        verdict,
        checks,
        d.executionStatus().orElse("–"),
        d.latencyMs().map(ms -> ms + " ms").orElse("–"),
        tokens(d),
        d.costUsd().map(c -> "$" + c.stripTrailingZeros().toPlainString()).orElse("–"),
        d.snapshotPrice().map(p -> p.stripTrailingZeros().toPlainString()).orElse("–")
            + d.snapshotAt().map(t -> " at " + Fmt.time(t, zone)).orElse(""));
  }
}
